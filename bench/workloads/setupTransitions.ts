import { catalogue, type LedgerEvent } from '../../src/domain/events/catalogue.ts';
import type { EventStore, GroupAppend } from '../../src/eventStore/eventStore.ts';
import { appendAll } from '../ledgerFile.ts';
import { lgIdOf, toAppend } from '../synthetic.ts';

export const W1_STREAMS = 1000;

/** Far from the synthetic ledger's local governments (lgIdOf(0…1,899)), so W1 can run on top of one. */
const OFFSET = 700_000;

export const transitionIdOf = (i: number): string => `tr-${lgIdOf(OFFSET + i)}-2018`;

/** `count` local governments, each with its terms and an open transition commission, written through the store port. */
export async function setupTransitions(store: EventStore, count = W1_STREAMS): Promise<void> {
  const appends: GroupAppend[] = [];
  for (let i = 0; i < count; i++) {
    const lgId = lgIdOf(OFFSET + i);
    appends.push({ stream: `lg-${lgId}`, events: toAppend([
      ev('LocalGovernmentRegistered', { lgId, name: `Municipalidad ${lgId}`, level: 'district', province: 'P', department: 'D' }),
      ev('AuthorityTermStarted', { lgId, termId: '2015-2018', mayor: 'Alcalde saliente', startedOn: '2015-01-01' }),
    ]) });
    appends.push({ stream: `transition-${transitionIdOf(i)}`, events: toAppend([
      ev('TransitionCommissionFormed', {
        transitionId: transitionIdOf(i), lgId, outgoingTermId: '2015-2018', incomingTermId: '2019-2022', formedOn: '2018-11-15',
        members: [{ name: 'Gerente', role: 'Presidente', side: 'outgoing' }, { name: 'Regidor electo', role: 'Presidente', side: 'incoming' }],
      }),
    ]) });
  }
  await appendAll(store, appends);
}

function ev(type: keyof typeof catalogue, data: unknown): LedgerEvent {
  return { type, data: catalogue[type].schema.parse(data) } as LedgerEvent;
}
