import { describe, expect, it } from 'vitest';
import { namespaceOf } from '../../../src/domain/idNamespace.ts';

describe('the namespace of an id', () => {
  it.each([
    ['pdlc-080707-2017-2021', '080707'],
    ['tr-080707-2018', '080707'],
    ['080707.pdel', '080707'],
    ['plan_080701:v2', '080701'],
    ['tr-080707-080707', '080707'],
  ])('given %s, then it is in the namespace of %s', (id, lgId) => {
    expect(namespaceOf(id)).toBe(lgId);
  });

  it.each(['plan-x', 'pdlc-0807071-2017', 'tr-080707-080702', 'pdlc-8070-2017', 'x080707'])('given %s, then it is in no namespace (only the registrar introduces it)', (id) => {
    expect(namespaceOf(id)).toBeUndefined();
  });
});
