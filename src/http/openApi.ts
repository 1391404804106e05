import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AccessTokenGranted, AccessTokenRevoked } from '../access/accessEvents.ts';
import { SignedCheckpointJson } from './routes/auditSchemas.ts';
import { catalogue, EVENT_TYPES } from '../domain/events/catalogue.ts';
import { PROBLEMS } from './problems.ts';

type Json = Record<string, unknown>;

/** Events stored beside the catalogue's facts: the access stream's and the audit log's checkpoints. */
const OTHER_EVENTS: Record<string, z.ZodType> = {
  AccessTokenGranted,
  AccessTokenRevoked,
  CheckpointSigned: SignedCheckpointJson,
};

/** Stable names for client generators; a route not listed gets one derived from its method and path. */
const OPERATION_IDS: Record<string, string> = {
  'get /api/events': 'listEvents',
  'post /api/events': 'recordEvents',
  'get /api/events/{id}': 'getEvent',
  'get /api/local-governments': 'listLocalGovernments',
  'get /api/local-governments/{lgId}': 'getLocalGovernment',
  'get /api/local-governments/{lgId}/inherited-plans': 'getInheritedPlans',
  'get /api/local-governments/{lgId}/changes': 'getLocalGovernmentChanges',
  'get /api/transitions/{transitionId}': 'getTransitionDossier',
  'get /api/transitions/{transitionId}/changes': 'getTransitionChanges',
  'get /api/transitions/{transitionId}/report': 'getTransitionReport',
  'get /api/transitions/{transitionId}/compliance': 'getTransitionCompliance',
  'get /api/compliance': 'getComplianceBoard',
  'get /api/plans/{planId}': 'getPlan',
  'get /api/budget': 'getBudget',
  'get /api/audit/verify': 'getVerification',
  'post /api/audit/verifications': 'startFullVerification',
  'get /api/audit/public-key': 'getPublicKey',
  'post /api/audit/checkpoints': 'createCheckpoint',
  'get /api/audit/checkpoints': 'listCheckpoints',
  'get /api/audit/checkpoints/latest': 'getLatestCheckpoint',
  'get /api/audit/proofs/inclusion': 'getInclusionProof',
  'get /api/audit/proofs/consistency': 'getConsistencyProof',
  'get /api/health': 'getHealth',
  'get /checkpoint': 'getCheckpointNote',
  'get /api/audit/bundle': 'downloadAuditBundle',
};

/** Operations whose answer is not JSON, with what they send instead. */
const NON_JSON_RESPONSES: Record<string, Json> = {
  'get /api/transitions/{transitionId}/report': {
    description: 'The report, as HTML or (format=pdf) as PDF',
    content: { 'text/html': { schema: { type: 'string' } }, 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  },
  'get /checkpoint': { description: 'The latest checkpoint, a C2SP signed note', content: { 'text/plain': { schema: { type: 'string' } } } },
  'get /api/audit/bundle': { description: 'The audit bundle as a .tar.gz archive', content: { 'application/gzip': { schema: { type: 'string', format: 'binary' } } } },
  'get /api/documents/{sha256}': {
    description: 'The kept file, byte for byte; ETag is its SHA-256, and it is immutable',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } }, 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  },
};

/** Operations whose body is a file, not JSON: each media type they take, as binary. */
const BINARY_REQUESTS: Record<string, string[]> = {
  'put /api/documents/{sha256}': ['application/pdf', 'application/octet-stream'],
};

/** Reads without path parameters that still answer NOT_FOUND (nothing to show yet, an unknown event id). */
const NOT_FOUND_WITHOUT_PARAMS = new Set(['/checkpoint', '/api/audit/bundle', '/api/audit/checkpoints/latest', '/api/audit/proofs/inclusion', '/api/audit/proofs/consistency']);

const Problem = z.looseObject({
  type: z.string().describe('URI of the problem type'),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string().describe('The request URL'),
  code: z.enum(Object.keys(PROBLEMS) as [string, ...string[]]).describe('Stable error code (README, "Error codes")'),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional().describe('VALIDATION_FAILED: each invalid field'),
}).describe('RFC 9457 problem details with the ledger\'s stable `code`, and the facts of the error as further members');

/**
 * OpenAPI 3 generated from the zod schemas, so the document is never written by hand and cannot
 * drift: the routes' own schemas, plus one component per event type (the `data` each `type` takes).
 * Then, for client generators, every operation gets
 * 1. an operationId;
 * 2. its error responses, as problem+json (the statuses come from src/http/problems.ts);
 * 3. stored events typed by `type`: `data` is the schema of that event type.
 */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  const toSchema = (schema: z.ZodType) => z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any', target: 'openapi-3.0' }) as Json;
  const eventSchemas = Object.fromEntries(EVENT_TYPES.map((type) => [type, toSchema(catalogue[type].schema)]));
  const otherSchemas = Object.fromEntries(Object.entries(OTHER_EVENTS).map(([type, schema]) => [type, toSchema(schema)]));
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'transition-ledger',
        description: 'Event-sourced, verifiable ledger of Peruvian local-government transitions. Errors are RFC 9457 problem+json with a stable `code`.',
        version,
      },
      components: {
        securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
        schemas: { ...eventSchemas, ...otherSchemas, Problem: toSchema(Problem) } as never,
      },
    },
    transform: jsonSchemaTransform,
    transformObject: (documentObject) => completeDocument((documentObject as { openapiObject: Json }).openapiObject, [...EVENT_TYPES, ...Object.keys(OTHER_EVENTS)]),
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

