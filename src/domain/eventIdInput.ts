import { z } from 'zod';

/**
 * An event id as a client writes it: a UUID in any case, lowercased once parsed (RFC 9562 §4: case
 * insensitive on input, lowercase on output), so `…ABC…` and `…abc…` are one id on every store.
 */
export function eventIdInput(message: string) {
  return z.uuid({ message }).toLowerCase();
}

/** An event id from a URL or a reference, in the one spelling the stores keep. */
export function canonicalEventId(id: string): string {
  return id.toLowerCase();
}
