import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/**
 * The web app's static assets: our CSS and scripts (web/static) and Chart.js's UMD build, served
 * from one folder with gzip and brotli variants made once, at start, and cached by content hash in
 * the OS temp folder. There is no front-end build: this is all the "build" there is, and it takes
 * a few hundred milliseconds the first time on a machine and nothing afterwards.
 *
 * Each URL carries the file's content hash (`/static/app.css?v=1a2b3c4d`), so browsers may cache
 * assets for a year and still never run stale code after an upgrade.
 */
export interface WebAssets {
  /** Folder to serve at /static/, holding every asset and its .gz and .br variants. */
  root: string;
  /** Fingerprinted URL of an asset, by its file name. */
  url(name: string): string;
}

const STATIC_DIR = fileURLToPath(new URL('../../web/static/', import.meta.url));
// The package's exports map hides dist/chart.umd.js, so it is found beside the CommonJS entry point.
const CHART_JS = join(dirname(createRequire(import.meta.url).resolve('chart.js')), 'chart.umd.js');

/** Served under this name, so the page never depends on where npm put the package. */
export const CHART_ASSET = 'chart.umd.js';

export function prepareAssets(): WebAssets {
  const sources = new Map<string, string>();
  for (const name of readdirSync(STATIC_DIR)) sources.set(name, join(STATIC_DIR, name));
  sources.set(CHART_ASSET, CHART_JS);

  const contents = new Map([...sources].map(([name, file]) => [name, readFileSync(file)]));
  const hashes = new Map([...contents].map(([name, bytes]) => [name, createHash('sha256').update(bytes).digest('hex').slice(0, 12)]));
  const setHash = createHash('sha256').update([...hashes].map(([n, h]) => `${n}:${h}`).sort().join('\n')).digest('hex').slice(0, 16);
  const root = join(tmpdir(), `transition-ledger-web-${setHash}`);

  if (!existsSync(join(root, '.complete'))) {
    // Written to a private folder, then renamed into place: two processes starting at once never
    // serve a half-written file.
    const staging = `${root}.${process.pid}.${Date.now()}`;
    mkdirSync(staging, { recursive: true });
    for (const [name, bytes] of contents) {
      writeFileSync(join(staging, name), bytes);
      writeFileSync(join(staging, `${name}.gz`), gzipSync(bytes, { level: 9 }));
      writeFileSync(join(staging, `${name}.br`), brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } }));
    }
    writeFileSync(join(staging, '.complete'), '');
    try {
      mkdirSync(dirname(root), { recursive: true });
      renameSync(staging, root);
    } catch {
      // another process won the race; its folder has the same content
      rmSync(staging, { recursive: true, force: true });
    }
  }
  return {
    root,
    url(name) {
      const hash = hashes.get(name);
      if (!hash) throw new Error(`unknown web asset ${name}`);
      return `/static/${name}?v=${hash}`;
    },
  };
}
