import type { EventOf } from '../events/catalogue.ts';
import type { LedgerState } from '../ledgerState.ts';
import { getExistingLocalGovernment, getExistingProject, getExistingTable, requireNotBefore } from './lookups.ts';
import { idKeys } from '../recordedIds.ts';
import { violate } from './violate.ts';

export type ProjectEvent = EventOf<'project'>;

/** Rules of the `project-{projectId}` stream: registration and funding commitments. */
export function checkProjectEvent(event: ProjectEvent, state: LedgerState): void {
  switch (event.type) {
    case 'ProjectRegistered': {
      const { projectId, lgIds } = event.data;
      if (state.recordedIds.has(idKeys.project(projectId))) {
        violate('PROJECT_ALREADY_REGISTERED', `project ${projectId} is already registered`, { projectId });
      }
      for (const lgId of lgIds) getExistingLocalGovernment(state, lgId);
      return;
    }
    case 'FundingCommitted': {
      const { projectId, commitmentId, tableId, committedOn } = event.data;
      const project = getExistingProject(state, projectId);
      if (state.recordedIds.has(idKeys.commitment(projectId, commitmentId))) {
        violate('COMMITMENT_ALREADY_RECORDED', `commitment ${commitmentId} is already recorded for project ${projectId}`, {
          projectId,
          commitmentId,
        });
      }
      requireNotBefore(committedOn, project.registeredOn, `project ${projectId} was registered`);
      if (tableId !== undefined) {
        const table = getExistingTable(state, tableId);
        requireNotBefore(committedOn, table.establishedOn, `technical table ${tableId} was established`);
      }
      return;
    }
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
