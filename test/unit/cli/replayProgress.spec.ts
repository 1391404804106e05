import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { withProgress } from '../../../src/cli/replayProgress.ts';
import type { StoredEvent } from '../../../src/records/storedEvent.ts';

/** A terminal that records what is drawn on it. */
function fakeTerminal(): { stream: NodeJS.WriteStream; output: () => string } {
  let text = '';
  const stream = new Writable({ write: (chunk, _enc, done) => ((text += chunk.toString()), done()) }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, { isTTY: true, columns: 120, cursorTo: () => true, clearLine: () => true, moveCursor: () => true });
  return { stream, output: () => text };
}

async function* events(n: number): AsyncIterable<StoredEvent> {
  for (let i = 0; i < n; i++) yield { position: BigInt(i) } as StoredEvent;
}

describe('the replay progress bar', () => {
  it('given a 313-event ledger read in two passes, when the replay ends, then the bar counts 313/313, never 626', async () => {
    const terminal = fakeTerminal();
    const progress = withProgress(313, 'replay', { passes: 2, stream: terminal.stream });
    for (let pass = 0; pass < 2; pass++) for await (const _ of progress.track(events(313))) void _;
    progress.stop();
    expect(terminal.output()).toContain('313/313 events');
    expect(terminal.output()).toContain('pass 2/2');
    expect(terminal.output()).not.toContain('626');
  });
});
