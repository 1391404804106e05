import { sha256HexOfBytes } from '../../audit/sha256.ts';
import type { FiledDocument } from '../../domain/events/filedDocument.ts';

/** Where the demo's documents are "published": example.org is reserved for examples (RFC 2606), so no reader takes it for a portal. */
export const ILLUSTRATIVE_PORTAL = 'https://example.org/ilustrativo/chumbivilcas';

/** What names a document of the demo; its digest and size are computed from these alone. */
export type DocumentRef = Required<Omit<FiledDocument, 'sha256' | 'sizeBytes'>>;

/**
 * The bytes of an illustrative document: a short UTF-8 text built only from what the filed
 * document itself records (title, Contraloría reference, address), so that an auditor holding the
 * event can rebuild the file and check its SHA-256 and size without trusting the seeder.
 */
export function illustrativeDocumentText(ref: DocumentRef): string {
  return [
    'DOCUMENTO ILUSTRATIVO: no es un documento oficial.',
    'Demostración de transition-ledger: transferencia de gestión 2026-2027, Directiva N° 016-2022-CG/PREVI.',
    `Título: ${ref.title}`,
    `Referencia de la Contraloría: ${ref.contraloriaRef}`,
    `Publicado en: ${ref.publishedAt}`,
    '',
  ].join('\n');
}

/** The FiledDocument of an illustrative document: its real SHA-256 and size in bytes. */
export function illustrativeDocument(ref: DocumentRef): FiledDocument {
  const bytes = Buffer.from(illustrativeDocumentText(ref), 'utf8');
  return { ...ref, sha256: sha256HexOfBytes(bytes), sizeBytes: bytes.length };
}
