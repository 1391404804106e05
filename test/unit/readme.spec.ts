import { readdirSync, readFileSync } from 'node:fs';
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

  it.each(EVENT_TYPES)('the event type %s', (type) => {
    expect(tableRows(type)).toBe(true);
  });

  it.each(RULE_IDS)('the rule %s', (rule) => {
    expect(tableRows(rule)).toBe(true);
  });

  it('the two set-up commands', () => {
    expect(readme).toContain('npm install && npm run demo');
    expect(readme).toMatch(/^npm test\b/m);
  });
});
