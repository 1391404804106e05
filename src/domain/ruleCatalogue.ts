/**
 * Every business rule of the ledger: a stable id (what clients and tests match on, in
 * `RuleViolationError.rule`) and a one-line description (what the README lists). Ids never change
 * meaning; a rule that goes away keeps its id retired rather than reused.
 */
export const RULES = {
  // Any fact
  DATED_AFTER_RECORDING: 'A fact cannot have happened after the day the server records it',
  DATED_BEFORE_SUBJECT:
    'A fact is not dated before what it is about: the plan drafted, the commission formed, the table established, the project registered, the observation raised',

  // Local governments and terms
  LOCAL_GOVERNMENT_UNKNOWN: 'An event refers to a local government that is not registered',
  LOCAL_GOVERNMENT_ALREADY_REGISTERED: 'A local government is registered only once',
  TERM_UNKNOWN: 'An event refers to a term of office that has not started for that local government',
  TERM_ALREADY_STARTED: 'A term of office starts only once',
  TERM_ALREADY_ENDED: 'A term of office ends only once',
  TERM_ENDS_BEFORE_START: 'A term of office does not end before it started',
  TERM_OUTSIDE_ITS_YEARS: 'A term of office starts and ends within the years its id names (2019-2022: 2019 to 2022)',
  TERMS_OVERLAP: 'Terms of one local government do not overlap: a term starts only after every other term has ended',

  // Plans
  PLAN_UNKNOWN: 'An event refers to a plan that has not been drafted',
  PLAN_ALREADY_DRAFTED: 'A plan is drafted only once',
  PLAN_VERSION_NOT_CONSECUTIVE: "A plan's versions are consecutive: an update is the current version plus one",
  PLAN_VERSION_UNKNOWN: 'A plan is adopted only at a version that exists',
  PLAN_VERSION_ALREADY_ADOPTED: 'A plan version is adopted once, and a plan is never adopted back at an older version',
  PLAN_NOT_ADOPTED: 'A plan is recognized, inherited or cited by an allocation only once it is adopted',
  PLAN_ALREADY_RECOGNIZED: 'A plan is recognized as public policy only once',
  PLAN_OF_ANOTHER_LOCAL_GOVERNMENT: 'A plan is inherited, handed over or cited only by the local government it belongs to',
  PLAN_NOT_INHERITED: 'Only a plan adopted under an earlier term can be inherited by a term',
  INHERITANCE_NOT_BY_TERM_IN_OFFICE: 'An inheritance decision is taken by the term in office on the day of the decision',
  INHERITANCE_ALREADY_DECIDED: 'A term decides on inheriting a plan only once',
  OBJECTIVE_UNKNOWN: "An allocation cites only an objective of the plan's current version",

  // Transitions
  TRANSITION_UNKNOWN: 'An event refers to a transition whose commission has not been formed',
  TRANSITION_ALREADY_FORMED: 'A transition commission is formed only once',
  TRANSITION_TERMS_NOT_SUCCESSIVE: 'A transition goes from a term to one whose years start after the outgoing term ends',
  COMMISSION_SIDE_MISSING: 'A transition commission has members of both the outgoing and the incoming authority',
  HANDOVER_ACT_ALREADY_SIGNED: 'Once the handover act is signed, nothing more is recorded in that transition, a second act included',
  HANDOVER_ITEM_ALREADY_RECORDED: 'A handover item id is used once per transition',
  HANDOVER_ITEM_UNKNOWN: 'An observation refers only to an item of its own transition',
  COMMISSION_DECISION_ALREADY_RECORDED: 'A commission decision id is used once per transition',
  OBSERVATION_ALREADY_RAISED: 'An observation id is used once per transition',
  OBSERVATION_UNKNOWN: 'Only an observation raised in the transition can be resolved',
  OBSERVATION_ALREADY_RESOLVED: 'An observation is resolved only once',
  OBSERVATIONS_OPEN: 'The handover act is signed only when every observation is resolved',

  // Directives (src/domain/directives/): which process a transition follows, and its documents
  DIRECTIVE_OPENS_OTHERWISE: "A transition is opened by the event its directive's process starts with (a 2018 transition by forming its commission)",
  EVENT_NOT_OF_DIRECTIVE: "A transition records only the events of its directive's process",
  DOCUMENT_ALREADY_RECORDED: "A document of the directive's process is recorded once per transition, unless the directive allows several",

  // Transfers under Directiva 016-2022-CG/PREVI
  TRANSFER_TEAM_NOT_DESIGNATED: 'The outgoing transfer team (ETTS) is installed, and the transfer report filed, only after the team is designated',
  ACCOUNTABILITY_UPDATE_BEFORE_INITIAL: 'The updated accountability report follows the initial one',
  COMMISSION_TEAMS_MISSING: 'The transfer commission is installed only once both transfer teams (ETTS and ETTE) are designated',
  SUPPLEMENTARY_BEFORE_TRANSFER_REPORT: 'A supplementary report is filed only after the transfer report',
  SUPPLEMENTARY_REPORT_ALREADY_FILED: 'A supplementary report id is used once per transition',
  ACT_BEFORE_TRANSFER_REPORT: 'The transfer act is signed only after the transfer report is filed',
  ACT_BEFORE_COMMISSION_INSTALLED: 'The transfer act is signed only after the transfer commission is installed',
  ACT_SIGNATORIES: 'The transfer act is signed once by each required role: incoming head, outgoing head, responsible official and the lead of the incoming team',
  INCOMING_TEAM_TOO_SMALL: 'The incoming transfer team (ETTE) has at least three members',
  TRANSFER_TEAM_LEAD: 'The incoming transfer team has exactly one lead, and the outgoing team at most one',
  TRANSFER_REPORT_SECTIONS: 'The transfer report has its five sections, I to V, each once',
  COMMISSION_NOT_INSTALLED: 'Under the 2022 directive, the commission records observations and decisions only once it is installed',

  // Technical tables
  TABLE_UNKNOWN: 'An event refers to a technical table that has not been established',
  TABLE_ALREADY_ESTABLISHED: 'A technical table is established only once',

  // Projects and budgets
  PROJECT_UNKNOWN: 'An event refers to a project that is not registered',
  PROJECT_ALREADY_REGISTERED: 'A project is registered only once',
  PROJECT_NOT_OF_LOCAL_GOVERNMENT: 'A project is handed over or funded by a local government only if it includes that local government',
  COMMITMENT_ALREADY_RECORDED: 'A funding commitment id is used once per project',
  ALLOCATION_ALREADY_RECORDED: "An allocation id is used once in a local government's budget",
  FISCAL_YEAR_OUTSIDE_PLAN_HORIZON: "An allocation's fiscal year is within the horizon of the plan it cites",
  PLAN_REPLACED: 'An allocation does not cite a plan that the term in office decided to replace',
  PLAN_INHERITANCE_PENDING:
    'An allocation cites a plan adopted under an earlier term only after the term in office decided to continue or revise it',

  // Retractions
  RETRACTION_TARGET_UNKNOWN: 'A retraction names an event that is recorded',
  ENTRY_ALREADY_RETRACTED: 'An event is retracted only once',
  RETRACTION_NOT_RETRACTABLE: 'A retraction cannot itself be retracted: record the fact again instead',
} as const;

/** Stable identifier of a business rule. */
export type RuleId = keyof typeof RULES;

/** Every rule id, in catalogue order. */
export const RULE_IDS = Object.keys(RULES) as RuleId[];