function completeDocument(doc: Json, eventTypes: string[]): Json {
  const paths = (doc.paths ?? {}) as Record<string, Record<string, Json>>;
  for (const [path, operations] of Object.entries(paths)) {
    for (const [method, operation] of Object.entries(operations)) {
      operation.operationId ??= OPERATION_IDS[`${method} ${path}`] ?? derivedOperationId(method, path);
      const responses = (operation.responses ??= {}) as Record<string, unknown>;
      const nonJson = NON_JSON_RESPONSES[`${method} ${path}`];
      if (nonJson) responses['200'] = nonJson;
      const binary = BINARY_REQUESTS[`${method} ${path}`];
      if (binary) {
        const schema = { type: 'string', format: 'binary' };
        operation.requestBody = { required: true, description: 'The file\'s bytes', content: Object.fromEntries(binary.map((type) => [type, { schema }])) };
      }
      for (const status of errorStatuses(method, path, operation)) {
        responses[status] ??= {
          description: PROBLEMS[codeOf(status)]?.title ?? 'Error',
          content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        };
      }
    }
  }
  typeStoredEvents(doc, eventTypes);
  nullInNullableEnums(doc);
  return doc;
}

/** OpenAPI 3.0.3: `nullable` does not widen an `enum`, so a nullable enum must list null itself. */
function nullInNullableEnums(node: unknown): void {
  if (typeof node !== 'object' || node === null) return;
  const schema = node as Json;
  if (schema.nullable === true && Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
  for (const value of Object.values(schema)) nullInNullableEnums(value);
}

/** The statuses an operation can answer with besides its own, from what it takes and who may call it. */
function errorStatuses(method: string, path: string, operation: Json): number[] {
  const statuses = new Set([401, 429, 500, 503]); // 401 too for reads: LEDGER_PUBLIC_READS=false
  const parameters = (operation.parameters ?? []) as Array<{ in: string }>;
  if (parameters.length > 0 || operation.requestBody) statuses.add(400);
  if (operation.security) statuses.add(403);
  if (parameters.some((p) => p.in === 'path') || NOT_FOUND_WITHOUT_PARAMS.has(path)) statuses.add(404);
  if (operation.requestBody) statuses.add(413);
  if (method === 'post' && path === '/api/events') [409, 422].forEach((s) => statuses.add(s));
  if (method === 'put' && path === '/api/documents/{sha256}') statuses.add(422); // DOCUMENT_DIGEST_MISMATCH
  return [...statuses].sort();
}

function codeOf(status: number): keyof typeof PROBLEMS {
  return (Object.entries(PROBLEMS).find(([, p]) => p.status === status)?.[0] ?? 'INTERNAL') as keyof typeof PROBLEMS;
}

function derivedOperationId(method: string, path: string): string {
  const words = path.split('/').filter((w) => w && w !== 'api').map((w) => w.replace(/[{}]/g, '')).flatMap((w) => w.split(/[-_.]/));
  return [method, ...words].map((w, i) => (i === 0 ? w : w.charAt(0).toUpperCase() + w.slice(1))).join('');
}

/**
 * Stored events (recognized by `schemaVersion` and `prevHash` beside `data`) become a union over
 * `type`, each member's `data` the component named after it; unknown types of future versions are
 * left out on purpose, since a client cannot act on them.
 */
function typeStoredEvents(node: unknown, eventTypes: string[]): void {
  if (Array.isArray(node)) {
    node.forEach((n) => typeStoredEvents(n, eventTypes));
    return;
  }
  if (typeof node !== 'object' || node === null) return;
  const schema = node as Json;
  const properties = schema.properties as Record<string, unknown> | undefined;
  if (schema.type === 'object' && properties && 'data' in properties && 'schemaVersion' in properties && 'prevHash' in properties) {
    const { data: _data, type: _type, ...common } = properties;
    const required = ((schema.required ?? []) as string[]).filter((r) => r !== 'data' && r !== 'type');
    schema.anyOf = eventTypes.map((type) => ({
      type: 'object',
      properties: { ...common, type: { type: 'string', enum: [type] }, data: { $ref: `#/components/schemas/${type}` } },
      required: [...required, 'type', 'data'],
    }));
    for (const key of ['properties', 'required', 'type', 'additionalProperties']) delete schema[key];
    return;
  }
  for (const value of Object.values(schema)) typeStoredEvents(value, eventTypes);
}
