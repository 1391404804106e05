import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Prints the functions with the most self time in the .cpuprofile files of a directory, e.g.
 *   node --cpu-prof --cpu-prof-dir=prof --import tsx bench/child.ts rebuild ledger.sqlite
 *   node --import tsx bench/profileTop.ts prof
 */
interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }
interface Profile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

const dir = process.argv[2] ?? '.';
const self = new Map<string, number>();
let total = 0;
for (const name of readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'))) {
  const profile = JSON.parse(readFileSync(join(dir, name), 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  profile.samples.forEach((id, i) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
    const dt = profile.timeDeltas[i] ?? 0;
    if (functionName === '(idle)') return; // start-up (module loading through tsx), not the workload
    self.set(key, (self.get(key) ?? 0) + dt);
    total += dt;
  });
}
for (const [key, time] of [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(process.argv[3] ?? 15))) {
  console.log(`${((100 * time) / total).toFixed(1).padStart(5)}%  ${key}`);
}
