import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { transitionDossierView, type TransitionDossierView } from '../../../projections/transitionDossierView.ts';
import { HandoverCategory } from '../../domain/events/transitionEvents.ts';
import { ID_PATTERN, LIMITS } from '../../domain/primitives.ts';
import { parseLedgerPosition } from '../../records/ledgerPosition.ts';
import { ActSignatoryRole, TransferReportSectionId } from '../../domain/events/transferEvents.ts';
import type { TransitionState } from '../../../projections/ledgerViewTypes.ts';
import type { FormName, FormState, HandoverFormName } from '../forms/handoverForms.ts';
import { DOCUMENT_FIELDS, type TransferFormName } from '../forms/transferForms.ts';
import { fieldLabel } from '../forms/fieldLabel.ts';
import { transitionCompliance } from '../../../projections/transitionCompliance.ts';
import type { ProblemCode } from '../../http/problems.ts';
import type { PageContext } from '../pageContext.ts';
import type { WebDeps } from '../webRoutes.ts';

/** What the dossier page shows after a successful write (Post/Redirect/Get). */
export const NOTICES = ['item', 'observation', 'resolution', 'act', 'open', 'team', 'teamInstalled', 'accountability', 'transferReport', 'commission', 'supplementary', 'transferAct'] as const;

/** The directive whose forms the dossier offers instead of the 2018 act's. */
const PROCESS_2022 = '016-2022-CG/PREVI';

/** Built once: creating an Intl.DateTimeFormat costs about half a millisecond, more than a whole page's other dates. */
const LIMA_DAY = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Lima', year: 'numeric', month: '2-digit', day: '2-digit' });

/** Today in Lima, `YYYY-MM-DD`: never after the server's UTC day, so the default never breaks DATED_AFTER_RECORDING. */
export function todayInLima(now = new Date()): string {
  return LIMA_DAY.format(now);
}

/** The next free id of the form `{transitionId}-{prefix}NN`. */
export function nextId(transitionId: string, prefix: string, taken: Iterable<string>): string {
  const used = new Set(taken);
  for (let n = used.size + 1; ; n++) {
    const id = `${transitionId}-${prefix}${String(n).padStart(2, '0')}`;
    if (!used.has(id)) return id;
  }
}

function defaultForms(d: TransitionDossierView, today: string): Record<HandoverFormName, Record<string, string>> {
  const observations = [...d.observations.open, ...d.observations.resolved];
  return {
    item: { itemId: nextId(d.transitionId, 'it', d.items.map((i) => i.itemId)), category: 'document', ref: '', description: '', recordedOn: today },
    observation: { observationId: nextId(d.transitionId, 'obs', observations.map((o) => o.observationId)), itemId: '', text: '', raisedOn: today },
    resolution: { observationId: d.observations.open[0]?.observationId ?? '', resolution: '', resolvedOn: today },
    act: { signatories: '', signedOn: today },
  };
}

const emptyDocument = (prefix: string) => Object.fromEntries(DOCUMENT_FIELDS.map((f) => [`${prefix}.${f}`, '']));

/** The 2022 forms' first values: today's date, and the step that usually comes next. */
function defaultTransferForms(t: TransitionState, today: string): Record<Exclude<TransferFormName, 'open'>, Record<string, string>> {
  const has = (type: string, field?: string, value?: string) => t.filings.some((f) => f.type === type && (!field || (f.data as Record<string, unknown>)[field] === value));
  const teamSide = has('TransferTeamDesignated', 'side', 'outgoing') ? 'incoming' : 'outgoing';
  const supplementaries = t.filings.filter((f) => f.type === 'SupplementaryReportFiled').map((f) => (f.data as { reportId: string }).reportId);
  return {
    team: { side: teamSide, members: '', ...emptyDocument('instrument'), designatedOn: today },
    teamInstalled: { side: has('TransferTeamInstalled', 'side', 'outgoing') ? 'incoming' : 'outgoing', ...emptyDocument('installationAct'), installedOn: today },
    accountability: { version: has('AccountabilityReportFiled', 'version', 'initial') ? 'updated' : 'initial', constancia: '', ...emptyDocument('report'), filedOn: today },
    transferReport: { constancia: '', ...emptyDocument('report'), ...Object.fromEntries(TransferReportSectionId.options.map((s) => [`section.${s}`, ''])), filedOn: today },
    commission: { ...emptyDocument('installationAct'), installedOn: today },
    supplementary: { reportId: nextId(t.transitionId, 'ic', supplementaries), summary: '', ...emptyDocument('report'), filedOn: today },
    transferAct: { ...Object.fromEntries(ActSignatoryRole.options.map((r) => [`signatory.${r}`, ''])), ...emptyDocument('act'), signedOn: today },
  };
}

