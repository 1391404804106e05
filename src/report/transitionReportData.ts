import { inheritedPlansView, type InheritedPlan } from '../../projections/inheritedPlansView.ts';
import type { LedgerView } from '../../projections/ledgerView.ts';
import { transitionDossierView, type TransitionDossierView } from '../../projections/transitionDossierView.ts';
import type { Checkpoint } from '../audit/checkpoint.ts';
import type { StoredEvent } from '../records/storedEvent.ts';

/** One dated line of the report's timeline. */
export interface TimelineEntry {
  date: string;
  kind: 'formed' | 'item' | 'observation' | 'resolution' | 'decision' | 'act';
  ref: string;
  text: string;
}

/** The audit facts of the report: what vouches for what it shows. */
export interface ReportProvenance {
  /** Position and id of the last event of the streams shown. */
  lastEvent: { id: string; position: string; leafIndex: number | null } | null;
  /** The latest signed checkpoint, and whether its tree includes the last event shown. */
  checkpoint: Checkpoint | null;
  covered: boolean;
  keyFingerprint: string | null;
}

export interface TransitionReportData {
  generatedAt: string;
  atPosition: string;
  lgName: string;
  dossier: TransitionDossierView;
  timeline: TimelineEntry[];
  inheritedPlans: InheritedPlan[];
  provenance: ReportProvenance;
}

/**
 * Gathers the report of a transition from the view at the head of the log: the dossier, a dated
 * timeline, the plans the incoming term inherited with its decisions and the allocations citing
 * them. Undefined when the transition was never formed.
 */
export async function transitionReportData(
  view: LedgerView,
  /** The events that concern a local government (LedgerReader.eventsConcerning: the one definition, lgScope.ts). */
  concerning: (lgId: string) => Promise<readonly StoredEvent[]>,
  transitionId: string,
  audit: { leafIndexOf: (eventId: string) => number | null; checkpoint: Checkpoint | null; keyFingerprint: string | null },
  generatedAt: string,
): Promise<TransitionReportData | undefined> {
  const dossier = transitionDossierView(view, transitionId);
  if (!dossier) return undefined;
  const lg = view.localGovernments.get(dossier.lgId);
  const inheritedPlans = inheritedPlansView(view, dossier.lgId)?.plans ?? [];

  const timeline = ([
    { date: dossier.formedOn, kind: 'formed', ref: dossier.transitionId, text: `${dossier.outgoingTermId} → ${dossier.incomingTermId}` },
    ...dossier.items.map((i): TimelineEntry => ({ date: i.recordedOn, kind: 'item', ref: i.itemId, text: `[${i.category}] ${i.description}` })),
    ...[...dossier.observations.open, ...dossier.observations.resolved].flatMap((o): TimelineEntry[] => [
      { date: o.raisedOn, kind: 'observation', ref: o.observationId, text: o.text },
      ...(o.resolution ? [{ date: o.resolution.resolvedOn, kind: 'resolution' as const, ref: o.observationId, text: o.resolution.resolution }] : []),
    ]),
    ...dossier.decisions.map((d): TimelineEntry => ({ date: d.decidedOn, kind: 'decision', ref: d.decisionId, text: `${d.subject}: ${d.decision}` })),
    ...(dossier.act ? [{ date: dossier.act.signedOn, kind: 'act' as const, ref: dossier.transitionId, text: dossier.act.signatories.join(', ') }] : []),
  ] as TimelineEntry[]).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

  // Everything shown concerns the local government; the report is vouched for once a checkpoint covers the last such event.
  const last = (await concerning(dossier.lgId)).at(-1);
  const leafIndex = last ? audit.leafIndexOf(last.id) : null;
  const covered = audit.checkpoint !== null && leafIndex !== null && audit.checkpoint.treeSize > leafIndex;

  return {
    generatedAt,
    atPosition: dossier.atPosition,
    lgName: lg?.name ?? dossier.lgId,
    dossier,
    timeline,
    inheritedPlans,
    provenance: {
      lastEvent: last ? { id: last.id, position: last.position.toString(), leafIndex } : null,
      checkpoint: audit.checkpoint,
      covered,
      keyFingerprint: audit.keyFingerprint,
    },
  };
}
