import type { FastifyReply, FastifyRequest } from 'fastify';
import { safeParseFor } from './i18n/validationMessages.ts';
import { z } from 'zod';
import type { PointInTime } from '../../projections/pointInTime.ts';
import type { Writer } from '../commandHandling/recordEvents.ts';
import { IsoDate } from '../domain/primitives.ts';
import { ValidationError } from '../errors/validationError.ts';
import { PositionParam } from '../http/pointInTimeQuery.ts';
import { formattersFor, type Formatters } from './format/formatters.ts';
import { DEFAULT_LANG, isLang, LANGS, translator, type Lang, type Translate } from './i18n/translate.ts';
import { LANG_COOKIE, readCookies, setLangCookie } from './session/cookies.ts';

/** An empty form field (`asOf=` from the time-travel form) means "not given". */
const blankAsUndefined = (v: unknown) => (v === '' ? undefined : v);

/** Query parameters every page accepts: the point in time to replay, and the language. */
export const PageQuery = z.object({
  asOf: z.preprocess(blankAsUndefined, IsoDate.optional()),
  atPosition: z.preprocess(blankAsUndefined, PositionParam.optional()),
  lang: z.preprocess(blankAsUndefined, z.enum(LANGS).optional()),
});

/** Everything a template needs besides its page's data. */
export interface PageContext {
  lang: Lang;
  t: Translate;
  fmt: Formatters;
  /** The point in time the page replays; empty for the present. */
  at: PointInTime;
  asOf?: string;
  atPosition?: string;
  /** The request path, without the query. */
  path: string;
  /** Path plus query, to come back to after signing in. */
  url: string;
  /** `path` with the page's point in time (and `extra`) in its query, so links stay in the same past. */
  href(path: string, extra?: Record<string, string | undefined>): string;
  /** This page in the other language. */
  langHref(lang: Lang): string;
  /** Fingerprinted URL of a static asset. */
  asset(name: string): string;
  writer: Writer | null;
  /** Last position recorded (`0` on an empty ledger): the far end of the position slider. */
  headPosition: string;
  /** The page's own query parameters, kept when the time-travel form is submitted. */
  keepQuery: [string, string][];
}

/** PageQuery's answer for a query without any of its parameters. */
const NOTHING_GIVEN: { success: true; data: z.infer<typeof PageQuery> } = { success: true, data: {} };

/** Parameters that the time-travel form sets itself, or that only make sense for one page of results. */
const NOT_KEPT = new Set(['asOf', 'atPosition', 'lang', 'before']);

/** A page's query parameter is not valid: VALIDATION_FAILED, shown on the page with the parameter's name. */
export class BadPageQueryError extends ValidationError {
  constructor(readonly field: string, message: string) {
    super([{ path: `querystring/${field}`, message }], message);
  }
}

export interface ContextDeps {
  /** The signed-in writer of the request's session, or null. */
  writer(request: FastifyRequest, reply: FastifyReply): Promise<Writer | null>;
  asset(name: string): string;
  headPosition(): Promise<bigint | undefined>;
}

/**
 * Reads the page query, the language (query first, then cookie, then Spanish) and the session.
 * A `?lang=` is remembered in a cookie so the choice survives navigation.
 */
export async function pageContext(request: FastifyRequest, reply: FastifyReply, deps: ContextDeps): Promise<PageContext> {
  const raw = (request.query ?? {}) as Record<string, unknown>;
  const cookies = readCookies(request);
  const queryLang = isLang(raw.lang) ? raw.lang : undefined;
  const lang: Lang = queryLang ?? (isLang(cookies[LANG_COOKIE]) ? (cookies[LANG_COOKIE] as Lang) : DEFAULT_LANG);
  if (queryLang && cookies[LANG_COOKIE] !== queryLang) setLangCookie(request, reply, queryLang);

  // Most pages are asked for at the present in the remembered language: nothing to validate then.
  const given = raw.asOf !== undefined || raw.atPosition !== undefined || raw.lang !== undefined;
  const parsed = given ? safeParseFor(PageQuery, { asOf: raw.asOf, atPosition: raw.atPosition, lang: raw.lang }, lang) : NOTHING_GIVEN;
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new BadPageQueryError(String(issue.path[0] ?? 'query'), issue.message);
  }
  const { asOf, atPosition } = parsed.data;
  const path = request.url.split('?')[0]!;
  const query = new URLSearchParams(request.url.split('?')[1] ?? '');

  const href = (target: string, extra: Record<string, string | undefined> = {}) => {
    const params = new URLSearchParams();
    if (asOf) params.set('asOf', asOf);
    if (atPosition) params.set('atPosition', atPosition);
    for (const [k, v] of Object.entries(extra)) if (v !== undefined && v !== '') params.set(k, v);
    const q = params.toString();
    return q ? `${target}?${q}` : target;
  };
  const langHref = (l: Lang) => {
    const q = new URLSearchParams(query);
    q.set('lang', l);
    return `${path}?${q.toString()}`;
  };

  return {
    lang,
    t: translator(lang),
    fmt: formattersFor(lang),
    at: { asOf, atPosition: atPosition === undefined ? undefined : BigInt(atPosition) },
    asOf,
    atPosition,
    path,
    url: request.url,
    href,
    langHref,
    asset: deps.asset,
    writer: await deps.writer(request, reply),
    headPosition: ((await deps.headPosition()) ?? 0n).toString(),
    keepQuery: [...query].filter(([name, value]) => !NOT_KEPT.has(name) && value !== ''),
  };
}
