import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENT_TYPES } from '../../src/domain/events/catalogue.ts';
import { startTestLedger, type TestLedger } from './support/testLedger.ts';

describe('the OpenAPI document, generated from the zod schemas', () => {
  let ledger: TestLedger;
  beforeAll(async () => {
    ledger = await startTestLedger();
  });
  afterAll(async () => ledger.close());

  it('given the app, when /openapi.json is fetched, then it describes every endpoint and every event type', async () => {
    const response = await ledger.get('/openapi.json');
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const path of ['/api/events', '/api/events/{id}', '/api/local-governments', '/api/local-governments/{lgId}', '/api/local-governments/{lgId}/inherited-plans', '/api/transitions/{transitionId}', '/api/transitions/{transitionId}/compliance', '/api/compliance', '/api/plans/{planId}', '/api/budget', '/api/audit/verify', '/api/health']) {
      expect(doc.paths, path).toHaveProperty([path]);
    }
    for (const type of EVENT_TYPES) expect(doc.components.schemas, type).toHaveProperty([type]);
    // Schemas come from zod, so constraints such as the ubigeo pattern reach the document.
    expect(doc.components.schemas.LocalGovernmentRegistered.properties.lgId.pattern).toBe('^\\d{6}$');
    expect(doc.paths['/api/events'].post.security).toEqual([{ bearerAuth: [] }]);
  });

  it('given the app, when /docs is fetched, then the interactive documentation is served', async () => {
    const response = await ledger.get('/docs/');
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/text\/html/);
  });
});
