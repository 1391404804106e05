/**
 * Retractions are corrections: an EntryRetracted event names an earlier event that no longer
 * counts. The retracted event stays in the log (events are never deleted); folds skip it.
 */
export interface RetractableEvent {
  id: string;
  type: string;
  data: unknown;
}

/** Ids retracted by the EntryRetracted events among `events`. */
export function retractedIds(events: Iterable<RetractableEvent>): Set<string> {
  const ids = new Set<string>();
  for (const e of events) {
    if (e.type === 'EntryRetracted') ids.add((e.data as { eventId: string }).eventId);
  }
  return ids;
}

/** `events` without the ones that a retraction among them names. Order is kept. */
export function withoutRetracted<E extends RetractableEvent>(events: readonly E[]): E[] {
  const retracted = retractedIds(events);
  return retracted.size === 0 ? [...events] : events.filter((e) => !retracted.has(e.id));
}
