import { describe, expect, it } from 'vitest';
import { validateSubmission } from '../../../src/commandHandling/validateSubmission.ts';
import { RuleViolationError } from '../../../src/errors/ruleViolationError.ts';
import { PROBLEMS } from '../../../src/http/problems.ts';
import { FORMS, formStateFromError } from '../../../src/web/forms/handoverForms.ts';
import { safeReturnTo } from '../../../src/web/pages/sessionPages.ts';
import { nextId, todayInLima } from '../../../src/web/pages/transitionPage.ts';

/** The error the write path raises for a form's values: validation with the catalogue's own schema. */
function validationErrorOf(form: keyof typeof FORMS, values: Record<string, string>): unknown {
  try {
    validateSubmission({ events: [{ type: FORMS[form].type, data: FORMS[form].toData('tr-080707-2022', values) }] }, () => '');
  } catch (error) {
    return error;
  }
  throw new Error('expected the values to be refused');
}

describe('the dossier forms and the server’s problems', () => {
  it('given an empty description and an impossible date, when the schema refuses them, then each message lands on its field', () => {
    const values = { itemId: 'it-1', category: 'document', ref: '', description: '   ', recordedOn: '2022-02-30' };
    const data = FORMS.item.toData('tr-080707-2022', values);
    const state = formStateFromError('item', validationErrorOf('item', values), values, '/transiciones/x/partidas', { data })!;
    expect(state).toMatchObject({ code: 'VALIDATION_FAILED', formErrors: [] });
    expect(PROBLEMS[state.code].status).toBe(400);
    expect(Object.keys(state.fieldErrors).sort()).toEqual(['description', 'recordedOn']);
    expect(state.fieldErrors.description).toEqual(['no puede estar vacío']);
    expect(state.fieldErrors.recordedOn).toEqual(['debe ser una fecha real del calendario (AAAA-MM-DD)']);
    expect(state.values).toBe(values);
    // English pages keep the schema's English.
    expect(formStateFromError('item', validationErrorOf('item', values), values, '/x', { lang: 'en', data })!.fieldErrors.description).toEqual(['must not be empty']);
  });

  it('given an id with spaces, a missing category and an over-long text, when refused, then the page says it in Spanish, with no regular expression and no English', () => {
    const values = { itemId: 'partida 1', category: '', ref: '', description: 'x'.repeat(5000), recordedOn: '2022-12-01' };
    const data = FORMS.item.toData('tr-080707-2022', values);
    const state = formStateFromError('item', validationErrorOf('item', values), values, '/x', { data })!;
    const messages = Object.values(state.fieldErrors).flat();
    expect(messages.length).toBeGreaterThanOrEqual(3);
    for (const m of messages) {
      expect(m).not.toMatch(/\^|\$|\[A-Z|must|expected|Invalid/);
    }
    expect(state.fieldErrors.itemId?.[0]).toContain('letra o un número');
    expect(state.fieldErrors.category?.[0]).toBe('elija una de las opciones de la lista');
  });

  it('given a signatory list with a bad line, then data/signatories/N maps to the signatories field', () => {
    const values = { signatories: `Ana\n${'x'.repeat(201)}`, signedOn: '2022-12-20' };
    const state = formStateFromError('act', validationErrorOf('act', values), values, '/x')!;
    expect(Object.keys(state.fieldErrors)).toEqual(['signatories']);
  });

  it('given a rule naming an item id, then the message goes to the item id field', () => {
    const error = new RuleViolationError('HANDOVER_ITEM_ALREADY_RECORDED', 'item it-1 is already recorded', { transitionId: 't', itemId: 'it-1' });
    const state = formStateFromError('item', error, {}, '/x')!;
    expect(state).toMatchObject({ code: 'RULE_VIOLATED', rule: 'HANDOVER_ITEM_ALREADY_RECORDED' });
    expect(PROBLEMS[state.code].status).toBe(422);
    expect(state.fieldErrors.itemId).toEqual(['Ya hay una entrega con ese código en esta transferencia; use otro código.']);
  });

  it('given a rule about the date, then the message goes to that form’s date field', () => {
    const error = new RuleViolationError('DATED_AFTER_RECORDING', 'dated after', { type: 'HandoverObservationRaised' });
    expect(Object.keys(formStateFromError('observation', error, {}, '/x')!.fieldErrors)).toEqual(['raisedOn']);
  });

  it('given a rule about the whole transition, then the message is shown above the form', () => {
    const error = new RuleViolationError('OBSERVATIONS_OPEN', 'still open', { transitionId: 't', openObservationIds: ['o1'] });
    const state = formStateFromError('act', error, {}, '/x')!;
    expect(state.fieldErrors).toEqual({});
    expect(state).toMatchObject({ rule: 'OBSERVATIONS_OPEN' });
    expect(state.formErrors).toEqual(['El acta se firma cuando todas las observaciones están absueltas.']);
  });

  it('given an error that is not the client’s, then the form does not claim it', () => {
    expect(formStateFromError('item', new Error('disk on fire'), {}, '/x')).toBeUndefined();
  });

  it('given the act form, then one signatory a line becomes the list, blank lines dropped', () => {
    expect(FORMS.act.toData('t', { signatories: ' Ana \r\n\r\nLuis\n', signedOn: '2022-12-20' })).toEqual({
      transitionId: 't', signatories: ['Ana', 'Luis'], signedOn: '2022-12-20',
    });
  });
});

describe('small helpers of the pages', () => {
  it('given a return path, then only a path of this site is followed', () => {
    expect(safeReturnTo('/transiciones/tr-1?x=1')).toBe('/transiciones/tr-1?x=1');
    expect(safeReturnTo('//evil.example/')).toBe('/');
    expect(safeReturnTo('/\\evil.example')).toBe('/');
    expect(safeReturnTo('https://evil.example/')).toBe('/');
    expect(safeReturnTo(undefined)).toBe('/');
  });

  it('given used ids, then the next free one is proposed', () => {
    expect(nextId('tr-1', 'it', [])).toBe('tr-1-it01');
    expect(nextId('tr-1', 'it', ['tr-1-it01', 'tr-1-it02'])).toBe('tr-1-it03');
    expect(nextId('tr-1', 'it', ['tr-1-it02'])).toBe('tr-1-it03');
  });

  it('given late evening in Lima, then today is Lima’s day, never after the UTC day', () => {
    expect(todayInLima(new Date('2022-11-03T03:00:00Z'))).toBe('2022-11-02');
  });
});
