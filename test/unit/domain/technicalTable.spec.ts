import { describe, it } from 'vitest';
import { given } from '../../support/decider.ts';
import { CHUMBIVILCAS, QUINOTA, lgRegistered, memberJoined, tableEstablished } from './fixtures.ts';

describe('a technical table', () => {
  const provincial = lgRegistered({ lgId: CHUMBIVILCAS, name: 'Municipalidad Provincial de Chumbivilcas', level: 'provincial' });

  it('is established among registered local governments', () => {
    const table = tableEstablished({ lgIds: [CHUMBIVILCAS, QUINOTA] });
    given([lgRegistered(), provincial]).when(table).then([table]);
  });

  it('is not established with a local government that is not registered', () => {
    given([lgRegistered()]).when(tableEstablished({ lgIds: [QUINOTA, CHUMBIVILCAS] })).thenViolates('LOCAL_GOVERNMENT_UNKNOWN');
  });

  it('is established only once', () => {
    given([lgRegistered(), tableEstablished()]).when(tableEstablished({ name: 'Otra mesa' })).thenViolates('TABLE_ALREADY_ESTABLISHED');
  });

  it('is joined by members once established', () => {
    given([lgRegistered(), tableEstablished()]).when(memberJoined()).then([memberJoined()]);
  });

  it('that was never established is not joined', () => {
    given([lgRegistered()]).when(memberJoined()).thenViolates('TABLE_UNKNOWN');
  });

  it('is not joined before it was established', () => {
    given([lgRegistered(), tableEstablished()]).when(memberJoined({ joinedOn: '2018-02-28' })).thenViolates('DATED_BEFORE_SUBJECT');
  });
});
