import { directiveProcess } from '../src/domain/directives/directives.ts';
import type { LedgerView } from './ledgerViewTypes.ts';
import { actSignedOn } from './localGovernmentView.ts';
import { memoByView } from './memoByView.ts';
import { stagesOf } from './transitionCompliance.ts';
import { inLogOrder, provenance } from './viewCommon.ts';
import type { ComplianceBoard, ComplianceBoardFilter, ComplianceBoardRow } from './readModelSchemas.ts';

export type { ComplianceBoard, ComplianceBoardFilter, ComplianceBoardRow } from './readModelSchemas.ts';

/**
 * Every transition of the ledger with its current stage and its documents done and pending, so a
 * regional office sees at a glance which municipalities are behind. Filters are exact matches on the
 * local government's department and province and on the directive; a transition whose local
 * government the view does not hold matches no department or province filter.
 */
export function complianceBoard(view: LedgerView, filter: ComplianceBoardFilter = {}): ComplianceBoard {
  const matches = (row: ComplianceBoardRow) =>
    (filter.department === undefined || row.department === filter.department) &&
    (filter.province === undefined || row.province === filter.province) &&
    (filter.directive === undefined || row.directive === filter.directive);
  return { ...provenance(view), filter: { ...filter }, transitions: rowsOf(view).filter(matches) };
}

// Every row is computed once per view (views are immutable); a filter only selects among them.
const rowsOf = memoByView((view): ComplianceBoardRow[] =>
  inLogOrder(view.transitions.values()).map((t): ComplianceBoardRow => {
    const lg = view.localGovernments.get(t.lgId);
    const stages = stagesOf(directiveProcess(t.directive), t);
    const documents = stages.flatMap((s) => s.documents);
    const current = stages.find((s) => s.current);
    const signedOn = actSignedOn(t);
    return {
      transitionId: t.transitionId,
      lgId: t.lgId,
      name: lg?.name ?? null,
      level: lg?.level ?? null,
      province: lg?.province ?? null,
      department: lg?.department ?? null,
      directive: t.directive,
      formedOn: t.formedOn,
      currentStage: current ? { stageId: current.stageId, title: current.title } : null,
      documents: {
        done: documents.filter((d) => d.status === 'done').length,
        pending: documents.filter((d) => d.status === 'pending').length,
        notApplicable: documents.filter((d) => d.status === 'not-applicable').length,
      },
      signed: signedOn !== undefined,
      signedOn: signedOn ?? null,
      openObservations: [...t.observations].filter((o) => !o.resolution).length,
    };
  }),
);
