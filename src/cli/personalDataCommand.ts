import { withLedger } from './withLedger.ts';

export interface EraseOptions {
  subject: string;
  basis: string;
  requestedBy: string;
  on?: string;
  actor: string;
}

/**
 * `personal-data erase`: the data-protection officer's answer to a cancellation request, on the
 * server's machine. Records PersonalDataErased through the write path (actor: `--actor`, role
 * data-protection-officer), which destroys the subject's key; prints the recorded event.
 */
export async function personalDataEraseCommand(options: EraseOptions): Promise<void> {
  await withLedger(async (ledger) => {
    const erasedOn = options.on ?? new Date().toISOString().slice(0, 10);
    const result = await ledger.record(
      { events: [{ type: 'PersonalDataErased', data: { subjectId: options.subject, requestedBy: options.requestedBy, legalBasis: options.basis, erasedOn } }] },
      { actor: options.actor, role: 'data-protection-officer' },
      () => '',
    );
    const e = result.events[0]!;
    console.log(JSON.stringify({ id: e.id, stream: e.stream, position: e.position.toString(), hash: e.hash, replayed: result.replayed }));
  });
}
