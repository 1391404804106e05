import { v5 as uuidv5 } from 'uuid';
import type { RecordEvents, Writer } from '../commandHandling/recordEvents.ts';
import type { LocalGovernmentRegistered } from '../domain/events/localGovernmentEvents.ts';
import { isLedgerError } from '../errors/ledgerError.ts';

/** The file a list of local governments came from; recorded in the metadata of every fact it registers. */
export interface DirectorySource {
  /** File name, e.g. `ubigeo-inei-2025.csv`. */
  file: string;
  /** SHA-256 of the file's bytes, hex: names the exact edition an auditor can fetch and compare. */
  sha256: string;
  /** The directory's edition or date, e.g. `2025`. */
  edition: string;
}

export interface ImportOutcome {
  /** Registered by this run. */
  registered: number;
  /** Registered by an earlier run of the same import (same event id and content). */
  alreadyImported: number;
  /** Registered earlier by someone else (the demo, a registrar); left as recorded. */
  registeredOtherwise: string[];
}

/** Fixed namespace of import fact ids. Never change it: a second run would register nothing but fail. */
export const IMPORT_NAMESPACE = 'f1d0c0a4-3b8e-4f7c-9a55-0d6e1c2b7a19';

/** Concurrent submissions: enough for the write path to commit them in groups, few enough to bound memory. */
const IN_FLIGHT = 64;

/**
 * Registers each local government through the ordinary validated write path, as any client's facts
 * are. Idempotent: a fact's id is derived from the source's edition and the ubigeo, so running the
 * same import again records nothing; a local government already registered otherwise is counted and
 * left alone (the rules refuse a second registration).
 */
export async function importLocalGovernments(
  record: RecordEvents,
  localGovernments: readonly LocalGovernmentRegistered[],
  source: DirectorySource,
  actor: string,
): Promise<ImportOutcome> {
  const writer: Writer = {
    actor,
    role: 'registrar',
    provenance: { sourceFile: source.file, sourceSha256: source.sha256, sourceEdition: source.edition },
  };
  const outcome: ImportOutcome = { registered: 0, alreadyImported: 0, registeredOtherwise: [] };
  const registerOne = async (data: LocalGovernmentRegistered) => {
    const id = uuidv5(`local-governments/${source.edition}/${data.lgId}`, IMPORT_NAMESPACE);
    try {
      const result = await record({ events: [{ id, type: 'LocalGovernmentRegistered', data }] }, writer, () => data.lgId);
      if (result.replayed) outcome.alreadyImported++;
      else outcome.registered++;
    } catch (error) {
      if (!isLedgerError(error, 'RULE_VIOLATED') || error.details.rule !== 'LOCAL_GOVERNMENT_ALREADY_REGISTERED') throw error;
      outcome.registeredOtherwise.push(data.lgId);
    }
  };
  for (let i = 0; i < localGovernments.length; i += IN_FLIGHT) {
    await Promise.all(localGovernments.slice(i, i + IN_FLIGHT).map(registerOne));
  }
  outcome.registeredOtherwise.sort();
  return outcome;
}
