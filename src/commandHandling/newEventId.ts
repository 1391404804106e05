import { randomFillSync } from 'node:crypto';

/** Random bytes drawn 4 KiB at a time: one getRandomValues call per id cost ~10% of W1. */
const pool = Buffer.alloc(4096);
let offset = pool.length;
let lastMs = 0;
let sequence = 0;
/** `tttttttt-tttt-7` for lastMs, once per millisecond. */
let timePrefix: string | undefined;
const VARIANT_DIGITS = ['8', '9', 'a', 'b'] as const;
/** The 12-bit counter as three hex digits, for each of its values. */
const SEQUENCE_DIGITS = Array.from({ length: 0x1000 }, (_, n) => n.toString(16).padStart(3, '0'));

/**
 * The id the ledger gives a fact submitted without one: a UUIDv7 (RFC 9562), time-ordered, so that
 * the store's unique index on ids grows at its end instead of at random pages. With random (v4)
 * ids every commit of a group rewrites thousands of scattered index pages; measured on W1, v7 ids
 * raise the store's append rate by roughly a third. Clients may still submit any UUID of their own.
 *
 * Layout: 48-bit Unix milliseconds, version 7, a 12-bit counter within the millisecond (so ids of
 * one process are strictly increasing; on overflow the timestamp moves on), variant 10, 62 random bits.
 */
export function newEventId(): string {
  const now = Date.now();
  if (now > lastMs) {
    lastMs = now;
    sequence = 0;
    timePrefix = undefined;
  } else if (++sequence > 0xfff) {
    lastMs++;
    sequence = 0;
    timePrefix = undefined;
  }
  if (offset + 8 > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  // The ids of one millisecond share their first 15 characters: written once per millisecond.
  if (timePrefix === undefined) {
    const time = lastMs.toString(16).padStart(12, '0');
    timePrefix = `${time.slice(0, 8)}-${time.slice(8)}-7`;
  }
  const random = pool.toString('hex', offset, offset + 8);
  // The variant takes the two high bits of the first hex digit's nibble (random[0]), as 10xx.
  const variant = VARIANT_DIGITS[(pool[offset]! >> 4) & 3]!;
  offset += 8;
  return `${timePrefix}${SEQUENCE_DIGITS[sequence]!}-${variant}${random.slice(1, 4)}-${random.slice(4)}`;
}

