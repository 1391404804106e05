/**
 * `npm run docs:screenshot`: refreshes docs/screenshots/overview.png, the README's picture of the
 * province overview. Serves the demo (`serve` with LEDGER_SEED, in a temporary data folder, on a free
 * port), opens it in Debian's chromium through playwright-core (as the browser tests do; no browser
 * is downloaded) and photographs the first screen at a laptop's size.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = join(ROOT, 'docs/screenshots/overview.png');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

if (!existsSync(CHROMIUM)) {
  console.error(`No chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH).`);
  process.exit(1);
}

// 1. The demo, on a free port, in a data folder of its own.
const dataDir = mkdtempSync(join(tmpdir(), 'ledger-screenshot-'));
const server = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'serve'], {
  cwd: ROOT,
  env: { ...process.env, LEDGER_DATA_DIR: dataDir, LEDGER_SEED: 'chumbivilcas-2018', PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
try {
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the demo did not start in 60 s:\n${out}`)), 60_000);
    server.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Server listening at (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    });
    server.once('exit', (code) => reject(new Error(`the demo exited (${code}):\n${out}`)));
  });

  // 2. The overview, charts drawn, at 1280×900.
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run'] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 }, locale: 'es-PE', timezoneId: 'America/Lima' });
    await page.goto(`${url}/`, { waitUntil: 'networkidle' });
    mkdirSync(dirname(OUT), { recursive: true });
    await page.screenshot({ path: OUT });
    console.log(`Wrote ${OUT}`);
  } finally {
    await browser.close();
  }
} finally {
  server.kill('SIGTERM');
  rmSync(dataDir, { recursive: true, force: true });
}
