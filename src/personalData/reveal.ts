import type { Writer } from '../commandHandling/writer.ts';
import { isSealedValue, PERSONAL_DATA_PLACEHOLDERS, type SealedValue } from '../domain/personalText.ts';
import { streams } from '../domain/streams.ts';
import type { PersonalDataVault } from './personalDataVault.ts';

/** Roles that read every personal value: they answer for the data (registrar, officer) or audit it. */
const READS_ALL = new Set(['registrar', 'auditor', 'data-protection-officer']);

/**
 * Whether `reader` may see the value's plaintext. Reads may be public; personal data of private
 * persons is not: an auditor, the registrar and the data-protection officer see it, a commission sees
 * the values recorded in its own transitions, everyone else sees only that a value exists.
 */
export function mayReadPersonalData(reader: Writer | null | undefined, value: SealedValue, vault: PersonalDataVault): boolean {
  if (!reader?.role) return false;
  if (READS_ALL.has(reader.role)) return true;
  if (reader.role !== 'commission') return false;
  const own = new Set((reader.scope?.transitionIds ?? []).map(streams.transition));
  return vault.streamsOf(value.subjectId).some((s) => own.has(s));
}

/**
 * The edge's last step before a response, page, report or export leaves the server: every sealed
 * value in `payload` becomes its plaintext, `[dato personal]` or `[dato personal suprimido]`, in a
 * copy. Read models and caches keep the sealed values, so no file under the data directory ever
 * holds plaintext.
 */
export function revealPersonalData<T>(payload: T, reader: Writer | null | undefined, vault: PersonalDataVault | undefined): T {
  if (!containsSealed(payload)) return payload;
  const reveal = (value: SealedValue): string => {
    const opened = vault ? vault.open(value) : ({ kind: 'no-key' } as const);
    if (opened.kind === 'erased') return PERSONAL_DATA_PLACEHOLDERS.erased;
    if (opened.kind === 'no-key' || !mayReadPersonalData(reader, value, vault!)) return PERSONAL_DATA_PLACEHOLDERS.withheld;
    return opened.value;
  };
  const walk = (node: unknown): unknown => {
    if (isSealedValue(node)) return reveal(node);
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === 'object' && isPlainObject(node)) {
      return Object.fromEntries(Object.entries(node).map(([k, v]) => [k, walk(v)]));
    }
    return node;
  };
  return walk(payload) as T;
}

/** True when a sealed value is somewhere in `node` (plain objects and arrays only). */
export function containsSealed(node: unknown): boolean {
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const n = stack.pop();
    if (isSealedValue(n)) return true;
    if (Array.isArray(n)) stack.push(...n);
    else if (n !== null && typeof n === 'object' && isPlainObject(n)) stack.push(...Object.values(n));
  }
  return false;
}

function isPlainObject(o: object): boolean {
  const proto = Object.getPrototypeOf(o);
  return proto === Object.prototype || proto === null;
}

/** Counts the sealed values in `node` (and of them, those whose subject is in `erased`). */
export function countSealed(node: unknown, erased: ReadonlySet<string>): { sealed: number; erased: number } {
  const counts = { sealed: 0, erased: 0 };
  const stack: unknown[] = [node];
  while (stack.length > 0) {
    const n = stack.pop();
    if (isSealedValue(n)) {
      counts.sealed++;
      if (erased.has(n.subjectId)) counts.erased++;
    } else if (Array.isArray(n)) stack.push(...n);
    else if (n !== null && typeof n === 'object') stack.push(...Object.values(n));
  }
  return counts;
}
