import { readFileSync } from 'node:fs';
import { Eta } from 'eta';
import { CHECKPOINT_LEDGER } from '../audit/checkpoint.ts';
import { formattersFor } from '../web/format/formatters.ts';
import { translator } from '../web/i18n/translate.ts';
import { REPORT_STRINGS, type ReportLang } from './reportStrings.ts';
import type { TransitionReportData } from './transitionReportData.ts';

const TEMPLATE = readFileSync(new URL('./transitionReport.eta', import.meta.url), 'utf8');
// autoEscape: every `<%= %>` is HTML-escaped, so recorded text (names, descriptions) can never inject markup.
const eta = new Eta({ autoEscape: true, autoTrim: false });

/** Fills `{name}` placeholders of a report string. */
export function fill(message: string, params: Record<string, string | number>): string {
  return message.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole));
}

/** The public web page of a transition: the address printed (and QR-coded) on the report. */
export function publicPageOf(baseUrl: string, transitionId: string): string {
  return `${baseUrl}/transiciones/${encodeURIComponent(transitionId)}`;
}

/**
 * What both renderings (HTML and PDF) need besides the data: the words, the formatters of the
 * language, the names of categories and plan kinds as the web app writes them.
 */
export function reportWords(lang: ReportLang) {
  const t = translator(lang);
  return {
    t: REPORT_STRINGS[lang],
    f: formattersFor(lang),
    fill,
    category: (c: string) => t(`category.${c}` as Parameters<typeof t>[0]),
    planKind: (k: string) => t(`planKind.${k}` as Parameters<typeof t>[0]),
    origin: CHECKPOINT_LEDGER,
  };
}

/** The printable HTML audit report of a transition. */
export function renderTransitionReport(data: TransitionReportData, options: { lang: ReportLang; baseUrl: string }): string {
  return eta.renderString(TEMPLATE, {
    lang: options.lang,
    ...reportWords(options.lang),
    d: data,
    baseUrl: options.baseUrl,
    publicPage: publicPageOf(options.baseUrl, data.dossier.transitionId),
    bundleDir: `auditoria-${data.dossier.transitionId}`,
  });
}
