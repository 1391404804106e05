import { describe, expect, it } from 'vitest';
import { selectEvents } from '../../../projections/pointInTime.ts';
import { eventIdAt, storedEvents } from '../../support/storedEvents.ts';
import { cdpAdopted, registered } from './quinota.ts';

// Positions: 1 registered, 2 term 2015-2018 (2015-01-01), 3 drafted (2016-03-01),
// 4 updated (2016-06-15), 5 adopted (2016-07-01).
const log = storedEvents([...registered, ...cdpAdopted]);
const positions = (events: { position: bigint }[]) => events.map((e) => e.position);

describe('selectEvents', () => {
  it('keeps everything when no point in time is given', () => {
    expect(positions(selectEvents(log, {}))).toEqual([1n, 2n, 3n, 4n, 5n]);
  });

  it('asOf keeps facts that happened on or before the date, and undated facts always', () => {
    expect(positions(selectEvents(log, { asOf: '2016-06-14' }))).toEqual([1n, 2n, 3n]);
    expect(positions(selectEvents(log, { asOf: '2016-06-15' }))).toEqual([1n, 2n, 3n, 4n]);
    expect(positions(selectEvents(log, { asOf: '1990-01-01' }))).toEqual([1n]);
  });

  it('atPosition keeps what had been recorded', () => {
    expect(positions(selectEvents(log, { atPosition: 3n }))).toEqual([1n, 2n, 3n]);
  });

  it('combines both bounds', () => {
    expect(positions(selectEvents(log, { asOf: '2016-12-31', atPosition: 4n }))).toEqual([1n, 2n, 3n, 4n]);
    expect(positions(selectEvents(log, { asOf: '2016-03-01', atPosition: 4n }))).toEqual([1n, 2n, 3n]);
  });

  describe('given the update at position 4 is retracted at position 6', () => {
    const retracted = storedEvents([
      ...registered,
      ...cdpAdopted,
      { type: 'EntryRetracted', data: { eventId: eventIdAt(4), reason: 'Registrada por error', retractedOn: '2020-05-01' } },
    ]);

    it('the retraction hides its target only once it is recorded', () => {
      expect(positions(selectEvents(retracted, { atPosition: 5n }))).toEqual([1n, 2n, 3n, 4n, 5n]);
      expect(positions(selectEvents(retracted, { atPosition: 6n }))).toEqual([1n, 2n, 3n, 5n]);
    });

    it('hides it whatever asOf says: a correction is not a change in the world', () => {
      // The retraction is dated 2020, yet the 2016 world no longer contains the retracted update.
      expect(positions(selectEvents(retracted, { asOf: '2016-06-30' }))).toEqual([1n, 2n, 3n]);
    });

    it('joins the stream of its target', () => {
      expect(retracted[5]).toMatchObject({ stream: 'plan-cdp-080707', revision: 3n, prevHash: retracted[4]!.hash });
    });
  });
});
