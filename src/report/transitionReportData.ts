import { inheritedPlansView, type InheritedPlan } from '../../projections/inheritedPlansView.ts';
import type { LedgerView } from '../../projections/ledgerView.ts';
import { transitionDossierView, type TransitionDossierView } from '../../projections/transitionDossierView.ts';
import type { Checkpoint } from '../audit/checkpoint.ts';
import type { StoredEvent } from '../records/storedEvent.ts';
import { streams as streamNames } from '../domain/streams.ts';

/** One dated line of the report's timeline. */
export interface TimelineEntry {
  date: string;
  kind: 'formed' | 'item' | 'observation' | 'resolution' | 'decision' | 'act';
  ref: string;
  /** The handover category of an item (`budget`, `asset`…), for the reader's language to name. */
  category?: string;
  text: string;
}

/** An allocation citing an inherited plan, with the title of the project it funds. */
export type ReportAllocation = InheritedPlan['allocations'][number] & { projectTitle: string | null };

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
  /** Last position folded into what the report shows. */
  atPosition: string;
  /** The point in time asked for, if any (the present otherwise). */
  requested: { asOf?: string; atPosition?: string };
  lgName: string;
  dossier: TransitionDossierView;
  timeline: TimelineEntry[];
  /** Plans inherited by the transition's incoming term, whatever term is in office today. */
  inheritedPlans: InheritedPlan[];
  allocations: ReportAllocation[];
  provenance: ReportProvenance;
}

/**
 * Gathers the report of a transition from `view` (the head of the log, or the point in time
 * `requested` names): the dossier, a dated timeline, the plans the transition's incoming term
 * inherited with its decisions and the allocations citing them. Undefined when the transition was
 * not formed at that point.
 */
export async function transitionReportData(
  view: LedgerView,
  /** The events that concern a local government (LedgerReader.eventsConcerning: the one definition, lgScope.ts). */
  concerning: (lgId: string) => Promise<readonly StoredEvent[]>,
  transitionId: string,
  audit: { leafIndexOf: (eventId: string) => number | null; checkpoint: Checkpoint | null; keyFingerprint: string | null },
  generatedAt: string,
  requested: { asOf?: string; atPosition?: string } = {},
  /** Reveals the dossier's personal data for the report's reader (src/personalData/reveal.ts) before any text is built from it. */
  reveal: <T>(value: T) => T = (value) => value,
): Promise<TransitionReportData | undefined> {
  const formed = transitionDossierView(view, transitionId);
  if (!formed) return undefined;
  const dossier = reveal(formed);
  const lg = view.localGovernments.get(dossier.lgId);
  const inheritedPlans = inheritedPlansView(view, dossier.lgId, dossier.incomingTermId)?.plans ?? [];

  const timeline = ([
    { date: dossier.formedOn, kind: 'formed', ref: dossier.transitionId, text: '' },
    ...dossier.items.map((i): TimelineEntry => ({ date: i.recordedOn, kind: 'item', ref: i.itemId, category: i.category, text: i.description })),
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
    requested,
    lgName: lg?.name ?? dossier.lgId,
    dossier,
    timeline,
    inheritedPlans,
    allocations: inheritedPlans.flatMap((p) => p.allocations).map((a) => ({ ...a, projectTitle: view.projects.get(a.projectId)?.title ?? null })),
    provenance: {
      lastEvent: last ? { id: last.id, position: last.position.toString(), leafIndex } : null,
      checkpoint: audit.checkpoint,
      covered,
      keyFingerprint: audit.keyFingerprint,
    },
  };
}
