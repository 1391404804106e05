import type { EventOf } from '../events/catalogue.ts';
import type { LedgerState, PlanState } from '../ledgerState.ts';
import { termOn } from '../terms.ts';
import {
  getExistingLocalGovernment,
  getExistingPlan,
  getExistingTerm,
  requireNotBefore,
  requirePlanOf,
} from './lookups.ts';
import { idKeys } from '../recordedIds.ts';
import { violate } from './violate.ts';

export type PlanEvent = EventOf<'plan'>;

/** Rules of the `plan-{planId}` stream: versions, adoption, recognition, inheritance. */
export function checkPlanEvent(event: PlanEvent, state: LedgerState): void {
  switch (event.type) {
    case 'PlanDrafted': {
      const { planId, lgId } = event.data;
      if (state.recordedIds.has(idKeys.plan(planId))) violate('PLAN_ALREADY_DRAFTED', `plan ${planId} is already drafted`, { planId });
      getExistingLocalGovernment(state, lgId);
      return;
    }
    case 'PlanUpdated': {
      const { planId, version, updatedOn } = event.data;
      const plan = getExistingPlan(state, planId);
      requireNotBefore(updatedOn, plan.draftedOn, `plan ${planId} was drafted`);
      if (version !== plan.version + 1) {
        violate(
          'PLAN_VERSION_NOT_CONSECUTIVE',
          `plan ${planId} is at version ${plan.version}: the next update is version ${plan.version + 1}, not ${version}`,
          { planId, currentVersion: plan.version, version },
        );
      }
      return;
    }
    case 'PlanAdopted': {
      const { planId, version, adoptedOn } = event.data;
      const plan = getExistingPlan(state, planId);
      requireNotBefore(adoptedOn, plan.draftedOn, `plan ${planId} was drafted`);
      if (version > plan.version) {
        violate('PLAN_VERSION_UNKNOWN', `plan ${planId} has no version ${version}: its current version is ${plan.version}`, {
          planId,
          currentVersion: plan.version,
          version,
        });
      }
      if (plan.adoptedVersion !== undefined && version <= plan.adoptedVersion) {
        violate(
          'PLAN_VERSION_ALREADY_ADOPTED',
          `plan ${planId} was adopted at version ${plan.adoptedVersion} on ${plan.adoptedOn}: version ${version} cannot be adopted now`,
          { planId, adoptedVersion: plan.adoptedVersion, adoptedOn: plan.adoptedOn, version },
        );
      }
      return;
    }
    case 'PlanRecognizedAsPublicPolicy': {
      const { planId, recognizedOn } = event.data;
      const plan = getExistingPlan(state, planId);
      requireAdoptedBy(plan, recognizedOn);
      if (plan.recognizedOn !== undefined) {
        violate('PLAN_ALREADY_RECOGNIZED', `plan ${planId} was already recognized as public policy on ${plan.recognizedOn}`, {
          planId,
          recognizedOn: plan.recognizedOn,
        });
      }
      return;
    }
    case 'PlanInheritanceDecided': {
      const { planId, lgId, termId, decidedOn } = event.data;
      const plan = getExistingPlan(state, planId);
      const lg = getExistingLocalGovernment(state, lgId);
      requirePlanOf(plan, lgId);
      const term = getExistingTerm(lg, termId);
      const inOffice = termOn(lg.terms, decidedOn);
      if (inOffice?.termId !== termId) {
        const who = inOffice ? `term ${inOffice.termId} was` : 'no term was';
        violate(
          'INHERITANCE_NOT_BY_TERM_IN_OFFICE',
          `term ${termId} cannot decide on ${decidedOn}: ${who} in office in local government ${lgId} that day`,
          { planId, lgId, termId, decidedOn, termInOffice: inOffice?.termId },
        );
      }
      const adoptedOn = requireAdoptedBy(plan, decidedOn);
      if (adoptedOn >= term.startedOn) {
        violate(
          'PLAN_NOT_INHERITED',
          `plan ${planId} was adopted on ${adoptedOn}, under term ${termId} (started on ${term.startedOn}): there is nothing to inherit`,
          { planId, termId, adoptedOn, termStartedOn: term.startedOn },
        );
      }
      const previous = plan.inheritance.get(termId);
      if (previous !== undefined) {
        violate(
          'INHERITANCE_ALREADY_DECIDED',
          `term ${termId} already decided to ${previous.decision} plan ${planId} on ${previous.decidedOn}`,
          { planId, termId, decision: previous.decision, decidedOn: previous.decidedOn },
        );
      }
      return;
    }
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

/**
 * The day from which the plan is adopted, refusing one not adopted on or before `date`. A plan
 * recognized as public policy whose adoption was retracted still counts, from its recognition.
 */
export function requireAdoptedBy(plan: PlanState, date: string): string {
  const since = plan.adoptedOn ?? plan.recognizedOn;
  if (since === undefined || since > date) {
    const why = since === undefined ? 'it is not adopted' : `it was only adopted on ${since}`;
    violate('PLAN_NOT_ADOPTED', `plan ${plan.planId} is not adopted on ${date}: ${why}`, {
      planId: plan.planId,
      date,
      adoptedOn: since,
    });
  }
  return since;
}
