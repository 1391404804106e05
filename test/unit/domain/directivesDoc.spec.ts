import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIRECTIVES } from '../../../src/domain/directives/directives.ts';

const doc = readFileSync(new URL('../../../docs/directives.md', import.meta.url), 'utf8');

describe('docs/directives.md', () => {
  it('given every directive, then the document lists its id, each stage, document, signatory role and rule', () => {
    for (const d of Object.values(DIRECTIVES)) {
      const names = [d.id, ...d.stages.map((s) => s.id), ...d.documents.map((x) => x.id), ...d.signatories.map((s) => s.role), ...d.rules.map((r) => r.rule)];
      expect(names.filter((n) => !doc.includes(`\`${n}\``)), d.id).toEqual([]);
    }
  });
});