/** The 2022 form that records each document of the directive, so the dossier opens the next step's form. */
const FORM_OF_DOCUMENT: Record<string, TransferFormName> = {
  'etts-resolution': 'team',
  'etts-installation-act': 'teamInstalled',
  'accountability-report-initial': 'accountability',
  'accountability-report-updated': 'accountability',
  'transfer-report': 'transferReport',
  'ette-designation': 'team',
  'commission-installation-act': 'commission',
  'transfer-act': 'transferAct',
};

/** The form of the first document still pending, in the directive's order. */
function nextForm(checklist: ReturnType<typeof transitionCompliance>): TransferFormName | undefined {
  const pending = checklist?.stages.flatMap((s) => s.documents).find((d) => d.status === 'pending');
  return pending ? FORM_OF_DOCUMENT[pending.documentId] : undefined;
}

/** The members of each side's transfer team, as its designation records them. */
function teamsOf(t: TransitionState) {
  const team = (side: 'outgoing' | 'incoming') => {
    const designated = t.filings.find((f) => f.type === 'TransferTeamDesignated' && f.data.side === side);
    return designated?.type === 'TransferTeamDesignated' ? designated.data.members.map((m) => ({ ...m })) : [];
  };
  return { outgoing: team('outgoing'), incoming: team('incoming') };
}

/** The state of each form the dossier of `t` offers: a refused one as it came back, the others with their first values. */
function formsOf(t: TransitionState, d: TransitionDossierView, refused: Partial<Record<FormName, FormState>> = {}) {
  const today = todayInLima();
  const defaults: Partial<Record<FormName, Record<string, string>>> = {
    ...defaultForms(d, today),
    ...(t.directive === PROCESS_2022 ? defaultTransferForms(t, today) : {}),
  };
  return Object.fromEntries(
    Object.entries(defaults).map(([name, values]) => [name, refused[name as FormName] ?? { values, fieldErrors: {}, formErrors: [] }]),
  );
}

/**
 * Renders the dossier of `transitionId`, with the forms for a signed-in writer while the act is
 * unsigned and the page shows the present. `forms` carries a refused form back with its errors.
 */
export async function renderDossier(
  deps: WebDeps,
  reply: FastifyReply,
  ctx: PageContext,
  transitionId: string,
  options: { forms?: Partial<Record<FormName, FormState>>; problem?: ProblemCode; notice?: string; position?: string } = {},
) {
  const view = await deps.reader.view(ctx.at);
  const dossier = transitionDossierView(view, transitionId);
  if (!dossier) return deps.notFound(reply, ctx, ctx.t('error.notFound.transition', { id: transitionId }));
  const t = view.transitions.get(transitionId)!;
  const lg = view.localGovernments.get(dossier.lgId);
  const atPresent = !ctx.asOf && !ctx.atPosition;
  const forms = formsOf(t, dossier, options.forms);
  const checklist = transitionCompliance(view, transitionId);
  // A refused form this dossier does not offer (a 2022 form posted to a 2018 transition).
  const hiddenRefusal = Object.entries(options.forms ?? {}).find(([name]) => !Object.hasOwn(forms, name))?.[1];
  return deps.render(reply, ctx, 'transition.eta', {
    title: ctx.t('transition.title', { id: transitionId }),
    d: dossier,
    lgName: lg?.name ?? dossier.lgId,
    // An item's `ref` names a plan or a project by its id; officials know them by their title.
    refTitle: (ref: string) => view.plans.get(ref)?.title ?? view.projects.get(ref)?.title ?? ref,
    canWrite: atPresent && dossier.status === 'open',
    atPresent,
    forms,
    hiddenRefusal,
    process2022: t.directive === PROCESS_2022,
    teams: teamsOf(t),
    checklist,
    openForm: nextForm(checklist),
    directive: t.directive,
    fieldLabel: (form: FormName, field: string) => fieldLabel(ctx.t, form, field),
    today: todayInLima(),
    sections: TransferReportSectionId.options,
    signatoryRoles: ActSignatoryRole.options,
    categories: HandoverCategory.options,
    idPattern: ID_PATTERN.source,
    limits: LIMITS,
    notice: options.notice,
    noticePosition: options.position,
  }, options.problem);
}

/** Transition dossier: commission, items, observations, decisions, act, and the forms that add to it. */
export const transitionPage: FastifyPluginAsync<WebDeps> = async (app, deps) => {
  app.get<{ Params: { transitionId: string }; Querystring: { registrado?: string; posicion?: string } }>(
    '/transiciones/:transitionId',
    async (request, reply) => {
      const ctx = await deps.context(request, reply);
      const notice = (NOTICES as readonly string[]).includes(request.query.registrado ?? '') ? request.query.registrado : undefined;
      const position = parseLedgerPosition(request.query.posicion) !== undefined ? request.query.posicion : undefined;
      return renderDossier(deps, reply, ctx, request.params.transitionId, { notice, position });
    },
  );
};
