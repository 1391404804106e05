import { describe, expect, it } from 'vitest';
import { validateSubmission } from '../../../src/commandHandling/validateSubmission.ts';
import { RuleViolationError } from '../../../src/errors/ruleViolationError.ts';
import { FORMS, formStateFromError, type FormName } from '../../../src/web/forms/handoverForms.ts';
import { documentFrom, membersFrom } from '../../../src/web/forms/transferForms.ts';

/** The error the write path raises for a form's values: validation with the catalogue's own schema. */
function refusalOf(form: FormName, values: Record<string, string>) {
  const data = FORMS[form].toData('tr-080702-2026', values);
  let error: unknown;
  try {
    validateSubmission({ events: [{ type: FORMS[form].type, data }] }, () => '');
  } catch (e) {
    error = e;
  }
  expect(error, 'expected the values to be refused').toBeDefined();
  return formStateFromError(form, error, values, '/x', { data })!;
}

const DOC = { 'instrument.title': 'Resolución', 'instrument.sha256': 'a'.repeat(64), 'instrument.sizeBytes': '1200', 'instrument.contraloriaRef': '', 'instrument.publishedAt': '' };

describe('the 2022 forms: from fields to event data, and errors back to fields', () => {
  it('given members one a line in Spanish words, with and without accents, then each becomes a member with its role, kind and post', () => {
    expect(membersFrom('Ana Quispe; Responsable; ciudadana\n\n  Luis Mamani; integrante; Funcionario; Gerente; de obras  \r\n')).toEqual([
      { name: 'Ana Quispe', role: 'lead', kind: 'citizen', position: undefined },
      { name: 'Luis Mamani', role: 'member', kind: 'official', position: 'Gerente; de obras' },
    ]);
    expect(membersFrom('Rosa; líder; servidora')[0]).toMatchObject({ role: 'lead', kind: 'servant' });
  });

  it('given a digest in capitals with spaces and a size with thousands separators, then the document is recorded as sha256sum and a number say it', () => {
    expect(documentFrom('report', { 'report.title': ' Informe ', 'report.sha256': ` ${'AB'.repeat(16)} ${'cd'.repeat(16)} `, 'report.sizeBytes': '1 048 576', 'report.contraloriaRef': ' ', 'report.publishedAt': 'https://muni.gob.pe/a.pdf' })).toEqual({
      title: 'Informe', sha256: 'ab'.repeat(16) + 'cd'.repeat(16), sizeBytes: 1048576, contraloriaRef: undefined, publishedAt: 'https://muni.gob.pe/a.pdf',
    });
  });

  it('given a bad digest, size and URL, then each Spanish message lands on its own document field', () => {
    const state = refusalOf('team', { side: 'outgoing', members: 'Ana; responsable; ciudadana', ...DOC, 'instrument.sha256': 'xyz', 'instrument.sizeBytes': '12kb', 'instrument.publishedAt': 'ftp://x', designatedOn: '2026-06-02' });
    expect(state.code).toBe('VALIDATION_FAILED');
    expect(Object.keys(state.fieldErrors).sort()).toEqual(['instrument.publishedAt', 'instrument.sha256', 'instrument.sizeBytes']);
    expect(state.fieldErrors['instrument.sha256']![0]).toMatch(/64 caracteres hexadecimales/);
    expect(state.fieldErrors['instrument.sizeBytes']![0]).toMatch(/número entero/);
    expect(state.fieldErrors['instrument.publishedAt']![0]).toMatch(/https?:\/\//);
  });

  it('given a member line without a kind, then the message names the line', () => {
    const state = refusalOf('team', { side: 'incoming', members: 'Ana; responsable; ciudadana\nLuis; integrante', ...DOC, designatedOn: '2026-06-02' });
    expect(state.fieldErrors.members).toEqual(['Línea 2, funcionario, servidor o ciudadano: es obligatorio']);
  });

  it('given the rule that wants four signatories, then its message lands on each missing role', () => {
    const error = new RuleViolationError('ACT_SIGNATORIES', 'missing', { rule: 'ACT_SIGNATORIES', transitionId: 't', missing: ['outgoing-head', 'responsible-official'], repeated: [] });
    const state = formStateFromError('transferAct', error, {}, '/x')!;
    expect(Object.keys(state.fieldErrors).sort()).toEqual(['signatory.outgoing-head', 'signatory.responsible-official']);
    expect(state.rule).toBe('ACT_SIGNATORIES');
  });
});
