import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { catalogue, EVENT_TYPES } from '../domain/events/catalogue.ts';

/**
 * OpenAPI 3 generated from the zod schemas: the routes' own, plus one component per event type
 * (the `data` each `type` takes), so the document is never written by hand and cannot drift.
 */
export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  const eventSchemas = Object.fromEntries(
    EVENT_TYPES.map((type) => [type, z.toJSONSchema(catalogue[type].schema, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>]),
  );
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
        schemas: eventSchemas as never,
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}
