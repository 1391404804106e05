import { describe, expect, it } from 'vitest';
import { validate, version } from 'uuid';
import { z } from 'zod';
import { newEventId } from '../../src/commandHandling/newEventId.ts';

describe('newEventId', () => {
  it('given many ids made at once, then each is a valid UUIDv7 that the API accepts as a client id', () => {
    const ids = Array.from({ length: 10_000 }, newEventId);
    for (const id of ids.slice(0, 200)) {
      expect(validate(id)).toBe(true);
      expect(version(id)).toBe(7);
      expect(z.uuid().safeParse(id).success).toBe(true);
      expect('89ab').toContain(id[19]);
    }
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('given ids made one after another, then they sort in the order they were made, and carry the time', () => {
    const before = Date.now();
    const ids = Array.from({ length: 10_000 }, newEventId);
    expect([...ids].sort()).toEqual(ids);
    const ms = parseInt(ids[0]!.replace(/-/g, '').slice(0, 12), 16);
    expect(ms).toBeGreaterThanOrEqual(before);
    expect(ms).toBeLessThanOrEqual(Date.now() + 10); // a burst of >4,096 ids in one ms moves the clock on
  });
});
