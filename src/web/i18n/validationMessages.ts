import { z } from 'zod';
import type { Lang } from './translate.ts';

/**
 * Validation messages for people. The API keeps zod's English (its problem bodies are read by
 * programs and their developers, and tests match them); pages parse with a per-parse error map
 * instead of a global `z.config`, so one process serves both. Spanish is zod 4's own locale
 * (`z.locales.es()`), with the messages an official meets most often said plainly first.
 */
const zodEs = z.locales.es().localeError as (issue: z.core.$ZodRawIssue) => string | { message: string } | undefined | null;

function plainSpanish(issue: z.core.$ZodRawIssue): string | undefined {
  if (issue.code === 'invalid_type' && issue.input === undefined) return 'es obligatorio';
  if (issue.code === 'invalid_type' && issue.expected === 'number') return 'debe ser un número entero, sin puntos ni comas';
  if (issue.code === 'too_small' && issue.origin === 'number') return Number(issue.minimum) === 0 && !issue.inclusive ? 'debe ser mayor que cero' : `debe ser al menos ${issue.minimum}`;
  if (issue.code === 'invalid_format' && issue.format === 'url') return 'debe ser una dirección web completa (https://…)';
  if (issue.code === 'too_small' && issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'no puede estar vacío' : `debe tener al menos ${issue.minimum} caracteres`;
  if (issue.code === 'too_big' && issue.origin === 'string') return `debe tener como máximo ${issue.maximum} caracteres`;
  if (issue.code === 'too_small' && issue.origin === 'array') return `debe tener al menos ${issue.minimum} ${Number(issue.minimum) === 1 ? 'elemento' : 'elementos'}`;
  if (issue.code === 'too_big' && issue.origin === 'array') return `debe tener como máximo ${issue.maximum} elementos`;
  if (issue.code === 'invalid_value' && issue.input === undefined) return 'es obligatorio';
  if (issue.code === 'invalid_value') return 'elija una de las opciones de la lista';
  if (issue.code === 'invalid_format') return 'no tiene el formato esperado';
  return undefined;
}

/** The per-parse error map of `lang`: zod's Spanish for `es`, zod's default English for `en`. */
export function errorMapFor(lang: Lang): z.core.$ZodErrorMap | undefined {
  if (lang === 'en') return undefined;
  return (issue) => {
    const own = plainSpanish(issue);
    if (own) return own;
    const message = zodEs(issue);
    return typeof message === 'string' ? message : message?.message;
  };
}

/**
 * Our own schemas' messages (src/domain/primitives.ts and the event schemas) are part of the schema,
 * so they win over any error map; their Spanish is kept here, keyed by the English text. A message
 * not listed falls back to a plain "no es válido" rather than English or a regular expression.
 */
const OWN_ES: Record<string, string> = {
  'must not contain control characters': 'no debe contener caracteres de control',
  'must not be empty': 'no puede estar vacío',
  'must match ^[A-Za-z0-9][A-Za-z0-9._:-]*$': 'debe empezar con una letra o un número, y usar solo letras sin tilde, números y los signos . _ : -',
  'must be a 6-digit INEI ubigeo, e.g. 080707': 'debe ser un ubigeo del INEI de 6 dígitos, por ejemplo 080707',
  'must look like 2019-2022': 'debe tener la forma 2019-2022',
  'must not end before it starts': 'no puede terminar antes de empezar',
  'must be a real calendar date, YYYY-MM-DD': 'debe ser una fecha real del calendario (AAAA-MM-DD)',
  'must be a non-negative decimal string with at most two decimals, e.g. "5187500.00"': 'debe ser un monto sin signo con hasta dos decimales, por ejemplo 5187500.00',
  'must be greater than zero': 'debe ser mayor que cero',
  'must be a 6-8 digit CUI': 'debe ser un CUI de 6 a 8 dígitos',
  'must be a UUID': 'debe ser un UUID',
  'must be the UUID of a recorded event': 'debe ser el UUID de un evento registrado',
  'must be a ledger position': 'debe ser una posición del registro (un número entero)',
  'must contain at least one event': 'debe contener al menos un evento',
  'event ids must be unique within a batch': 'los identificadores de los eventos no deben repetirse',
  'horizon.to must not be before horizon.from': 'el horizonte no puede terminar antes de empezar',
  'must be a revision: a non-negative integer': 'debe ser una revisión (un número entero)',
  'must be a SHA-256 digest in lowercase hex (64 characters)': 'debe ser un SHA-256: 64 caracteres hexadecimales (0-9, a-f), como los muestra sha256sum',
  'must be an absolute http or https URL in printable ASCII': 'debe ser una dirección web completa que empiece con http:// o https://, sin espacios',
  'must be at most 2000 characters': 'debe tener como máximo 2000 caracteres',
};

const PATTERNS: [RegExp, (m: RegExpExecArray) => string][] = [
  [/^must be a ledger position \(0 to (\d+)\)$/, (m) => `debe ser una posición del registro (un número entero de 0 a ${m[1]})`],
  [/^must be at most (\d+) characters$/, (m) => `debe tener como máximo ${m[1]} caracteres`],
  [/^must have at most (\d+) items$/, (m) => `debe tener como máximo ${m[1]} elementos`],
];

/** A message of one of our own schemas, in `lang`. */
export function ownMessage(message: string, lang: Lang): string {
  if (lang === 'en') return message;
  const known = OWN_ES[message];
  if (known) return known;
  for (const [pattern, say] of PATTERNS) {
    const m = pattern.exec(message);
    if (m) return say(m);
  }
  // Already Spanish (from the error map), or unknown English: never show a regex or English to an official.
  return /^[\x20-\x7e]*$/.test(message) && /\b(must|expected|invalid|received)\b/i.test(message) ? 'no es válido' : message;
}

/** Parses `value` for a page: messages in `lang`, our own ones translated too. */
export function safeParseFor<T extends z.ZodType>(schema: T, value: unknown, lang: Lang): z.ZodSafeParseResult<z.output<T>> {
  const result = schema.safeParse(value, { error: errorMapFor(lang) });
  if (!result.success) for (const issue of result.error.issues) (issue as { message: string }).message = ownMessage(issue.message, lang);
  return result;
}
