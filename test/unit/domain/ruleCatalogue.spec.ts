import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { RULES, RULE_IDS } from '../../../src/domain/ruleCatalogue.ts';

const here = dirname(fileURLToPath(import.meta.url));
const read = (dir: string, suffix: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(suffix))
    .map((f) => readFileSync(join(dir, f), 'utf8'))
    .join('\n');

/** Rule ids quoted in calls like `name('RULE_ID'` in `source`. */
const quotedIn = (source: string, call: string) =>
  new Set([...source.matchAll(new RegExp(`${call}\\(\\s*'([A-Z_]+)'`, 'g'))].map((m) => m[1]));

describe('the rule catalogue', () => {
  it('describes every rule in one line', () => {
    for (const id of RULE_IDS) {
      expect(RULES[id], id).toMatch(/^\S.*\S$/);
      expect(RULES[id], id).not.toMatch(/\n/);
    }
    expect(new Set(Object.values(RULES)).size).toBe(RULE_IDS.length);
  });

  it('names rules in SCREAMING_SNAKE_CASE', () => {
    for (const id of RULE_IDS) expect(id).toMatch(/^[A-Z]+(_[A-Z]+)*$/);
  });

  it('has every rule enforced by the domain', () => {
    // Specs prove behaviour; this keeps the catalogue from listing rules nobody throws.
    const domain = read(join(here, '../../../src/domain/rules'), '.ts') + read(join(here, '../../../src/domain'), '.ts');
    // An ordering of a directive's documents names its rule in the directive's data
    // (`rule: 'RULE_ID'`), and transferRules.ts throws whichever rule the data names.
    const directives = read(join(here, '../../../src/domain/directives'), '.ts');
    const ordering = new Set([...directives.matchAll(/document: '[a-z-]+', rule: '([A-Z_]+)'/g)].map((m) => m[1]));
    const thrown = new Set([...quotedIn(domain, 'violate'), ...ordering]);
    expect(RULE_IDS.filter((id) => !thrown.has(id))).toEqual([]);
  });

  it('has every rule broken by at least one spec', () => {
    // thenViolates asserts the rule is what decide throws, so a quoted rule in a passing spec was thrown.
    const violated = quotedIn(read(here, '.spec.ts'), 'thenViolates');
    expect(RULE_IDS.filter((id) => !violated.has(id))).toEqual([]);
    expect([...violated].filter((id) => !(id! in RULES))).toEqual([]);
  });
});
