import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { toEventJson } from '../eventStore/eventJson.ts';
import { withLedger } from './withLedger.ts';

/** `export <file.jsonl>`: every stored event, in order, one JSON object per line, hashes included. */
export async function exportCommand(file: string): Promise<void> {
  const count = await withLedger(async ({ store }) => {
    const out = createWriteStream(file, { flags: 'wx' });
    let n = 0;
    for await (const e of store.readAll()) {
      if (!out.write(`${JSON.stringify(toEventJson(e))}\n`)) await once(out, 'drain');
      n++;
    }
    out.end();
    await once(out, 'finish');
    return n;
  });
  console.log(`Exported ${count} events to ${file}.`);
}
