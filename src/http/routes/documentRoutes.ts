import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { documentFilings } from '../../../projections/documentFilings.ts';
import { requireDocumentScope } from '../../access/authorize.ts';
import type { DocumentStore } from '../../documents/documentStore.ts';
import { Sha256Hex } from '../../domain/events/filedDocument.ts';
import { NotFoundError } from '../../errors/notFoundError.ts';
import { ValidationError } from '../../errors/validationError.ts';
import { PositionString } from '../../eventStore/eventJson.ts';
import type { LedgerReader } from '../../readModels/ledgerReader.ts';
import type { Authenticate } from '../authenticate.ts';
import { PointInTimeQuery, toPointInTime } from '../pointInTimeQuery.ts';

export interface DocumentRoutesOptions {
  reader: LedgerReader;
  authenticate: Authenticate;
  /** Where document files are kept; without it the ledger keeps none and only answers which filings cite a digest. */
  documents?: DocumentStore;
  /** When reads need a credential, caches must keep a file private to their client. */
  publicReads: boolean;
}

/** The media types a document's file is sent as; the body is streamed, never buffered. */
export const DOCUMENT_MEDIA_TYPES = ['application/pdf', 'application/octet-stream'];

const Params = z.object({ sha256: Sha256Hex });

const KeptDocumentJson = z.object({
  sha256: Sha256Hex,
  sizeBytes: z.number().int(),
});

const DocumentFilingJson = z.object({
  transitionId: z.string(),
  lgId: z.string(),
  eventType: z.string().describe('The filing event, e.g. TransferActSigned'),
  position: PositionString,
  field: z.string().describe('Where the document is in the event\'s data, e.g. `report` or `sections/2/documents/0`'),
  title: z.string(),
  sizeBytes: z.number().int(),
  contraloriaRef: z.string().optional(),
  publishedAt: z.string().optional(),
});

const DocumentFilingsJson = z.object({
  sha256: Sha256Hex,
  /** Whether this ledger keeps the file itself (GET /api/documents/{sha256}). */
  kept: z.boolean(),
  filings: z.array(DocumentFilingJson),
});

/** A year: a file kept under its own digest never changes. */
const IMMUTABLE = 'max-age=31536000, immutable';

/** What a kept file is served as: a PDF when it starts like one, else bytes. */
async function mediaTypeOf(documents: DocumentStore, sha256: string): Promise<string> {
  for await (const head of documents.read(sha256).iterator({ destroyOnReturn: true })) {
    return Buffer.from(head as Buffer).subarray(0, 5).toString('latin1') === '%PDF-' ? 'application/pdf' : 'application/octet-stream';
  }
  return 'application/octet-stream';
}

/**
 * Documents as evidence (docs/directives.md): a filed document's file, kept under its SHA-256 and
 * served back byte for byte, and the filings that cite a digest, so an auditor holding a PDF from
 * a municipality's portal can check it is the one recorded.
 */
export const documentRoutes: FastifyPluginAsyncZod<DocumentRoutesOptions> = async (app, { reader, authenticate, documents, publicReads }) => {
  // The body reaches the handler as a stream: hashed and counted on its way to disk, never held in memory.
  app.addContentTypeParser(DOCUMENT_MEDIA_TYPES, (_request, payload, done) => done(null, payload));
  const tags = ['documents'];
  const notKept = (sha256: string) => new NotFoundError('Document', sha256);

  app.put(
    '/api/documents/:sha256',
    {
      // A body refused before its end (no token, a bad digest, too large) is not read any further: the
      // connection closes after the problem rather than stay busy with the rest of the upload.
      onRequest: async (_request, reply) => {
        reply.header('connection', 'close');
      },
      preHandler: authenticate,
      schema: {
        tags,
        operationId: 'keepDocument',
        summary: 'Keep a filed document\'s file under its SHA-256 (refused unless the bytes hash to it); idempotent',
        description: `The body is the raw file, as ${DOCUMENT_MEDIA_TYPES.join(' or ')}, at most LEDGER_DOCUMENT_MAX_BYTES.`,
        security: [{ bearerAuth: [] }],
        params: Params,
        consumes: DOCUMENT_MEDIA_TYPES,
        body: z.any().describe('The file\'s bytes'),
        response: { 201: KeptDocumentJson, 200: KeptDocumentJson },
      },
    },
    async (request, reply) => {
      // 1. who may keep files; 2. whether this server keeps any; 3. hash, count and keep it.
      requireDocumentScope(request.writer!);
      if (!documents) throw notKept(request.params.sha256);
      // Any other media type was parsed by its own parser (JSON, a form): it is not a file.
      if (!(request.body instanceof Readable)) throw new ValidationError([{ path: 'headers/content-type', message: `must be ${DOCUMENT_MEDIA_TYPES.join(' or ')}` }]);
      const declared = request.headers['content-length'];
      const kept = await documents.put(request.params.sha256, request.body, declared === undefined ? undefined : Number(declared));
      reply.removeHeader('connection'); // read to its end: the connection may be kept
      return reply.status(kept.created ? 201 : 200).send({ sha256: kept.sha256, sizeBytes: kept.sizeBytes });
    },
  );

  app.get(
    '/api/documents/:sha256',
    {
      schema: {
        tags,
        operationId: 'getDocument',
        summary: 'A kept document\'s file, byte for byte (its ETag is its SHA-256)',
        params: Params,
      },
    },
    async (request, reply) => {
      const { sha256 } = request.params;
      const kept = documents && (await documents.find(sha256));
      if (!documents || !kept) throw notKept(sha256);
      // The digest is the version: strong, and the same at every head of the log.
      const tag = `"${sha256}"`;
      reply.header('etag', tag).header('cache-control', `${publicReads ? 'public' : 'private'}, ${IMMUTABLE}`);
      if ((request.headers['if-none-match'] ?? '').split(',').some((t) => t.trim().replace(/^W\//, '') === tag)) return reply.code(304).send();
      const type = await mediaTypeOf(documents, sha256);
      return reply
        .type(type)
        .header('content-length', String(kept.sizeBytes))
        // Saved, never rendered in the ledger's origin: a PDF's scripts get no foothold there.
        .header('content-disposition', `attachment; filename="${sha256}${type === 'application/pdf' ? '.pdf' : ''}"`)
        .header('content-security-policy', 'sandbox')
        .send(documents.read(sha256));
    },
  );

  app.get(
    '/api/documents/:sha256/filings',
    {
      schema: {
        tags,
        operationId: 'getDocumentFilings',
        summary: 'The recorded filings that cite this SHA-256 (transition, event, position, title), and whether the file is kept',
        params: Params,
        querystring: PointInTimeQuery,
        response: { 200: DocumentFilingsJson },
      },
    },
    async (request) => {
      const { sha256 } = request.params;
      const filings = documentFilings(await reader.view(toPointInTime(request.query)), sha256);
      const kept = documents !== undefined && (await documents.find(sha256)) !== undefined;
      return { sha256, kept, filings: filings.map((f) => ({ ...f, position: f.position.toString() })) };
    },
  );
};
