import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { verifyChain } from '../audit/verifyChain.ts';
import { fromEventJson } from '../eventStore/eventJson.ts';
import type { StoredEvent } from '../records/storedEvent.ts';
import { copyInOrder } from '../migration/copyInOrder.ts';
import { withLedger } from './withLedger.ts';

async function* readJsonl(file: string): AsyncGenerator<StoredEvent> {
  let line = 0;
  for await (const text of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
    line++;
    if (text.trim() === '') continue;
    try {
      yield fromEventJson(JSON.parse(text));
    } catch (error) {
      throw new Error(`${file}:${line}: not a stored event (${(error as Error).message})`);
    }
  }
}

/**
 * `import <file.jsonl>` into an empty store. The file's chain is verified first, so a tampered
 * export is refused before anything is written; events then keep their ids, recordedAt, actors and
 * metadata, and the store recomputes identical hashes (checked again for every event).
 */
export async function importCommand(file: string): Promise<void> {
  const report = await verifyChain(readJsonl(file));
  if (!report.ok) {
    throw new Error(`${file} does not verify (first invalid position ${report.firstInvalidPosition}): ${report.problems[0]?.message}`);
  }
  const imported = await withLedger(async ({ store }) => {
    if ((await store.headPosition()) !== undefined) throw new Error('import needs an empty store; this one already has events');
    return copyInOrder(readJsonl(file), store);
  });
  console.log(`Imported ${imported} events from ${file}; head hash ${report.headHash ?? '-'}.`);
}
