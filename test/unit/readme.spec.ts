import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES } from '../../src/config.ts';
import { EVENT_TYPES } from '../../src/domain/events/catalogue.ts';
import { RULE_IDS } from '../../src/domain/ruleCatalogue.ts';
import { PROBLEMS } from '../../src/http/problems.ts';

/** The README is the contract users read: these lists must never fall behind the code. */
describe('the README documents', () => {
  const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
  const tableRows = (first: string) => readme.includes(`| \`${first}\` |`);

  it.each(Object.entries(PROBLEMS))('the error code %s with its status', (code, { status }) => {
    expect(readme).toMatch(new RegExp(`\\| \`${code}\` \\| ${status} \\|`));
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
