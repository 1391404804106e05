import { z } from 'zod';
import { PositionString } from '../../eventStore/eventJson.ts';

const Hex = z.string().regex(/^[0-9a-f]{64}$/);

/** A signed tree head (src/audit/checkpoint.ts), as served. */
export const SignedCheckpointJson = z.object({
  treeSize: z.number().int(),
  rootHash: Hex,
  timestamp: z.string(),
  keyFingerprint: Hex,
  signature: z.string().describe('Version 1: base64 Ed25519 signature over the canonical JSON tree head. Version 2: the note signature of the ledger (key id and signature, base64)'),
  origin: z.string().optional().describe('Version 2: the C2SP checkpoint origin (LEDGER_ORIGIN)'),
  note: z.string().optional().describe('Version 2: the C2SP signed note (tlog-checkpoint), with any witness cosignatures'),
});

/** A checkpoint with the CheckpointSigned event that recorded it. */
export const CheckpointJson = SignedCheckpointJson.extend({ eventId: z.string(), position: PositionString });

export const InclusionProofJson = z.object({
  eventId: z.string(),
  position: PositionString,
  eventHash: Hex,
  leafIndex: z.number().int(),
  leafHash: Hex,
  treeSize: z.number().int(),
  rootHash: Hex,
  auditPath: z.array(Hex),
  checkpoint: SignedCheckpointJson.nullable(),
});

export const ConsistencyProofJson = z.object({
  from: z.number().int(),
  to: z.number().int(),
  fromRoot: Hex,
  toRoot: Hex,
  proof: z.array(Hex),
  checkpoints: z.object({ from: SignedCheckpointJson.nullable(), to: SignedCheckpointJson.nullable() }),
});

/** Per-event provenance on GET /api/events/{id}. */
export const ProvenanceJson = z.object({
  leafIndex: z.number().int(),
  checkpoint: SignedCheckpointJson.nullable(),
  inclusionProof: z.object({ treeSize: z.number().int(), rootHash: Hex, leafHash: Hex, auditPath: z.array(Hex) }).nullable(),
});
