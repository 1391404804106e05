import { ActSignatoryRole, TransferReportSectionId } from '../../domain/events/transferEvents.ts';
import type { FormSpec } from './handoverForms.ts';

/*
 * The forms of the 2022 transfer process (Directiva 016-2022-CG/PREVI): each records one of its
 * events through the same write path as the API. A filed document is five fields named
 * `{prefix}.title`, `{prefix}.sha256`, … so that an error at `data/instrument/sha256` finds its field.
 */

export type TransferFormName = 'open' | 'team' | 'teamInstalled' | 'accountability' | 'transferReport' | 'commission' | 'supplementary' | 'transferAct';

/** The fields of a filed document, as in FiledDocument. */
export const DOCUMENT_FIELDS = ['title', 'sha256', 'sizeBytes', 'contraloriaRef', 'publishedAt'] as const;

const documentFields = (prefix: string) => DOCUMENT_FIELDS.map((f) => `${prefix}.${f}`);

const optional = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v.trim());

/** A whole number typed in a form becomes a number; anything else stays as typed, for the schema to refuse in words. */
function integerOrRaw(v: string | undefined): unknown {
  const s = (v ?? '').replace(/[\s.,_]/g, '');
  if (s === '') return undefined;
  return /^\d+$/.test(s) ? Number(s) : v;
}

/** The document of `prefix` as FiledDocument. A digest is said in lowercase hex, as sha256sum prints it; spaces and case are forgiven. */
export function documentFrom(prefix: string, v: Record<string, string>): Record<string, unknown> {
  return {
    title: (v[`${prefix}.title`] ?? '').trim(),
    sha256: (v[`${prefix}.sha256`] ?? '').replace(/\s+/g, '').toLowerCase(),
    sizeBytes: integerOrRaw(v[`${prefix}.sizeBytes`]),
    contraloriaRef: optional(v[`${prefix}.contraloriaRef`]),
    publishedAt: optional(v[`${prefix}.publishedAt`]),
  };
}

/** Words an official may type for a member's role and kind, in Spanish or English, without accents or case. */
const ROLE_WORDS: Record<string, string> = { responsable: 'lead', lider: 'lead', lead: 'lead', integrante: 'member', miembro: 'member', member: 'member' };
const KIND_WORDS: Record<string, string> = {
  funcionario: 'official', funcionaria: 'official', official: 'official',
  servidor: 'servant', servidora: 'servant', servant: 'servant',
  ciudadano: 'citizen', ciudadana: 'citizen', citizen: 'citizen',
};
const word = (s: string | undefined) => (s ?? '').trim().normalize('NFD').replace(/\p{Mn}/gu, '').toLowerCase();

/** One member a line: `name; role; kind; post` (the post is optional), e.g. `Ana Quispe; responsable; ciudadana`. */
export function membersFrom(text: string | undefined): Record<string, unknown>[] {
  return (text ?? '')
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => {
      const [name, role, kind, ...post] = line.split(';').map((s) => s.trim());
      return {
        name: name ?? '',
        role: ROLE_WORDS[word(role)] ?? (role || undefined),
        kind: KIND_WORDS[word(kind)] ?? (kind || undefined),
        position: optional(post.join('; ')),
      };
    });
}

const SECTIONS = TransferReportSectionId.options;
const ROLES = ActSignatoryRole.options;
export const SECTION_FIELDS = SECTIONS.map((s) => `section.${s}`);
export const SIGNATORY_FIELDS = ROLES.map((r) => `signatory.${r}`);

/** The n-th entry of a list in the data the form sent. */
const entryOf = (data: Record<string, unknown> | undefined, list: string, n: string) =>
  (data?.[list] as Record<string, unknown>[] | undefined)?.[Number(n)];

