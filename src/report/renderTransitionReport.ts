import { readFileSync } from 'node:fs';
import { Eta } from 'eta';
import { REPORT_STRINGS, type ReportLang } from './reportStrings.ts';
import type { TransitionReportData } from './transitionReportData.ts';

const TEMPLATE = readFileSync(new URL('./transitionReport.eta', import.meta.url), 'utf8');
// autoEscape: every `<%= %>` is HTML-escaped, so recorded text (names, descriptions) can never inject markup.
const eta = new Eta({ autoEscape: true, autoTrim: false });

/** The printable HTML audit report of a transition. */
export function renderTransitionReport(data: TransitionReportData, options: { lang: ReportLang; baseUrl: string }): string {
  return eta.renderString(TEMPLATE, {
    lang: options.lang,
    t: REPORT_STRINGS[options.lang],
    d: data,
    baseUrl: options.baseUrl,
    bundleDir: `auditoria-${data.dossier.transitionId}`,
  });
}
