import type { FiledDocument } from '../src/domain/events/filedDocument.ts';
import type { LedgerView, TransferFiling } from './ledgerViewTypes.ts';

/** One recorded filing that cites a document: where it is in the log and what it says the file is. */
export interface DocumentFiling {
  transitionId: string;
  lgId: string;
  eventType: TransferFiling['type'];
  position: bigint;
  /** Where in the event's data the document is, e.g. `report` or `sections/2/documents/0`. */
  field: string;
  title: string;
  sizeBytes: number;
  contraloriaRef?: string;
  publishedAt?: string;
}

/** The documents a filing carries, each with its field path in the event's data. */
export function documentsOf(filing: TransferFiling): Array<{ field: string; document: FiledDocument }> {
  switch (filing.type) {
    case 'TransferTeamDesignated':
      return [{ field: 'instrument', document: filing.data.instrument }];
    case 'TransferTeamInstalled':
    case 'TransferCommissionInstalled':
      return [{ field: 'installationAct', document: filing.data.installationAct }];
    case 'AccountabilityReportFiled':
    case 'SupplementaryReportFiled':
      return [{ field: 'report', document: filing.data.report }];
    case 'TransferReportFiled':
      return [
        { field: 'report', document: filing.data.report },
        ...filing.data.sections.flatMap((s, i) => s.documents.map((document, j) => ({ field: `sections/${i}/documents/${j}`, document }))),
      ];
    case 'TransferActSigned':
      return [{ field: 'act', document: filing.data.act }];
    default: {
      const _exhaustive: never = filing;
      return _exhaustive;
    }
  }
}

/**
 * Every filing of the view that records the document of this SHA-256, in log order: what an
 * auditor holding a published PDF checks it against. Retracted filings are not in the view, so
 * they are not answered either.
 */
export function documentFilings(view: LedgerView, sha256: string): DocumentFiling[] {
  const found: DocumentFiling[] = [];
  for (const t of view.transitions.values()) {
    for (const filing of t.filings) {
      for (const { field, document } of documentsOf(filing)) {
        if (document.sha256 !== sha256) continue;
        found.push({
          transitionId: t.transitionId, lgId: t.lgId, eventType: filing.type, position: filing.position, field,
          title: document.title, sizeBytes: document.sizeBytes,
          ...(document.contraloriaRef !== undefined && { contraloriaRef: document.contraloriaRef }),
          ...(document.publishedAt !== undefined && { publishedAt: document.publishedAt }),
        });
      }
    }
  }
  return found.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
}
