import { complianceBoard, type ComplianceBoardFilter } from '../../../projections/complianceBoard.ts';
import type { LedgerView } from '../../../projections/ledgerViewTypes.ts';
import { transitionCompliance } from '../../../projections/transitionCompliance.ts';

/** The directive's checklist of a transition, as the dossier shows it; undefined when it does not exist at that point. */
export function checklistOf(view: LedgerView, transitionId: string) {
  return transitionCompliance(view, transitionId);
}

/** The transitions of a province (or of every province), as the board lists them. */
export function boardOf(view: LedgerView, filter: ComplianceBoardFilter) {
  return complianceBoard(view, filter);
}
