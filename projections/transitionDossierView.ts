import type { CommissionMember } from '../src/domain/events/transitionEvents.ts';
import type { PersonalText } from '../src/domain/personalText.ts';
import type { LedgerView } from './ledgerViewTypes.ts';
import { transitionStatus, type TransitionStatus } from './localGovernmentView.ts';
import { inLogOrder, provenance, type Provenance } from './viewCommon.ts';
import type { DossierFiling, DossierObservation, TransitionDossierView } from './readModelSchemas.ts';

export type { DossierFiling, DossierObservation, TransitionDossierView } from './readModelSchemas.ts';

/** Everything a transition commission recorded, or undefined when it was not formed at that point. */
export function transitionDossierView(view: LedgerView, transitionId: string): TransitionDossierView | undefined {
  const t = view.transitions.get(transitionId);
  if (!t) return undefined;
  const side = (s: CommissionMember['side']) =>
    t.members.filter((m) => m.side === s).map(({ name, role }) => ({ name, role }));
  const observations = inLogOrder(t.observations).map((o): DossierObservation => ({
    observationId: o.observationId,
    itemId: o.itemId ?? null,
    text: o.text,
    raisedOn: o.raisedOn,
    resolution: o.resolution ? { resolution: o.resolution.resolution, resolvedOn: o.resolution.resolvedOn } : null,
  }));
  return {
    ...provenance(view),
    transitionId,
    directive: t.directive,
    lgId: t.lgId,
    outgoingTermId: t.outgoingTermId,
    incomingTermId: t.incomingTermId,
    formedOn: t.formedOn,
    status: transitionStatus(t),
    commission: { outgoing: side('outgoing'), incoming: side('incoming') },
    decisions: inLogOrder(t.decisions).map(({ decisionId, subject, decision, decidedOn }) => ({ decisionId, subject, decision, decidedOn })),
    items: inLogOrder(t.items).map(({ itemId, category, ref, description, recordedOn }) => ({
      itemId, category, ref: ref ?? null, description, recordedOn,
    })),
    observations: {
      open: observations.filter((o) => o.resolution === null),
      resolved: observations.filter((o) => o.resolution !== null),
    },
    act: t.act ? { signatories: [...t.act.signatories], signedOn: t.act.signedOn } : null,
    filings: t.filings.map((f): DossierFiling => ({ ...f, position: f.position.toString() })),
  };
}
