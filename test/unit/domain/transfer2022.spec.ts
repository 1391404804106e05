import { describe, it } from 'vitest';
import { given } from '../../support/decider.ts';
import { actSigned, commissionFormed, decisionRecorded, itemRecorded, lgRegistered, observationRaised, termStarted } from './fixtures.ts';
import {
  ALL_SECTIONS,
  ALL_SIGNATORIES,
  accountabilityFiled,
  commissionInstalled,
  etteDesignated,
  ettsDesignated,
  ettsInstalled,
  quinota2026,
  readyToSign,
  supplementaryFiled,
  transferActSigned,
  transferReportFiled,
  transitionOpened,
  TRANSFER,
} from './transferFixtures.ts';

/** Quiñota's 2026 transition opened under Directiva 016-2022-CG/PREVI. */
const opened = () => [...quinota2026(), transitionOpened()];
const withEtts = () => [...opened(), ettsDesignated()];

describe('a transition under Directiva 016-2022-CG/PREVI', () => {
  it('given the outgoing term in office, when it is opened, then it is recorded', () => {
    given(quinota2026()).when(transitionOpened()).then([transitionOpened()]);
  });

  it('given a directive whose process starts with a commission, when a transition is opened under it, then DIRECTIVE_OPENS_OTHERWISE', () => {
    given(quinota2026()).when(transitionOpened({ directive: '008-2018-CG/GTN' })).thenViolates('DIRECTIVE_OPENS_OTHERWISE');
  });

  it('given an opened transition, when it is opened again, then TRANSITION_ALREADY_FORMED', () => {
    given(opened()).when(transitionOpened()).thenViolates('TRANSITION_ALREADY_FORMED');
  });

  it('given an opened transition, when the 2018 handover act is signed in it, then EVENT_NOT_OF_DIRECTIVE', () => {
    given(opened()).when(actSigned({ transitionId: TRANSFER, signedOn: '2026-11-30' })).thenViolates('EVENT_NOT_OF_DIRECTIVE');
  });

  it('given a 2018 commission, when a 2022 transfer report is filed in it, then EVENT_NOT_OF_DIRECTIVE', () => {
    given([lgRegistered(), termStarted(), commissionFormed()])
      .when(transferReportFiled({ transitionId: 'transition-quinota-2018', filedOn: '2018-12-01' }))
      .thenViolates('EVENT_NOT_OF_DIRECTIVE');
  });
});

describe('the transfer teams', () => {
  it('given an opened transition, when the ETTS is designated and installed, then both are recorded', () => {
    given(opened()).when(ettsDesignated()).then([ettsDesignated()]);
    given(withEtts()).when(ettsInstalled()).then([ettsInstalled()]);
  });

  it('given no ETTS, when it is installed, then TRANSFER_TEAM_NOT_DESIGNATED', () => {
    given(opened()).when(ettsInstalled()).thenViolates('TRANSFER_TEAM_NOT_DESIGNATED');
  });

  it('given a designated ETTS, when it is designated again, then DOCUMENT_ALREADY_RECORDED', () => {
    given(withEtts()).when(ettsDesignated({ designatedOn: '2026-06-05' })).thenViolates('DOCUMENT_ALREADY_RECORDED');
  });

  it('given an ETTE of three, when designated, then recorded; of two, then INCOMING_TEAM_TOO_SMALL', () => {
    given(withEtts()).when(etteDesignated()).then([etteDesignated()]);
    const two = etteDesignated().data.members.slice(0, 2);
    given(withEtts()).when(etteDesignated({ members: two })).thenViolates('INCOMING_TEAM_TOO_SMALL');
  });

  it('given an ETTE with no lead or two, when designated, then TRANSFER_TEAM_LEAD', () => {
    const members = etteDesignated().data.members;
    given(withEtts()).when(etteDesignated({ members: members.map((m) => ({ ...m, role: 'member' as const })) })).thenViolates('TRANSFER_TEAM_LEAD');
    given(withEtts()).when(etteDesignated({ members: members.map((m) => ({ ...m, role: 'lead' as const })) })).thenViolates('TRANSFER_TEAM_LEAD');
  });

  it('given a designation dated before the transition was opened, when recorded, then DATED_BEFORE_SUBJECT', () => {
    given(opened()).when(ettsDesignated({ designatedOn: '2026-05-01' })).thenViolates('DATED_BEFORE_SUBJECT');
  });
});

