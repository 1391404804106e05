import type { FastifyInstance } from 'fastify';

/** What the badge shows of the latest signed checkpoint, when the ledger publishes one. */
export interface CheckpointSummary {
  treeSize: string;
  rootHash: string;
  timestamp: string;
  keyFingerprint?: string;
}

/**
 * The latest signed checkpoint, read through the public endpoint `GET /api/audit/checkpoints/latest`
 * rather than from its implementation, so the page shows exactly what an outside auditor gets.
 * Undefined when the endpoint is absent (checkpoints not enabled) or has none yet.
 */
export async function latestCheckpoint(app: FastifyInstance, authorization?: string): Promise<CheckpointSummary | undefined> {
  try {
    // The reader's own authorization goes along, so it works when reads are not public.
    const response = await app.inject({ method: 'GET', url: '/api/audit/checkpoints/latest', headers: authorization ? { authorization } : {} });
    if (response.statusCode !== 200) return undefined;
    const body = response.json() as Record<string, unknown>;
    const c = (typeof body.checkpoint === 'object' && body.checkpoint !== null ? body.checkpoint : body) as Record<string, unknown>;
    if (c.rootHash === undefined || c.treeSize === undefined) return undefined;
    return {
      treeSize: String(c.treeSize),
      rootHash: String(c.rootHash),
      timestamp: String(c.timestamp ?? ''),
      keyFingerprint: c.keyFingerprint === undefined ? undefined : String(c.keyFingerprint),
    };
  } catch {
    return undefined;
  }
}
