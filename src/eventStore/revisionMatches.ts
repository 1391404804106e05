import type { ExpectedRevision, StreamRevision } from './eventStore.ts';

/**
 * Whether a stream at `actual` satisfies a writer's `expected` revision: the rule EventStoreDB
 * applies on write, and the one every adapter and the write path apply too.
 */
export function revisionMatches(expected: ExpectedRevision, actual: StreamRevision): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return actual === 'no_stream';
  if (expected === 'stream_exists') return actual !== 'no_stream';
  return actual === expected;
}
