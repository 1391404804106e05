import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireCheckpointScope } from '../../access/authorize.ts';
import type { AuditService } from '../../audit/log/auditService.ts';
import { plain } from '../../audit/log/auditProofs.ts';
import type { IntegrityMonitor, IntegrityState } from '../../audit/log/integrityMonitor.ts';
import { NotFoundError } from '../../errors/notFoundError.ts';
import type { EventStore } from '../../eventStore/eventStore.ts';
import { PositionString } from '../../eventStore/eventJson.ts';
import type { Authenticate } from '../authenticate.ts';
import { AnswerCache, JSON_TYPE } from '../caching/answerCache.ts';
import { CheckpointJson, ConsistencyProofJson, InclusionProofJson } from './auditSchemas.ts';

export const VerifyReportJson = z.object({
  ok: z.boolean(),
  checkedEvents: z.number().int(),
  headPosition: PositionString.optional(),
  headHash: z.string().optional(),
  firstInvalidPosition: PositionString.optional(),
  problems: z.array(z.object({ position: PositionString, eventId: z.string(), stream: z.string(), kind: z.string(), message: z.string() })),
  problemCount: z.number().int().optional(),
  leavesChecked: z.number().int().optional().describe('Events compared with the leaf the Merkle log made of them'),
  checkpointsChecked: z.number().int().optional(),
  checkedAt: z.string().optional().describe('When the events through headPosition had all been verified'),
  fullVerification: z.object({
    running: z.boolean(),
    startedAt: z.string().optional(),
    completedAt: z.string().optional(),
  }).describe('The last explicit full re-verification (POST /api/audit/verifications)'),
});

const FullVerificationJson = z.object({ running: z.literal(true), startedAt: z.string(), status: z.string().describe('Where the result appears') });

export interface AuditRoutesOptions {
  store: EventStore;
  /** The verification carried forward (the audit service's, or a chain-only one). */
  integrity: IntegrityMonitor;
  /** The running audit log; without it only the chain check is served. */
  audit?: AuditService;
  authenticate?: Authenticate;
  /** Bytes of proof answers kept as sent (they never change: see AuditProofs.signedSizes). Default 16 MiB. */
  proofAnswerBytes?: number;
}

const TreeSize = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const tags = ['audit'];

