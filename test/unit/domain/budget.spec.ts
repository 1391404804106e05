import { describe, it } from 'vitest';
import type { LedgerEvent } from '../../../src/domain/events/catalogue.ts';
import { eventId, given } from '../../support/decider.ts';
import {
  CHUMBIVILCAS,
  budgetAllocated,
  entryRetracted,
  inheritanceDecided,
  lgRegistered,
  planAdopted,
  planDrafted,
  planRecognized,
  planUpdated,
  projectRegistered,
  quinotaAfterElections,
  termStarted,
} from './fixtures.ts';

/** Quiñota's CDP 2017-2021, adopted on 2016-06-01 under the 2015-2018 term, and a project of Quiñota. */
const planAndProject = (): LedgerEvent[] => [planDrafted(), planAdopted(), projectRegistered()];

/** Before the 2018 elections: the 2015-2018 term, which adopted the plan, is in office. */
const beforeElections = (): LedgerEvent[] => [lgRegistered(), termStarted(), ...planAndProject()];

/** After the 2018 elections: the 2019-2022 term is in office since 2019-01-01. */
const afterElections = (...more: LedgerEvent[]): LedgerEvent[] => [...quinotaAfterElections(), ...planAndProject(), ...more];

const in2018 = budgetAllocated({ fiscalYear: 2018, allocatedOn: '2018-03-01' });

