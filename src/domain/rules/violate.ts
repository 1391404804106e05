import { RuleViolationError } from '../../errors/ruleViolationError.ts';
import type { RuleId } from '../ruleCatalogue.ts';

/**
 * Refuses a fact. Typed by `RuleId` so that a rule cannot be thrown without a catalogue entry.
 * `message` names the concrete facts (ids, dates); `details` carries them for clients.
 */
export function violate(rule: RuleId, message: string, details: Record<string, unknown> = {}): never {
  throw new RuleViolationError(rule, message, details);
}
