import { describe, expect, it } from 'vitest';
import { documentFilings } from '../../../projections/documentFilings.ts';
import { eventIdAt, type Fact } from '../../support/storedEvents.ts';
import {
  ALL_SECTIONS, accountabilityFiled, document, ettsDesignated, quinota2026, transferActSigned, transferReportFiled, transitionOpened, TRANSFER,
} from '../domain/transferFixtures.ts';
import { given } from './given.ts';

/** Which filings cite a digest: a pure function of the view, so retractions and points in time hold as they do for every read model. */
const annex = document('Anexo: inventario de bienes', { publishedAt: 'https://www.muniquinota.gob.pe/anexo.pdf' });
const sections = ALL_SECTIONS.map((s) => (s.section === 'III' ? { ...s, documents: [document('Otro anexo'), annex] } : s));
// Positions: 1-4 Quiñota and its terms, 5 opened, 6 ETTS, 7 accountability report, 8 transfer report.
const story: Fact[] = [...quinota2026(), transitionOpened(), ettsDesignated(), accountabilityFiled({ report: annex }), transferReportFiled({ sections })];

describe('documentFilings', () => {
  it('given a digest cited by two filings, then both, in log order, each with its event, position, field and the document as recorded', () => {
    given(story).expect((v) => documentFilings(v, annex.sha256)).toEqual([
      { transitionId: TRANSFER, lgId: '080707', eventType: 'AccountabilityReportFiled', position: 7n, field: 'report', title: annex.title, sizeBytes: annex.sizeBytes, contraloriaRef: annex.contraloriaRef, publishedAt: annex.publishedAt },
      { transitionId: TRANSFER, lgId: '080707', eventType: 'TransferReportFiled', position: 8n, field: 'sections/2/documents/1', title: annex.title, sizeBytes: annex.sizeBytes, contraloriaRef: annex.contraloriaRef, publishedAt: annex.publishedAt },
    ]);
  });

  it('given each kind of filing, then its document is found under its own field', () => {
    const act = transferActSigned();
    given([...story, act]).expect((v) => documentFilings(v, act.data.act.sha256).map((f) => [f.eventType, f.field])).toEqual([['TransferActSigned', 'act']]);
    given(story).expect((v) => documentFilings(v, ettsDesignated().data.instrument.sha256).map((f) => f.field)).toEqual(['instrument']);
  });

  it('given a digest no filing cites, then none', () => {
    given(story).expect((v) => documentFilings(v, 'f'.repeat(64))).toEqual([]);
  });

  it('given the accountability report retracted, then only the transfer report cites the annex; as known before the transfer report, only the retracted one did', () => {
    const retracted: Fact[] = [...story, { type: 'EntryRetracted', data: { eventId: eventIdAt(7), reason: 'informe equivocado', retractedOn: '2026-10-25' } }];
    given(retracted).expect((v) => documentFilings(v, annex.sha256).map((f) => f.position)).toEqual([8n]);
    given(retracted).at({ atPosition: 7n }).expect((v) => documentFilings(v, annex.sha256).map((f) => f.position)).toEqual([7n]);
  });
});
