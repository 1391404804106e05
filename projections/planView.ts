import type { Objective } from '../src/domain/events/planEvents.ts';
import type { LedgerView, PlanState } from './ledgerViewTypes.ts';
import { allocationsCiting, planStatus, type AllocationSummary, type PlanStatus } from './planFacts.ts';
import { termInOffice } from './terms.ts';
import { inLogOrder, provenance, type Provenance } from './viewCommon.ts';
import type { PlanLineageStep, PlanView } from './readModelSchemas.ts';

export type { PlanLineageStep, PlanView } from './readModelSchemas.ts';

/** What happened to a plan at one step of its life. */
export type PlanLineageFact =
  | { step: 'drafted'; on: string; version: 1 }
  | { step: 'updated'; on: string; version: number; summary: string; objectivesReplaced: boolean }
  | { step: 'adopted'; on: string; version: number; instrument: string; termId: string | null }
  | { step: 'recognized-as-public-policy'; on: string; instrument: string }
  | { step: 'inheritance-decided'; on: string; lgId: string; termId: string; decision: 'continue' | 'revise' | 'replace' };

/** A plan and its lineage, or undefined when it was not drafted at that point. */
export function planView(view: LedgerView, planId: string): PlanView | undefined {
  const plan = view.plans.get(planId);
  if (!plan) return undefined;
  const steps: { position: bigint; fact: PlanLineageFact }[] = [
    { position: plan.position, fact: { step: 'drafted', on: plan.draftedOn, version: 1 } },
    ...plan.versions.map((v) => ({
      position: v.position,
      fact: { step: 'updated' as const, on: v.updatedOn, version: v.version, summary: v.summary, objectivesReplaced: v.objectives !== undefined },
    })),
    ...plan.adoptions.map((a) => ({
      position: a.position,
      fact: {
        step: 'adopted' as const, on: a.adoptedOn, version: a.version, instrument: a.instrument,
        termId: termInOffice(view, plan.lgId, a.adoptedOn)?.termId ?? null,
      },
    })),
    ...(plan.recognition
      ? [{
          position: plan.recognition.position,
          fact: { step: 'recognized-as-public-policy' as const, on: plan.recognition.recognizedOn, instrument: plan.recognition.instrument },
        }]
      : []),
    ...plan.inheritanceDecisions.map((d) => ({
      position: d.position,
      fact: { step: 'inheritance-decided' as const, on: d.decidedOn, lgId: d.lgId, termId: d.termId, decision: d.decision },
    })),
  ];
  const lineage = inLogOrder(steps).map((s): PlanLineageStep => ({ ...s.fact, position: s.position.toString() }));
  const { allocations, total } = allocationsCiting(view, planId);
  return {
    ...provenance(view),
    planId,
    lgId: plan.lgId,
    kind: plan.kind,
    title: plan.title,
    horizon: { ...plan.horizon },
    status: planStatus(plan),
    currentVersion: plan.currentVersion,
    objectives: plan.objectives.map((o) => ({ ...o })),
    lineage,
    allocations,
    allocatedTotal: total,
  };
}
