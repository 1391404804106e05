import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** One line of the table: a ledger figure, the baseline it is divided by, and its target. */
export interface Row {
  id: string;
  what: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number; unit: string };
  /** value / baseline (for latencies: how many times the baseline's cost). */
  ratio?: number;
  target: string;
  met?: boolean;
  note?: string;
}

const fmt = (n: number): string =>
  !Number.isFinite(n) ? String(n) : n >= 100 ? Math.round(n).toLocaleString('en-US') : n >= 10 ? n.toFixed(1) : n.toFixed(2);

/** The table, as Markdown (it is pasted into the README as is). */
export function table(rows: readonly Row[]): string {
  const lines = [
    '| | measure | median | baseline (same run) | ratio | target | met |',
    '| --- | --- | ---: | --- | ---: | --- | --- |',
  ];
  for (const r of rows) {
    const baseline = r.baseline ? `${r.baseline.name}: ${fmt(r.baseline.value)} ${r.baseline.unit}` : '';
    const ratio = r.ratio === undefined ? '' : `${r.ratio >= 10 ? fmt(r.ratio) : r.ratio.toFixed(2)}×`;
    const met = r.met === undefined ? '' : r.met ? 'yes' : '**no**';
    lines.push(`| ${r.id} | ${r.what} | ${fmt(r.value)} ${r.unit} | ${baseline} | ${ratio} | ${r.target} | ${met} |`);
  }
  return lines.join('\n');
}

/** Writes `result` to bench/results/<name>-<timestamp>.json (git-ignored) and returns the path. */
export function writeResults(name: string, result: unknown): string {
  const dir = fileURLToPath(new URL('./results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const file = `${dir}${name}-${new Date().toISOString().replaceAll(':', '-')}.json`;
  writeFileSync(file, JSON.stringify(result, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v), 2));
  return file;
}
