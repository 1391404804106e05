import type { Translate } from '../i18n/translate.ts';
import type { FormName } from './handoverForms.ts';

/**
 * A form field's name as the page says it, for its label and for the list of fields a refusal
 * names: `instrument.sha256` is the form's document and the digest, `section.III` a report's
 * section, `signatory.outgoing-head` the signatory's role.
 */
export function fieldLabel(t: Translate, form: FormName, field: string): string {
  const [group, part] = field.split('.');
  if (part === undefined) return t(`form.field.${field}` as Parameters<Translate>[0]);
  if (group === 'section') return t('form.field.section', { section: t(`section.${part}` as Parameters<Translate>[0]) });
  if (group === 'signatory') return t(`signatory.${part}` as Parameters<Translate>[0]);
  return `${t(`form.doc.${form}` as Parameters<Translate>[0])}: ${t(`form.field.doc.${part}` as Parameters<Translate>[0])}`;
}
