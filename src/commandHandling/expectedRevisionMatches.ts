import type { ExpectedRevision, StreamRevision } from '../eventStore/eventStore.ts';

/** Whether a stream at `actual` satisfies a writer's `expected` revision (EventStoreDB's semantics). */
export function expectedRevisionMatches(expected: ExpectedRevision, actual: StreamRevision): boolean {
  switch (expected) {
    case 'any':
      return true;
    case 'no_stream':
      return actual === 'no_stream';
    case 'stream_exists':
      return actual !== 'no_stream';
    default:
      return actual === expected;
  }
}
