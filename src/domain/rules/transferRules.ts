import { appliesRule, DIRECTIVES, documentsEvidencedBy, type DirectiveProcess } from '../directives/directives.ts';
import { occurredOn, type EventData, type EventOf } from '../events/catalogue.ts';
import { TransferReportSectionId } from '../events/transferEvents.ts';
import type { LedgerState, TransitionState } from '../ledgerState.ts';
import { idKeys } from '../recordedIds.ts';
import { getExistingLocalGovernment, getExistingTerm, requireNotBefore } from './lookups.ts';
import { requireSuccessiveTerms } from './successiveTerms.ts';
import { violate } from './violate.ts';

/*
 * The rules a directive's process adds to a transition (src/domain/directives/): which events it
 * accepts, the order of its documents, and the 2022 process's own checks (teams, report sections,
 * signatories). Each rule runs only for a directive whose data lists it, or whose document lists
 * it as the rule of an ordering.
 */

type TransitionEvent = EventOf<'transition'>;

/** TransitionOpened: a new transition under a directive whose process starts with this event. */
export function checkTransitionOpened(data: EventData<'TransitionOpened'>, state: LedgerState): void {
  const { transitionId, lgId, directive, outgoingTermId, incomingTermId } = data;
  if (state.recordedIds.has(idKeys.transition(transitionId))) {
    violate('TRANSITION_ALREADY_FORMED', `transition ${transitionId} is already opened`, { transitionId });
  }
  const process = DIRECTIVES[directive];
  if (process.opensWith !== 'TransitionOpened') {
    violate('DIRECTIVE_OPENS_OTHERWISE', `a transition under ${directive} is opened by ${process.opensWith}`, {
      transitionId,
      directive,
      opensWith: process.opensWith,
    });
  }
  getExistingTerm(getExistingLocalGovernment(state, lgId), outgoingTermId);
  requireSuccessiveTerms(transitionId, outgoingTermId, incomingTermId);
}

/**
 * What every record of an opened transition owes its directive: (1) it is one of the process's
 * events; (2) a document recorded once is not recorded again; (3) the documents it must follow are
 * recorded, and it is not dated before them; (4) the process's own checks of its content.
 */
export function checkDirectiveProcess(event: TransitionEvent, transition: TransitionState): void {
  const process = DIRECTIVES[transition.directive];
  const { transitionId } = transition;
  if (!process.events.includes(event.type)) {
    violate('EVENT_NOT_OF_DIRECTIVE', `${event.type} is not an event of the process of ${process.id}, which transition ${transitionId} follows`, {
      transitionId,
      directive: process.id,
      type: event.type,
    });
  }
  const date = occurredOn(event) as string; // every transition record has a date
  for (const document of documentsEvidencedBy(process, event.type, event.data)) {
    const recordedOn = transition.documents.get(document.id);
    if (recordedOn !== undefined && !document.repeatable) {
      violate('DOCUMENT_ALREADY_RECORDED', `${document.title.en} is already recorded in transition ${transitionId}, on ${recordedOn}`, {
        transitionId,
        document: document.id,
        recordedOn,
      });
    }
    for (const { document: before, rule } of document.after ?? []) {
      const beforeOn = transition.documents.get(before) ?? violate(rule, `${document.title.en} needs ${titleOf(process, before)} recorded first`, {
        transitionId,
        document: document.id,
        missing: before,
      });
      requireNotBefore(date, beforeOn, titleOf(process, before));
    }
  }
  checkContent(event, transition, process);
}

function checkContent(event: TransitionEvent, transition: TransitionState, process: DirectiveProcess): void {
  const { transitionId } = transition;
  switch (event.type) {
    case 'TransferTeamDesignated': {
      const { side, members } = event.data;
      const leads = members.filter((m) => m.role === 'lead').length;
      if (side === 'incoming' && appliesRule(process, 'INCOMING_TEAM_TOO_SMALL') && members.length < 3) {
        violate('INCOMING_TEAM_TOO_SMALL', `the incoming transfer team of transition ${transitionId} has ${members.length} members, fewer than 3`, {
          transitionId,
          members: members.length,
        });
      }
      if (appliesRule(process, 'TRANSFER_TEAM_LEAD') && (side === 'incoming' ? leads !== 1 : leads > 1)) {
        violate('TRANSFER_TEAM_LEAD', `the ${side} transfer team of transition ${transitionId} has ${leads} leads`, { transitionId, side, leads });
      }
      return;
    }
    case 'TransferReportFiled': {
      if (!appliesRule(process, 'TRANSFER_REPORT_SECTIONS')) return;
      const sections = event.data.sections.map((s) => s.section);
      const missing = TransferReportSectionId.options.filter((s) => !sections.includes(s));
      if (missing.length > 0 || new Set(sections).size !== sections.length) {
        violate('TRANSFER_REPORT_SECTIONS', `the transfer report of transition ${transitionId} has sections ${sections.join(', ')}, not I to V each once`, {
          transitionId,
          sections,
          missing,
        });
      }
      return;
    }
    case 'TransferActSigned': {
      if (!appliesRule(process, 'ACT_SIGNATORIES')) return;
      const roles = event.data.signatories.map((s) => s.role as string);
      const missing = process.signatories.map((s) => s.role).filter((r) => !roles.includes(r));
      const repeated = roles.filter((r, i) => roles.indexOf(r) !== i);
      if (missing.length > 0 || repeated.length > 0) {
        violate('ACT_SIGNATORIES', `the transfer act of transition ${transitionId} must be signed once by each of ${process.signatories.map((s) => s.role).join(', ')}`, {
          transitionId,
          missing,
          repeated: [...new Set(repeated)],
        });
      }
      return;
    }
    case 'SupplementaryReportFiled':
      return;
    case 'CommissionDecisionRecorded':
    case 'HandoverObservationRaised':
      if (appliesRule(process, 'COMMISSION_NOT_INSTALLED') && !transition.documents.has('commission-installation-act')) {
        violate('COMMISSION_NOT_INSTALLED', `the transfer commission of transition ${transitionId} is not installed yet`, { transitionId });
      }
      return;
    default:
      return;
  }
}

function titleOf(process: DirectiveProcess, documentId: string): string {
  return process.documents.find((d) => d.id === documentId)?.title.en ?? documentId;
}
