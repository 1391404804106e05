import type {
  LedgerState,
  LocalGovernmentState,
  PlanState,
  ProjectState,
  TableState,
  TransitionState,
} from '../ledgerState.ts';
import type { Term } from '../terms.ts';
import { violate } from './violate.ts';

/*
 * Lookups shared by the rule files. `getExisting*` either returns the subject or refuses the fact
 * with the rule that names the unknown reference.
 */

export function getExistingLocalGovernment(state: LedgerState, lgId: string): LocalGovernmentState {
  return (
    state.localGovernments.get(lgId) ??
    violate('LOCAL_GOVERNMENT_UNKNOWN', `local government ${lgId} is not registered`, { lgId })
  );
}

export function getExistingTerm(lg: LocalGovernmentState, termId: string): Term {
  return (
    lg.terms.find((t) => t.termId === termId) ??
    violate('TERM_UNKNOWN', `term ${termId} has not started for local government ${lg.lgId}`, {
      lgId: lg.lgId,
      termId,
    })
  );
}

export function getExistingPlan(state: LedgerState, planId: string): PlanState {
  return state.plans.get(planId) ?? violate('PLAN_UNKNOWN', `plan ${planId} has not been drafted`, { planId });
}

export function getExistingTransition(state: LedgerState, transitionId: string): TransitionState {
  return (
    state.transitions.get(transitionId) ??
    violate('TRANSITION_UNKNOWN', `the commission of transition ${transitionId} has not been formed`, { transitionId })
  );
}

export function getExistingTable(state: LedgerState, tableId: string): TableState {
  return (
    state.tables.get(tableId) ??
    violate('TABLE_UNKNOWN', `technical table ${tableId} has not been established`, { tableId })
  );
}

export function getExistingProject(state: LedgerState, projectId: string): ProjectState {
  return (
    state.projects.get(projectId) ??
    violate('PROJECT_UNKNOWN', `project ${projectId} is not registered`, { projectId })
  );
}

/** Refuses a fact dated before its subject came to be (ISO dates compare as strings). */
export function requireNotBefore(date: string, subjectDate: string, subject: string): void {
  if (date < subjectDate) {
    violate('DATED_BEFORE_SUBJECT', `dated ${date}, before ${subject} on ${subjectDate}`, { date, subjectDate, subject });
  }
}

/** Refuses a plan that does not belong to `lgId`. */
export function requirePlanOf(plan: PlanState, lgId: string): void {
  if (plan.lgId !== lgId) {
    violate('PLAN_OF_ANOTHER_LOCAL_GOVERNMENT', `plan ${plan.planId} belongs to local government ${plan.lgId}, not ${lgId}`, {
      planId: plan.planId,
      planLgId: plan.lgId,
      lgId,
    });
  }
}

/** Refuses a project that does not include `lgId`. */
export function requireProjectOf(project: ProjectState, lgId: string): void {
  if (!project.lgIds.includes(lgId)) {
    violate('PROJECT_NOT_OF_LOCAL_GOVERNMENT', `project ${project.projectId} does not include local government ${lgId}`, {
      projectId: project.projectId,
      projectLgIds: project.lgIds,
      lgId,
    });
  }
}
