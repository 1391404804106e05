import { describe, it } from 'vitest';
import { given } from '../../support/decider.ts';
import { CHUMBIVILCAS, QUINOTA, TABLE, fundingCommitted, lgRegistered, projectRegistered, tableEstablished } from './fixtures.ts';

describe('a project', () => {
  it('is registered for registered local governments', () => {
    given([lgRegistered()]).when(projectRegistered()).then([projectRegistered()]);
  });

  it('is not registered for a local government that is not registered', () => {
    given([lgRegistered()]).when(projectRegistered({ lgIds: [QUINOTA, CHUMBIVILCAS] })).thenViolates('LOCAL_GOVERNMENT_UNKNOWN');
  });

  it('is registered only once', () => {
    given([lgRegistered(), projectRegistered()]).when(projectRegistered({ title: 'Otro' })).thenViolates('PROJECT_ALREADY_REGISTERED');
  });
});

describe('a funding commitment', () => {
  const registered = () => [lgRegistered(), projectRegistered()];

  it('is made to a registered project', () => {
    given(registered()).when(fundingCommitted()).then([fundingCommitted()]);
  });

  it('is made at an established technical table', () => {
    const atTable = fundingCommitted({ tableId: TABLE });
    given([...registered(), tableEstablished()]).when(atTable).then([atTable]);
  });

  it('is not made to a project that is not registered', () => {
    given([lgRegistered()]).when(fundingCommitted()).thenViolates('PROJECT_UNKNOWN');
  });

  it('is not made at a table that was never established', () => {
    given(registered()).when(fundingCommitted({ tableId: TABLE })).thenViolates('TABLE_UNKNOWN');
  });

  it('does not reuse a commitment id', () => {
    given([...registered(), fundingCommitted()]).when(fundingCommitted({ funder: 'MINEDU' })).thenViolates('COMMITMENT_ALREADY_RECORDED');
  });

  it('is not dated before the project was registered, nor before the table was established', () => {
    given(registered()).when(fundingCommitted({ committedOn: '2018-03-31' })).thenViolates('DATED_BEFORE_SUBJECT');
    given([...registered(), tableEstablished({ establishedOn: '2018-06-01' })])
      .when(fundingCommitted({ tableId: TABLE, committedOn: '2018-05-01' }))
      .thenViolates('DATED_BEFORE_SUBJECT');
  });
});