export const auditRoutes: FastifyPluginAsyncZod<AuditRoutesOptions> = async (app, { integrity, audit, authenticate, proofAnswerBytes }) => {
  app.get(
    '/api/audit/verify',
    {
      schema: {
        tags,
        operationId: 'getVerification',
        summary: 'The verification as it stands: every event through headPosition verified (hash, stream chain, global order, Merkle leaf)',
        description:
          'Answered from the integrity monitor\'s incremental state: only events recorded since the last answer are verified, the log is never re-scanned. ' +
          'A full re-verification (which also finds edits of events already verified, and checks every checkpoint) is started with POST /api/audit/verifications.',
        response: { 200: VerifyReportJson },
      },
    },
    async () => toVerifyJson(await integrity.current()),
  );

  app.post(
    '/api/audit/verifications',
    {
      ...(authenticate && { preHandler: authenticate }),
      schema: {
        tags,
        operationId: 'startFullVerification',
        summary: 'Start a full re-verification of the store (registrar or auditor); joins the one running',
        description: 'Answers 202 at once; GET /api/audit/verify shows `fullVerification` and, once it has finished, its findings.',
        security: [{ bearerAuth: [] }],
        response: { 202: FullVerificationJson },
      },
    },
    async (request, reply) => {
      // Auditors and registrars, the holders of the checkpoint scope, may ask for the expensive pass.
      requireCheckpointScope(request.writer!);
      void integrity.verify().catch((error: unknown) => request.log.error({ err: error }, 'full verification failed'));
      const { startedAt } = (await integrity.current()).fullVerification;
      return reply.status(202).send({ running: true as const, startedAt: startedAt!, status: '/api/audit/verify' });
    },
  );

  if (!audit) return;
  const { checkpoints, proofs, key } = audit;

  app.get(
    '/api/audit/public-key',
    {
      schema: {
        tags,
        summary: 'The Ed25519 public key that signs checkpoints (SPKI PEM), its fingerprint, the checkpoint origin and the note verifier key',
        response: {
          200: z.object({
            algorithm: z.literal('Ed25519'), publicKeyPem: z.string(), fingerprint: z.string(),
            origin: z.string().describe('The C2SP checkpoint origin line'),
            verifierKey: z.string().describe('C2SP signed-note verifier key: <origin>+<hex key id>+base64(0x01 || key)'),
          }),
        },
      },
    },
    async () => ({ algorithm: 'Ed25519' as const, publicKeyPem: key.publicKeyPem, fingerprint: key.fingerprint, origin: audit.origin.origin, verifierKey: audit.verifierKey }),
  );

  app.post(
    '/api/audit/checkpoints',
    {
      ...(authenticate && { preHandler: authenticate }),
      schema: {
        tags,
        summary: 'Sign a checkpoint of the log as it stands now (registrar or auditor)',
        description: 'Answers 201 with the new checkpoint, or 200 with the latest one when the log has not grown since.',
        security: [{ bearerAuth: [] }],
        response: { 201: CheckpointJson, 200: CheckpointJson },
      },
    },
    async (request, reply) => {
      requireCheckpointScope(request.writer!);
      const { checkpoint, created } = await checkpoints.create(request.writer!.actor, 'on demand');
      return reply.status(created ? 201 : 200).send(toJson(checkpoint));
    },
  );

  app.get(
    '/api/audit/checkpoints/latest',
    { schema: { tags, summary: 'The latest signed checkpoint', response: { 200: CheckpointJson } } },
    async () => {
      const latest = await checkpoints.latest();
      if (!latest) throw new NotFoundError('Checkpoint', 'latest');
      return toJson(latest);
    },
  );

  app.get(
    '/api/audit/checkpoints',
    {
      schema: {
        tags,
        summary: 'Signed checkpoints in increasing tree size',
        querystring: z.strictObject({
          after: TreeSize.optional().describe('Only checkpoints of a larger tree size'),
          limit: z.coerce.number().int().min(1).max(1000).default(100),
        }),
        response: { 200: z.object({ checkpoints: z.array(CheckpointJson), next: z.number().int().optional() }) },
      },
    },
    async (request) => {
      const { after, limit } = request.query;
      const matching = (await checkpoints.all()).filter((c) => after === undefined || c.treeSize > after);
      const page = matching.slice(0, limit);
      return { checkpoints: page.map(toJson), next: matching.length > limit ? page.at(-1)!.treeSize : undefined };
    },
  );

  // Proofs are sent as they are: 1–3 KiB of hex SHA-256, which brotli shrinks by under 1 KiB (no
  // round trip saved) at about 0.1 ms of CPU, as much as the rest of the proof costs.
  //
  // A proof is a function of what was asked and of which sizes a checkpoint signs (signedSizes), and
  // that never changes: its bytes, serialized (and so checked against the schema) by the route's own
  // serializer the first time, are kept under that key and sent as they are on every later ask.
  const answers = new AnswerCache(proofAnswerBytes ?? 16 * 2 ** 20);
  const keptAnswer = async (reply: FastifyReply, key: string | undefined, compute: () => Promise<{ answer: unknown; key: string }>) => {
    const kept = key === undefined ? undefined : answers.get(key);
    if (kept !== undefined) return reply.type(JSON_TYPE).send(kept.body);
    const { answer, key: answered } = await compute();
    const body = Buffer.from(reply.serialize(answer) as string, 'utf8');
    // Kept only under the key the answer itself has: a checkpoint recorded meanwhile changed the key.
    if (answered === key) answers.set(key, { body, contentType: JSON_TYPE, encoding: 'identity' });
    return reply.type(JSON_TYPE).send(body);
  };

  app.get(
    '/api/audit/proofs/inclusion',
    {
      schema: {
        tags,
        summary: 'Audit path (RFC 9162 §2.1.3) of an event in the tree of a given size',
        description: 'treeSize defaults to the latest signed checkpoint, which must cover the event (else 400); the proof names the checkpoint it is against. An unsigned tree size must be asked for explicitly, and then `checkpoint` is null.',
        querystring: z.strictObject({ eventId: z.string().min(1).max(64), treeSize: TreeSize.optional() }),
        response: { 200: InclusionProofJson },
      },
      compress: false,
    },
    async (request, reply) => {
      const { eventId, treeSize } = request.query;
      const against = await proofs.signedSizes([treeSize], request.ledgerHead);
      return keptAnswer(reply, against && inclusionKey(eventId, against.sizes[0]!, against.signed[0]!), async () => {
        const p = await proofs.inclusion(eventId, treeSize, request.ledgerHead);
        return { answer: { ...p, position: p.position.toString() }, key: inclusionKey(eventId, p.treeSize, p.checkpoint !== null) };
      });
    },
  );

  app.get(
    '/api/audit/proofs/consistency',
    {
      schema: {
        tags,
        summary: 'Consistency proof (RFC 9162 §2.1.4): the tree of size `from` is a prefix of the tree of size `to`',
        description: 'from must be at least 1: RFC 9162 defines no proof from the empty tree.',
        querystring: z.strictObject({ from: TreeSize, to: TreeSize }),
        response: { 200: ConsistencyProofJson },
      },
      compress: false,
    },
    async (request, reply) => {
      const { from, to } = request.query;
      const against = await proofs.signedSizes([from, to], request.ledgerHead);
      return keptAnswer(reply, against && consistencyKey(from, to, against.signed[0]!, against.signed[1]!), async () => {
        const p = await proofs.consistency(from, to, request.ledgerHead);
        return { answer: p, key: consistencyKey(from, to, p.checkpoints.from !== null, p.checkpoints.to !== null) };
      });
    },
  );
};

const inclusionKey = (eventId: string, treeSize: number, signed: boolean) => `inclusion ${treeSize} ${signed ? 'signed' : 'unsigned'} ${eventId}`;
const consistencyKey = (from: number, to: number, fromSigned: boolean, toSigned: boolean) => `consistency ${from} ${to} ${fromSigned ? 'signed' : 'unsigned'} ${toSigned ? 'signed' : 'unsigned'}`;

function toVerifyJson(state: IntegrityState) {
  return {
    ...state,
    headPosition: state.headPosition?.toString(),
    firstInvalidPosition: state.firstInvalidPosition?.toString(),
    problems: state.problems.map((p) => ({ ...p, position: p.position.toString() })),
  };
}

function toJson(c: Parameters<typeof plain>[0]) {
  return { ...plain(c), eventId: c.eventId, position: c.position.toString() };
}
