import { z } from 'zod';
import { shortText } from '../primitives.ts';

/**
 * Where a document is published: an absolute http(s) URL in printable ASCII (an IRI is
 * percent-encoded), so that what an auditor reads is what was recorded: no spaces, controls or
 * invisible characters that a URL parser would silently drop.
 */
export const PublishedUrl = z
  .string()
  .max(2000, 'must be at most 2000 characters')
  .regex(/^https?:\/\/[\x21-\x7E]+$/, 'must be an absolute http or https URL in printable ASCII')
  .pipe(z.url({ protocol: /^https?$/ }));

/** SHA-256 of a file, lowercase hex: what `sha256sum` prints. */
export const Sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 digest in lowercase hex (64 characters)');

/**
 * A document filed in a transfer, as evidence: the SHA-256 and size of the exact file (so that an
 * auditor can check that the PDF the municipality publishes is the one recorded), the Contraloría's
 * reference for it where it has one, and where it is published. The file itself is optional in the
 * ledger (docs/directives.md): the digest is what the hash chain covers.
 */
export const FiledDocument = z.strictObject({
  title: shortText(),
  sha256: Sha256Hex,
  sizeBytes: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER),
  /** The reference the Contraloría's system gives it (a registration or filing number). */
  contraloriaRef: shortText().optional(),
  /** Where it is published, usually the municipality's transparency portal. */
  publishedAt: PublishedUrl.optional(),
});
export type FiledDocument = z.infer<typeof FiledDocument>;