export const TRANSFER_FORMS: Record<TransferFormName, FormSpec> = {
  open: {
    type: 'TransitionOpened',
    fields: ['transitionId', 'directive', 'outgoingTermId', 'incomingTermId', 'openedOn'],
    dateField: 'openedOn',
    // The subject of this form is the local government whose page it is on.
    toData: (lgId, v) => ({
      transitionId: (v.transitionId ?? '').trim(), lgId, directive: v.directive ?? '',
      outgoingTermId: (v.outgoingTermId ?? '').trim(), incomingTermId: (v.incomingTermId ?? '').trim(), openedOn: v.openedOn ?? '',
    }),
    ruleFields: (rule) =>
      rule === 'TRANSITION_ALREADY_FORMED' ? ['transitionId']
        : rule === 'DIRECTIVE_OPENS_OTHERWISE' ? ['directive']
          : rule === 'TERM_UNKNOWN' ? ['outgoingTermId']
            : rule === 'TRANSITION_TERMS_NOT_SUCCESSIVE' ? ['incomingTermId'] : [],
  },
  team: {
    type: 'TransferTeamDesignated',
    fields: ['side', 'members', ...documentFields('instrument'), 'designatedOn'],
    dateField: 'designatedOn',
    toData: (transitionId, v) => ({
      transitionId, side: v.side ?? '', members: membersFrom(v.members), instrument: documentFrom('instrument', v), designatedOn: v.designatedOn ?? '',
    }),
    // `data/members/2/kind` is the third line of the members' field.
    fieldFor: (path) => (path[0] === 'members' && path.length > 1 ? { field: 'members', line: Number(path[1]) + 1, part: path[2] } : undefined),
    ruleFields: (rule) => (rule === 'INCOMING_TEAM_TOO_SMALL' || rule === 'TRANSFER_TEAM_LEAD' ? ['members'] : rule === 'DOCUMENT_ALREADY_RECORDED' ? ['side'] : []),
  },
  teamInstalled: {
    type: 'TransferTeamInstalled',
    fields: ['side', ...documentFields('installationAct'), 'installedOn'],
    dateField: 'installedOn',
    toData: (transitionId, v) => ({ transitionId, side: v.side ?? '', installationAct: documentFrom('installationAct', v), installedOn: v.installedOn ?? '' }),
    ruleFields: (rule) => (rule === 'TRANSFER_TEAM_NOT_DESIGNATED' || rule === 'DOCUMENT_ALREADY_RECORDED' ? ['side'] : []),
  },
  accountability: {
    type: 'AccountabilityReportFiled',
    fields: ['version', 'constancia', ...documentFields('report'), 'filedOn'],
    dateField: 'filedOn',
    toData: (transitionId, v) => ({
      transitionId, version: v.version ?? '', constancia: (v.constancia ?? '').trim(), report: documentFrom('report', v), filedOn: v.filedOn ?? '',
    }),
    ruleFields: (rule) => (rule === 'ACCOUNTABILITY_UPDATE_BEFORE_INITIAL' || rule === 'DOCUMENT_ALREADY_RECORDED' ? ['version'] : []),
  },
  transferReport: {
    type: 'TransferReportFiled',
    fields: ['constancia', ...documentFields('report'), ...SECTION_FIELDS, 'filedOn'],
    dateField: 'filedOn',
    // A section left blank is not sent, so the rule that wants all five names the missing ones.
    toData: (transitionId, v) => ({
      transitionId,
      constancia: (v.constancia ?? '').trim(),
      report: documentFrom('report', v),
      sections: SECTIONS.filter((s) => optional(v[`section.${s}`]) !== undefined).map((s) => ({ section: s, summary: v[`section.${s}`]!.trim(), documents: [] })),
      filedOn: v.filedOn ?? '',
    }),
    fieldFor: (path, data) => {
      const section = path[0] === 'sections' && path[1] !== undefined ? entryOf(data, 'sections', path[1])?.section : undefined;
      return typeof section === 'string' ? { field: `section.${section}` } : undefined;
    },
    ruleFields: (rule, details) => (rule === 'TRANSFER_REPORT_SECTIONS' ? ((details.missing as string[] | undefined) ?? []).map((s) => `section.${s}`) : []),
  },
  commission: {
    type: 'TransferCommissionInstalled',
    fields: [...documentFields('installationAct'), 'installedOn'],
    dateField: 'installedOn',
    toData: (transitionId, v) => ({ transitionId, installationAct: documentFrom('installationAct', v), installedOn: v.installedOn ?? '' }),
  },
  supplementary: {
    type: 'SupplementaryReportFiled',
    fields: ['reportId', 'summary', ...documentFields('report'), 'filedOn'],
    dateField: 'filedOn',
    toData: (transitionId, v) => ({
      transitionId, reportId: (v.reportId ?? '').trim(), summary: (v.summary ?? '').trim(), report: documentFrom('report', v), filedOn: v.filedOn ?? '',
    }),
  },
  transferAct: {
    type: 'TransferActSigned',
    fields: [...SIGNATORY_FIELDS, ...documentFields('act'), 'signedOn'],
    dateField: 'signedOn',
    // One field per role the directive names; a role left blank is not sent, so the rule names it.
    toData: (transitionId, v) => ({
      transitionId,
      signatories: ROLES.filter((r) => optional(v[`signatory.${r}`]) !== undefined).map((r) => ({ role: r, name: v[`signatory.${r}`]!.trim() })),
      act: documentFrom('act', v),
      signedOn: v.signedOn ?? '',
    }),
    fieldFor: (path, data) => {
      const role = path[0] === 'signatories' && path[1] !== undefined ? entryOf(data, 'signatories', path[1])?.role : undefined;
      return typeof role === 'string' ? { field: `signatory.${role}` } : undefined;
    },
    ruleFields: (rule, details) => (rule === 'ACT_SIGNATORIES' ? ((details.missing as string[] | undefined) ?? []).map((r) => `signatory.${r}`) : []),
  },
};
