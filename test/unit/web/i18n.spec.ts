import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Sector } from '../../../src/domain/events/projectEvents.ts';
import { HandoverCategory } from '../../../src/domain/events/transitionEvents.ts';
import { en } from '../../../src/web/i18n/en.ts';
import { es } from '../../../src/web/i18n/es.ts';
import { translator } from '../../../src/web/i18n/translate.ts';
import { DirectiveId } from '../../../src/domain/directives/directiveId.ts';
import { TransferSide, TransferTeamMember } from '../../../src/domain/events/transferEvents.ts';
import { fieldLabel } from '../../../src/web/forms/fieldLabel.ts';
import { FORMS, type FormName } from '../../../src/web/forms/handoverForms.ts';
import { DOCUMENT_FIELDS, TRANSFER_FORMS } from '../../../src/web/forms/transferForms.ts';
import { NOTICES } from '../../../src/web/pages/transitionPage.ts';

const WEB = join(process.cwd(), 'src', 'web');

function filesUnder(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path, ext) : path.endsWith(ext) ? [path] : [];
  });
}

/** Every literal key passed to `t('…')` in the templates and the page code. */
function literalKeys(): { key: string; file: string }[] {
  const files = [...filesUnder(join(WEB, 'templates'), '.eta'), ...filesUnder(join(WEB, 'pages'), '.ts'), ...filesUnder(join(WEB, 'forms'), '.ts'), join(WEB, 'webRoutes.ts')];
  return files.flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/\bt\('([A-Za-z0-9_.-]+)'/g)].map((m) => ({ key: m[1]!, file })));
}

/** Keys built from data in the templates (`'sector.' + s.sector`): each prefix with every value the data can take. */
const DYNAMIC_KEYS: Record<string, readonly string[]> = {
  'level.': ['provincial', 'district'],
  'transitionStatus.': ['open', 'signed'],
  'sector.': [...Sector.options, 'unknown'],
  'planKind.': ['CDP', 'LED'],
  'planStatus.': ['drafted', 'adopted', 'public-policy'],
  'decision.': ['continue', 'revise', 'replace', 'pending'],
  'process.': ['participatory', 'institutional'],
  'category.': HandoverCategory.options,
  'timeline.': ['termStarted', 'termEnded', 'transitionFormed', 'actSigned'],
  'lineage.': ['drafted', 'updated', 'adopted', 'recognized-as-public-policy', 'inheritance-decided'],
  'transition.side.': ['outgoing', 'incoming'],
  'notice.': NOTICES,
  'form.field.': [
    'itemId', 'category', 'ref', 'description', 'recordedOn', 'observationId', 'text', 'raisedOn', 'resolution', 'resolvedOn', 'signatories', 'signedOn',
    ...new Set(Object.values(TRANSFER_FORMS).flatMap((f) => f.fields).filter((f) => !f.includes('.'))),
  ],
  'form.field.doc.': [...DOCUMENT_FIELDS, 'file'],
  'form.doc.': Object.keys(TRANSFER_FORMS).filter((f) => f !== 'open'),
  'checklist.': ['done', 'pending', 'not-applicable', 'stageDone', 'stageCurrent', 'stagePending'],
  'directive.': DirectiveId.options,
  'side.': TransferSide.options,
  'teamRole.': TransferTeamMember.shape.role.options,
  'teamKind.': TransferTeamMember.shape.kind.options,
};

describe('the translation catalogues', () => {
  it('given es and en, then both have exactly the same keys', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(es).sort());
  });

  it('given both catalogues, then no message is empty and placeholders match between languages', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(es) as (keyof typeof es)[]) {
      expect(es[key].trim(), key).not.toBe('');
      expect(en[key].trim(), key).not.toBe('');
      expect(placeholders(en[key]), key).toEqual(placeholders(es[key]));
    }
  });

  it('given the templates and page code, then every literal key they use is in the catalogue', () => {
    const used = literalKeys();
    expect(used.length).toBeGreaterThan(150);
    // `t('…')` also matches asset names passed to it.asset('app.css'); only message-like keys count.
    const missing = used.filter(({ key }) => /^[a-z]+\.[A-Za-z0-9_.-]+$/.test(key) && !key.endsWith('.') && !/\.(css|js)$/.test(key) && !(key in es));
    expect(missing).toEqual([]);
  });

  it('given the keys templates build from data, then every value the data can take has a message', () => {
    const templates = filesUnder(join(WEB, 'templates'), '.eta').map((f) => readFileSync(f, 'utf8')).join('\n');
    const prefixes = [...new Set([...templates.matchAll(/t\('([a-zA-Z.]+\.)' \+/g)].map((m) => m[1]!))];
    expect(prefixes.sort()).toEqual(Object.keys(DYNAMIC_KEYS).filter((p) => templates.includes(`'${p}' +`)).sort());
    for (const prefix of prefixes) {
      expect(DYNAMIC_KEYS[prefix], `values of ${prefix}`).toBeDefined();
      for (const value of DYNAMIC_KEYS[prefix]!) expect(es, `${prefix}${value}`).toHaveProperty([`${prefix}${value}`]);
    }
  });

  it('given every field of every form, then it has a label in both languages, never a key', () => {
    for (const lang of ['es', 'en'] as const) {
      const t = translator(lang);
      for (const [form, spec] of Object.entries(FORMS)) {
        for (const field of spec.fields) {
          const label = fieldLabel(t, form as FormName, field);
          expect(label, `${lang} ${form} ${field}`).not.toMatch(/(^|: )(form|section|signatory)\.|\{/);
        }
      }
    }
    expect(fieldLabel(translator('es'), 'team', 'instrument.sha256')).toBe('Resolución o documento de conformación del equipo: SHA-256 del archivo');
    expect(fieldLabel(translator('es'), 'transferReport', 'section.V')).toBe('Resumen de la sección V. Información para la continuidad de los servicios');
  });

  it('given the inherited-plans checklist, then "continue" reads continúa and "pending" pendiente in Spanish', () => {
    const t = translator('es');
    expect(t('decision.continue')).toBe('continúa');
    expect(t('decision.pending')).toBe('pendiente');
    expect(translator('en')('decision.continue')).toBe('continues');
  });

  it('given placeholders, then they are filled and unknown ones left visible', () => {
    expect(translator('es')('lg.since', { date: '1 ene. 2019' })).toBe('desde el 1 ene. 2019');
    expect(translator('en')('lg.since')).toBe('since {date}');
  });
});
