import { expect } from 'vitest';
import { decide, type DecisionContext } from '../../src/domain/decide.ts';
import { streamOf, type LedgerEvent } from '../../src/domain/events/catalogue.ts';
import { foldLedgerState } from '../../src/domain/foldLedgerState.ts';
import type { EvolvableEvent, LedgerState } from '../../src/domain/ledgerState.ts';
import type { RuleId } from '../../src/domain/ruleCatalogue.ts';

/**
 * A given/when/then DSL for the ledger's rules, the way the command handler uses them:
 * `given(history).when(fact).then([fact])` or `.thenViolates('RULE_ID')`.
 * Inside, it records the history with fake ids (eventId(0), eventId(1), …) in the catalogue's
 * streams, folds them as the write path does (foldLedgerState: retracted events out, their ids
 * kept), then calls `decide`. No mocks.
 */

/** The day the server records the fact under test, unless a spec says otherwise: far in the future. */
export const RECORDED_ON = '2099-12-31';

/** The id the DSL gives to the event at `index` in `given(...)`; the fact under `when` gets the next one. */
export function eventId(index: number): string {
  return `00000000-0000-4000-8000-${index.toString(16).padStart(12, '0')}`;
}

export interface Then {
  /** The fact is accepted and `decide` returns exactly `expected`; the state is left untouched. */
  then(expected: LedgerEvent[]): void;
  /** The fact is refused with a RuleViolationError naming `rule`. */
  thenViolates(rule: RuleId): void;
}

export function given(history: readonly LedgerEvent[]) {
  const recorded: EvolvableEvent[] = [];
  history.forEach((event, index) => {
    recorded.push({ id: eventId(index), stream: streamIn(recorded, event), type: event.type, data: event.data });
  });

  return {
    when(event: LedgerEvent, context: Partial<DecisionContext> = {}): Then {
      const command = { id: eventId(recorded.length), stream: streamIn(recorded, event), event };
      const fullContext: DecisionContext = {
        recordedOn: RECORDED_ON,
        ...('retractionTarget' in context ? {} : { retractionTarget: targetIn(recorded, event) }),
        ...context,
      };
      const fold = (): LedgerState => foldLedgerState(recorded);
      return {
        then(expected) {
          const state = fold();
          const before = structuredClone(state);
          expect(decide(command, state, fullContext)).toEqual(expected);
          expect(state).toEqual(before);
        },
        thenViolates(rule) {
          expect(() => decide(command, fold(), fullContext)).toThrow(
            expect.objectContaining({ code: 'RULE_VIOLATED', rule, message: expect.stringMatching(/\S/) }),
          );
        },
      };
    },
  };
}

/** A retraction joins the stream of the event it names, as the handler appends it. */
function streamIn(recorded: readonly EvolvableEvent[], event: LedgerEvent): string {
  return streamOf(event) ?? targetIn(recorded, event)?.stream ?? 'unknown-target';
}

/** What the handler would find in the store for the id a retraction names. */
function targetIn(recorded: readonly EvolvableEvent[], event: LedgerEvent): DecisionContext['retractionTarget'] {
  if (event.type !== 'EntryRetracted') return undefined;
  const target = recorded.find((e) => e.id === event.data.eventId);
  return target && { id: target.id, type: target.type, stream: target.stream };
}