describe('the reports', () => {
  it('given the initial accountability report, when the updated one is filed, then it is recorded', () => {
    const updated = accountabilityFiled({ version: 'updated', filedOn: '2026-12-01' });
    given([...withEtts(), accountabilityFiled()]).when(updated).then([updated]);
  });

  it('given no initial accountability report, when the updated one is filed, then ACCOUNTABILITY_UPDATE_BEFORE_INITIAL', () => {
    given(withEtts()).when(accountabilityFiled({ version: 'updated' })).thenViolates('ACCOUNTABILITY_UPDATE_BEFORE_INITIAL');
  });

  it('given an updated report dated before the initial one, when filed, then DATED_BEFORE_SUBJECT', () => {
    given([...withEtts(), accountabilityFiled()]).when(accountabilityFiled({ version: 'updated', filedOn: '2026-07-01' })).thenViolates('DATED_BEFORE_SUBJECT');
  });

  it('given the ETTS, when the transfer report is filed with sections I to V, then it is recorded', () => {
    given(withEtts()).when(transferReportFiled()).then([transferReportFiled()]);
  });

  it('given no ETTS, when the transfer report is filed, then TRANSFER_TEAM_NOT_DESIGNATED', () => {
    given(opened()).when(transferReportFiled()).thenViolates('TRANSFER_TEAM_NOT_DESIGNATED');
  });

  it('given a report missing section V or repeating one, when filed, then TRANSFER_REPORT_SECTIONS', () => {
    given(withEtts()).when(transferReportFiled({ sections: ALL_SECTIONS.slice(0, 4) })).thenViolates('TRANSFER_REPORT_SECTIONS');
    given(withEtts()).when(transferReportFiled({ sections: [...ALL_SECTIONS.slice(0, 4), ALL_SECTIONS[0]!] })).thenViolates('TRANSFER_REPORT_SECTIONS');
  });

  it('given the transfer report, when a supplementary report is filed, then it is recorded; twice with one id, then SUPPLEMENTARY_REPORT_ALREADY_FILED', () => {
    const filed = [...withEtts(), transferReportFiled()];
    given(filed).when(supplementaryFiled()).then([supplementaryFiled()]);
    given([...filed, supplementaryFiled()]).when(supplementaryFiled({ filedOn: '2026-11-21' })).thenViolates('SUPPLEMENTARY_REPORT_ALREADY_FILED');
    const second = supplementaryFiled({ reportId: 'ic-2', filedOn: '2026-11-21' });
    given([...filed, supplementaryFiled()]).when(second).then([second]);
  });

  it('given no transfer report, when a supplementary report is filed, then SUPPLEMENTARY_BEFORE_TRANSFER_REPORT', () => {
    given(withEtts()).when(supplementaryFiled()).thenViolates('SUPPLEMENTARY_BEFORE_TRANSFER_REPORT');
  });
});

describe('the transfer commission', () => {
  it('given both teams, when it is installed, then it is recorded', () => {
    given([...withEtts(), etteDesignated()]).when(commissionInstalled()).then([commissionInstalled()]);
  });

  it('given only the ETTS, when it is installed, then COMMISSION_TEAMS_MISSING', () => {
    given(withEtts()).when(commissionInstalled()).thenViolates('COMMISSION_TEAMS_MISSING');
  });

  it('given it is not installed, when an observation or a decision is recorded, then COMMISSION_NOT_INSTALLED; a handover item is accepted', () => {
    given(withEtts()).when(observationRaised({ transitionId: TRANSFER, itemId: undefined, raisedOn: '2026-11-01' })).thenViolates('COMMISSION_NOT_INSTALLED');
    given(withEtts()).when(decisionRecorded({ transitionId: TRANSFER, decidedOn: '2026-11-01' })).thenViolates('COMMISSION_NOT_INSTALLED');
    const item = itemRecorded({ transitionId: TRANSFER, recordedOn: '2026-11-01' });
    given(withEtts()).when(item).then([item]);
  });

  it('given it is installed, when an observation is raised, then it is recorded', () => {
    const observation = observationRaised({ transitionId: TRANSFER, itemId: undefined, raisedOn: '2026-11-12' });
    given(readyToSign()).when(observation).then([observation]);
  });
});

describe('the transfer act', () => {
  it('given the report filed and the commission installed, when the four roles sign, then it is recorded', () => {
    given(readyToSign()).when(transferActSigned()).then([transferActSigned()]);
  });

  it('given a missing or repeated signatory role, when signed, then ACT_SIGNATORIES', () => {
    given(readyToSign()).when(transferActSigned({ signatories: ALL_SIGNATORIES.slice(1) })).thenViolates('ACT_SIGNATORIES');
    given(readyToSign()).when(transferActSigned({ signatories: [...ALL_SIGNATORIES, ALL_SIGNATORIES[0]!] })).thenViolates('ACT_SIGNATORIES');
  });

  it('given no transfer report, when signed, then ACT_BEFORE_TRANSFER_REPORT', () => {
    const noReport = readyToSign().filter((e) => e.type !== 'TransferReportFiled');
    given(noReport).when(transferActSigned()).thenViolates('ACT_BEFORE_TRANSFER_REPORT');
  });

  it('given no installed commission, when signed, then ACT_BEFORE_COMMISSION_INSTALLED', () => {
    const notInstalled = readyToSign().filter((e) => e.type !== 'TransferCommissionInstalled');
    given(notInstalled).when(transferActSigned()).thenViolates('ACT_BEFORE_COMMISSION_INSTALLED');
  });

  it('given the act is signed, when anything more is recorded, a second act included, then HANDOVER_ACT_ALREADY_SIGNED', () => {
    const signed = [...readyToSign(), transferActSigned()];
    given(signed).when(transferActSigned({ signedOn: '2026-11-26' })).thenViolates('HANDOVER_ACT_ALREADY_SIGNED');
    given(signed).when(supplementaryFiled({ filedOn: '2026-11-26' })).thenViolates('HANDOVER_ACT_ALREADY_SIGNED');
  });

  it('given an act dated before the commission was installed, when signed, then DATED_BEFORE_SUBJECT', () => {
    given(readyToSign()).when(transferActSigned({ signedOn: '2026-11-05' })).thenViolates('DATED_BEFORE_SUBJECT');
  });
});
