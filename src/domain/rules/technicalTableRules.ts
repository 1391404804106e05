import type { EventOf } from '../events/catalogue.ts';
import type { LedgerState } from '../ledgerState.ts';
import { getExistingLocalGovernment, getExistingTable, requireNotBefore } from './lookups.ts';
import { idKeys } from '../recordedIds.ts';
import { violate } from './violate.ts';

export type TechnicalTableEvent = EventOf<'table'>;

/** Rules of the `table-{tableId}` stream. */
export function checkTechnicalTableEvent(event: TechnicalTableEvent, state: LedgerState): void {
  switch (event.type) {
    case 'TechnicalTableEstablished': {
      const { tableId, lgIds } = event.data;
      if (state.recordedIds.has(idKeys.table(tableId))) {
        violate('TABLE_ALREADY_ESTABLISHED', `technical table ${tableId} is already established`, { tableId });
      }
      for (const lgId of lgIds) getExistingLocalGovernment(state, lgId);
      return;
    }
    case 'TechnicalTableMemberJoined': {
      const { tableId, joinedOn } = event.data;
      const table = getExistingTable(state, tableId);
      requireNotBefore(joinedOn, table.establishedOn, `technical table ${tableId} was established`);
      return;
    }
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}
