import { ValidationError } from '../errors/validationError.ts';

/**
 * Event ids are stored lowercase (RFC 9562: UUIDs compare case-insensitively, and are written in
 * lowercase). EventStoreDB returns every id in lowercase whatever was sent, so an id with capitals
 * would be hashed under one spelling and read back under another. The edge lowercases what clients
 * send (src/domain/eventIdInput.ts); a store refuses what still has capitals, before any I/O.
 */
export function assertLowercaseIds(events: ReadonlyArray<{ id: string }>): void {
  // Tested before any lowercase copy is made: stores call this for every event they append.
  if (!events.some((e) => HAS_CAPITALS.test(e.id))) return;
  const issues = events.flatMap((e, i) => (e.id === e.id.toLowerCase() ? [] : [{ path: `events/${i}/id`, message: 'must be lowercase (RFC 9562)' }]));
  if (issues.length > 0) throw new ValidationError(issues);
}

/** Anything toLowerCase would change: ASCII capitals, or any non-ASCII character (checked the slow way). */
const HAS_CAPITALS = /[A-Z\u0080-\uffff]/;
