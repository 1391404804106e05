import { toEventJson } from '../eventStore/eventJson.ts';
import { withLedger } from './withLedger.ts';

/** `events`: stored events as JSON lines, optionally of one stream or type. */
export async function eventsCommand(options: { stream?: string; type?: string }): Promise<void> {
  await withLedger(async ({ store }) => {
    for await (const e of store.readAll()) {
      if (options.stream !== undefined && e.stream !== options.stream) continue;
      if (options.type !== undefined && e.type !== options.type) continue;
      process.stdout.write(`${JSON.stringify(toEventJson(e))}\n`);
    }
  });
}
