import { foldLedgerState } from '../domain/foldLedgerState.ts';
import type { StreamRevision } from '../eventStore/eventStore.ts';
import type { StoredEvent } from '../records/storedEvent.ts';
import type { GroupOverlay } from './groupOverlay.ts';
import { WriteModelCache, type WriteModel } from './writeModelCache.ts';

/** The reads a write model needs: the store seen through a commit group's overlay. */
export type WriteModelSource = Pick<GroupOverlay, 'readStream' | 'streamRevision' | 'hasPending'>;

/**
 * The state of `streams` folded in log order (retracted events left out but their ids kept), with the revision of each.
 * Taken from `cache` when an entry exists and each of its streams is still at the cached revision in
 * the store and has nothing pending in the commit group; otherwise read and folded from the store.
 * The caller owns the model (decide folds into it); see WriteModelCache for when it goes back, and
 * only a `cacheable` one may. `known` is a revision the caller has just read, not to be read again.
 */
export async function loadWriteModel(
  source: WriteModelSource,
  streams: ReadonlySet<string>,
  cache?: WriteModelCache,
  known?: { stream: string; revision: StreamRevision },
): Promise<{ model: WriteModel; cacheable: boolean }> {
  const key = WriteModelCache.keyOf(streams);
  // Folded over another command's pending events, a model must not be cached: if that command's
  // append failed, a later write by another process could bring the store to the same revisions.
  const pending = anyPending(source, streams);
  const cached = cache && !pending ? cache.take(key) : undefined;
  if (cached && (await stillCurrent(source, cached, known))) return { model: cached, cacheable: true };

  const revisions = new Map<string, StreamRevision>();
  const events: StoredEvent[] = [];
  for (const stream of streams) {
    const read = await source.readStream(stream);
    revisions.set(stream, read.length > 0 ? read[read.length - 1]!.revision : 'no_stream');
    events.push(...read);
  }
  events.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0));
  const state = foldLedgerState(events);
  return { model: { key, revisions, state }, cacheable: !pending };
}

function anyPending(source: WriteModelSource, streams: ReadonlySet<string>): boolean {
  for (const stream of streams) if (source.hasPending(stream)) return true;
  return false;
}

async function stillCurrent(source: WriteModelSource, model: WriteModel, known?: { stream: string; revision: StreamRevision }): Promise<boolean> {
  for (const [stream, revision] of model.revisions) {
    const current = stream === known?.stream ? known.revision : await source.streamRevision(stream);
    if (current !== revision) return false;
  }
  return true;
}
