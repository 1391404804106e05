import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '../../src/config.ts';
import { EVENT_TYPES } from '../../src/domain/events/catalogue.ts';
import { RULE_IDS } from '../../src/domain/ruleCatalogue.ts';
import { PROBLEMS } from '../../src/http/problems.ts';

/**
 * The codes src/ raises: each error class's `super('CODE', …)`, and the edge's `problem('CODE', …)`
 * and `{ code: 'CODE', … }` (the classifications of fastify's own errors).
 */
function raisedErrorCodes(): Set<string> {
  const root = fileURLToPath(new URL('../../src/', import.meta.url));
  const codes = new Set<string>();
  for (const file of readdirSync(root, { recursive: true, encoding: 'utf8' })) {
    if (!file.endsWith('.ts') || file.startsWith('migration')) continue; // migration has its own codes, for the CLI
    const source = readFileSync(join(root, file), 'utf8');
    for (const m of source.matchAll(/(?:super|new LedgerError|problem)\('([A-Z][A-Z_]+)'|\bcode: '([A-Z][A-Z_]+)'/g)) codes.add((m[1] ?? m[2])!);
  }
  return codes;
}

/** The README is the contract users read: these lists must never fall behind the code. */
describe('the README documents', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const tableRows = (first: string) => readme.includes(`| \`${first}\` |`);
  // The event and rule tables live in docs/catalogue.md, where the README's sections point.
  const catalogueDoc = readFileSync(new URL('../../docs/catalogue.md', import.meta.url), 'utf8');
  const catalogueRows = (first: string) => catalogueDoc.includes(`| \`${first}\` |`);

  it.each(Object.entries(PROBLEMS))('the error code %s with its status', (code, { status }) => {
    expect(readme).toMatch(new RegExp(`\\| \`${code}\` \\| ${status} \\|`));
  });

  it('exactly the error codes the code raises: none listed that nothing raises, none raised that is not listed', () => {
    const section = readme.slice(readme.indexOf('## Error codes'));
    const listed = new Set([...section.slice(0, section.indexOf('\n## ', 3)).matchAll(/^\| `([A-Z_]+)` \| \d{3} \|/gm)].map((m) => m[1]!));
    const raised = raisedErrorCodes();
    expect([...listed].filter((code) => !raised.has(code)), 'listed but never raised').toEqual([]);
    expect([...raised].filter((code) => !listed.has(code)), 'raised but not listed').toEqual([]);
    expect(new Set(Object.keys(PROBLEMS))).toEqual(listed);
  });

  it.each(CONFIG_VARIABLES)('the configuration variable %s', (name) => {
    expect(tableRows(name)).toBe(true);
  });

  it.each(EVENT_TYPES)('the event type %s (in docs/catalogue.md)', (type) => {
    expect(catalogueRows(type)).toBe(true);
  });

  it.each(RULE_IDS)('the rule %s (in docs/catalogue.md)', (rule) => {
    expect(catalogueRows(rule)).toBe(true);
  });

  it('the way to a running demo and a first write on its first screen, with the prerequisites and the reset', () => {
    const firstScreen = readme.slice(0, readme.indexOf('## Contents'));
    expect(firstScreen).toContain('npm install && npm run demo');
    expect(firstScreen).toMatch(/Node\.js 20 or later/);
    expect(firstScreen).toMatch(/C\+\+ toolchain/);
    expect(firstScreen).toContain('build-essential');
    expect(firstScreen).toContain('POST http://127.0.0.1:3000/api/events');
    expect(firstScreen).toContain('rm -rf data && npm run demo');
    expect(firstScreen).toContain('`npm test`');
    expect(firstScreen).toContain('](docs/walkthrough.md)');
  });

  it('a table of contents whose links reach its sections', () => {
    const contents = readme.slice(readme.indexOf('## Contents'), readme.indexOf('## ', readme.indexOf('## Contents') + 3));
    const slug = (h: string) => h.toLowerCase().replace(/[^a-z0-9 -]/g, '').replaceAll(' ', '-');
    const anchors = new Set([...readme.matchAll(/^#{2,3} (.+)$/gm)].map((m) => slug(m[1]!)));
    const links = [...contents.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
    expect(links.length).toBeGreaterThan(10);
    for (const link of links) expect(anchors.has(link), link).toBe(true);
  });

  it('the screenshot it shows, and the documents it links, exist (or are being written by the engineers the README names)', () => {
    const image = /!\[[^\]]*\]\((docs\/[^)]+\.png)\)/.exec(readme)?.[1];
    expect(image).toBeDefined();
    expect(existsSync(new URL(`../../${image}`, import.meta.url))).toBe(true);
    for (const doc of ['docs/walkthrough.md', 'docs/security.md']) {
      expect(readme).toContain(`](${doc})`);
      expect(existsSync(new URL(`../../${doc}`, import.meta.url)), doc).toBe(true);
    }
    for (const doc of ['docs/performance.md', 'docs/eventstoredb.md', 'docs/write-path.md', 'docs/access-and-ownership.md', 'docs/web-security.md', 'docs/verification.md']) {
      expect(readme).toContain(`](${doc})`);
    }
  });

  it('no benchmark diary, EventStoreDB operations manual or security model inline: they live in docs/', () => {
    expect(readme).not.toMatch(/^## (Performance|When you outgrow one machine|Security model)$/m);
    expect(readme.length).toBeLessThan(50_000);
  });
});
