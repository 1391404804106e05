import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../../src/domain/ruleCatalogue.ts';
import { RULES_ES, ruleMessage } from '../../../src/web/i18n/ruleMessages.ts';

describe('the rules as pages word them', () => {
  it('given every rule of the catalogue, then each has a Spanish sentence that does not name its id', () => {
    expect(Object.keys(RULES_ES).sort()).toEqual([...RULE_IDS].sort());
    for (const rule of RULE_IDS) {
      const message = ruleMessage(rule, 'es')!;
      expect(message, rule).toMatch(/^[A-ZÁÉÍÓÚÑ].*\.$/);
      expect(message).not.toContain(rule);
    }
    expect(ruleMessage('NO_SUCH_RULE', 'es')).toBeUndefined();
  });
});
