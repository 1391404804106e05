import { describe, it } from 'vitest';
import { eventId, given } from '../../support/decider.ts';
import { entryRetracted, lgRegistered, planAdopted, quinotaWithAdoptedPlan } from './fixtures.ts';

describe('a retraction', () => {
  // quinotaWithAdoptedPlan: 0 registered, 1 term started, 2 plan drafted, 3 plan adopted.
  const retractAdoption = (o = {}) => entryRetracted({ eventId: eventId(3), retractedOn: '2016-07-01', ...o });

  it('names a recorded event', () => {
    given(quinotaWithAdoptedPlan()).when(retractAdoption()).then([retractAdoption()]);
  });

  it('does not name an event that is not recorded', () => {
    given(quinotaWithAdoptedPlan()).when(entryRetracted({ eventId: eventId(99) })).thenViolates('RETRACTION_TARGET_UNKNOWN');
  });

  it('trusts only the target the handler found', () => {
    given(quinotaWithAdoptedPlan()).when(retractAdoption(), { retractionTarget: undefined }).thenViolates('RETRACTION_TARGET_UNKNOWN');
  });

  it('retracts an event only once', () => {
    given([...quinotaWithAdoptedPlan(), retractAdoption()])
      .when(retractAdoption({ retractedOn: '2016-08-01' }))
      .thenViolates('ENTRY_ALREADY_RETRACTED');
  });

  it('cannot itself be retracted', () => {
    given([...quinotaWithAdoptedPlan(), retractAdoption()])
      .when(entryRetracted({ eventId: eventId(4), retractedOn: '2016-08-01' }))
      .thenViolates('RETRACTION_NOT_RETRACTABLE');
  });

  it('leaves the fact to be recorded again', () => {
    given([...quinotaWithAdoptedPlan(), retractAdoption()])
      .when(planAdopted({ adoptedOn: '2016-08-01' }))
      .then([planAdopted({ adoptedOn: '2016-08-01' })]);
  });

  it('of a local government registration is accepted like any other', () => {
    const retraction = entryRetracted({ eventId: eventId(0), retractedOn: '2016-07-01' });
    given([lgRegistered()]).when(retraction).then([retraction]);
  });
});