describe('a budget allocation', () => {
  it('cites a plan adopted by the term in office', () => {
    given(beforeElections()).when(in2018).then([in2018]);
  });

  it('cites an inherited plan once the term in office decided to continue or revise it', () => {
    given(afterElections(inheritanceDecided())).when(budgetAllocated()).then([budgetAllocated()]);
    given(afterElections(inheritanceDecided({ decision: 'revise' }))).when(budgetAllocated()).then([budgetAllocated()]);
  });

  it('does not cite an inherited plan while the decision is pending', () => {
    given(afterElections()).when(budgetAllocated()).thenViolates('PLAN_INHERITANCE_PENDING');
  });

  it('does not count a decision dated after the allocation', () => {
    given(afterElections(inheritanceDecided({ decidedOn: '2019-04-01' }))).when(budgetAllocated()).thenViolates('PLAN_INHERITANCE_PENDING');
  });

  it('does not cite a plan the term in office decided to replace', () => {
    given(afterElections(inheritanceDecided({ decision: 'replace' }))).when(budgetAllocated()).thenViolates('PLAN_REPLACED');
  });

  it('cites a plan the new term adopted itself without any decision', () => {
    const history = [...quinotaAfterElections(), planDrafted(), planAdopted({ adoptedOn: '2019-02-01' }), projectRegistered()];
    given(history).when(budgetAllocated()).then([budgetAllocated()]);
  });

  it('cites a plan in force when no term of office is recorded', () => {
    given([lgRegistered(), planDrafted(), planAdopted(), projectRegistered()]).when(budgetAllocated()).then([budgetAllocated()]);
  });

  it('is made by a registered local government', () => {
    given([planDrafted(), planAdopted(), projectRegistered()]).when(budgetAllocated()).thenViolates('LOCAL_GOVERNMENT_UNKNOWN');
  });

  it('does not reuse an allocation id', () => {
    given([...beforeElections(), in2018]).when(budgetAllocated({ fiscalYear: 2018, allocatedOn: '2018-04-01' })).thenViolates('ALLOCATION_ALREADY_RECORDED');
  });

  it('funds a registered project', () => {
    given(beforeElections().filter((e) => e.type !== 'ProjectRegistered')).when(in2018).thenViolates('PROJECT_UNKNOWN');
  });

  it('funds a project that includes the local government', () => {
    const provincial = lgRegistered({ lgId: CHUMBIVILCAS, level: 'provincial' });
    const history = beforeElections().map((e) => (e.type === 'ProjectRegistered' ? projectRegistered({ lgIds: [CHUMBIVILCAS] }) : e));
    given([provincial, ...history]).when(in2018).thenViolates('PROJECT_NOT_OF_LOCAL_GOVERNMENT');
  });

  it('cites a drafted plan', () => {
    given(beforeElections().filter((e) => e.type !== 'PlanDrafted')).when(in2018).thenViolates('PLAN_UNKNOWN');
  });

  it('cites a plan of the same local government', () => {
    const history = beforeElections().map((e) => (e.type === 'PlanDrafted' ? planDrafted({ lgId: CHUMBIVILCAS }) : e));
    given(history).when(in2018).thenViolates('PLAN_OF_ANOTHER_LOCAL_GOVERNMENT');
  });

  it('does not cite a plan that is not adopted', () => {
    given(beforeElections().filter((e) => e.type !== 'PlanAdopted')).when(in2018).thenViolates('PLAN_NOT_ADOPTED');
  });

  it('does not cite a plan adopted after the allocation', () => {
    given(beforeElections()).when(budgetAllocated({ fiscalYear: 2017, allocatedOn: '2016-05-01' })).thenViolates('PLAN_NOT_ADOPTED');
  });

  it('does not cite a plan whose adoption was retracted', () => {
    const history = beforeElections(); // 0 lg, 1 term, 2 drafted, 3 adopted, 4 project
    given([...history, entryRetracted({ eventId: eventId(3), retractedOn: '2016-07-01' })]).when(in2018).thenViolates('PLAN_NOT_ADOPTED');
  });

  it('cites a plan recognized as public policy even if its adoption was retracted', () => {
    const history = [...beforeElections(), planRecognized(), entryRetracted({ eventId: eventId(3), retractedOn: '2017-07-01' })];
    given(history).when(in2018).then([in2018]);
  });

  it("falls within the plan's horizon", () => {
    const in2022 = budgetAllocated({ fiscalYear: 2022, allocatedOn: '2018-03-01' });
    const in2016 = budgetAllocated({ fiscalYear: 2016, allocatedOn: '2018-03-01' });
    given(beforeElections()).when(in2022).thenViolates('FISCAL_YEAR_OUTSIDE_PLAN_HORIZON');
    given(beforeElections()).when(in2016).thenViolates('FISCAL_YEAR_OUTSIDE_PLAN_HORIZON');
  });

  it("cites an objective of the plan's current version", () => {
    const oe1 = budgetAllocated({ fiscalYear: 2018, allocatedOn: '2018-03-01', objectiveCode: 'OE1' });
    given(beforeElections()).when(oe1).then([oe1]);
    const oe3 = budgetAllocated({ fiscalYear: 2018, allocatedOn: '2018-03-01', objectiveCode: 'OE3' });
    const v2 = planUpdated({ objectives: [{ code: 'OE3', text: 'Vivienda digna' }] });
    given([...beforeElections(), v2]).when(oe3).then([oe3]);
  });

  it('does not cite an objective the current version does not have', () => {
    const oe1 = budgetAllocated({ fiscalYear: 2018, allocatedOn: '2018-03-01', objectiveCode: 'OE1' });
    const v2 = planUpdated({ objectives: [{ code: 'OE3', text: 'Vivienda digna' }] });
    given([...beforeElections(), v2]).when(oe1).thenViolates('OBJECTIVE_UNKNOWN');
    given(beforeElections()).when(budgetAllocated({ fiscalYear: 2018, allocatedOn: '2018-03-01', objectiveCode: 'OE9' })).thenViolates('OBJECTIVE_UNKNOWN');
  });

  it('keeps the objectives of an update that does not restate them', () => {
    const oe1 = budgetAllocated({ fiscalYear: 2018, allocatedOn: '2018-03-01', objectiveCode: 'OE1' });
    given([...beforeElections(), planUpdated()]).when(oe1).then([oe1]);
  });
});
