import { readFileSync } from 'node:fs';
import type { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { catalogue, EVENT_TYPES } from '../../../src/domain/events/catalogue.ts';
import { erasableFields, FIELD_CLASSIFICATION } from '../../../src/domain/events/fieldClassification.ts';

/** Every leaf field of a schema, `*` for list items; a personal-text union is a leaf. */
function leafFields(schema: z.ZodTypeAny, prefix: string[] = []): string[] {
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  switch (def.type) {
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodTypeAny>).flatMap(([k, s]) => leafFields(s, [...prefix, k]));
    case 'optional':
      return leafFields(def.innerType as z.ZodTypeAny, prefix);
    case 'array':
      return leafFields(def.element as z.ZodTypeAny, [...prefix, '*']);
    default:
      return [prefix.join('/')];
  }
}

describe('the personal-data classification of the catalogue', () => {
  it.each(EVENT_TYPES)('given the schema of %s, then every field is classified, and nothing else', (type) => {
    expect(Object.keys(FIELD_CLASSIFICATION[type]).sort()).toEqual(leafFields(catalogue[type].schema as z.ZodTypeAny).sort());
  });

  it('given the erasable fields, then events that had them before sealing are at schema version 2, and the others at 1', () => {
    // Born after sealing (the 2022 transfer process): sealed from their first record, so still v1.
    const bornSealed = new Set(['TransferTeamDesignated', 'TransferActSigned']);
    for (const type of EVENT_TYPES) {
      const sealedLater = erasableFields(type).length > 0 && !bornSealed.has(type);
      expect([type, catalogue[type].schemaVersion]).toEqual([type, sealedLater ? 2 : 1]);
    }
  });

  it('given the mayor of a term, then the name is a public official acting in office: kept', () => {
    expect(FIELD_CLASSIFICATION.AuthorityTermStarted.mayor).toBe('public-official');
    expect(erasableFields('TransitionCommissionFormed')).toEqual(['members/*/name']);
    expect(erasableFields('HandoverActSigned')).toEqual(['signatories/*']);
  });

  it('given docs/personal-data.md (where the README points), then its classification table lists every erasable and public-official field', () => {
    const readme = readFileSync(new URL('../../../docs/personal-data.md', import.meta.url), 'utf8');
    for (const type of EVENT_TYPES) {
      for (const [field, kind] of Object.entries(FIELD_CLASSIFICATION[type])) {
        if (kind !== 'not-personal') expect(readme, `${type} ${field}`).toContain(`| \`${type}\` | \`${field}\` | ${kind} |`);
      }
    }
  });
});
