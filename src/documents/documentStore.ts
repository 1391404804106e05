import { createHash, randomUUID } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { mkdir, open, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { DocumentDigestMismatchError } from '../errors/documentDigestMismatchError.ts';
import { DocumentTooLargeError } from '../errors/documentTooLargeError.ts';
import { ValidationError } from '../errors/validationError.ts';

/** LEDGER_DOCUMENT_MAX_BYTES's default: 20 MiB, more than a scanned act or report usually weighs. */
export const DEFAULT_DOCUMENT_MAX_BYTES = 20 * 1024 * 1024;

/** Where, under the data directory, documents are kept: `documents/sha256/ab/abcd…`. */
export const DOCUMENTS_DIR = join('documents', 'sha256');

export interface KeptDocument {
  sha256: string;
  sizeBytes: number;
}

/**
 * The files of filed documents, content-addressed by their SHA-256 (lowercase hex, the digest a
 * FiledDocument records). A file is only ever kept under the digest of its own bytes, so what is
 * served under a digest is always the document it names. Keeping files is optional: the hash chain
 * covers the digest, not the file (docs/directives.md).
 */
export class DocumentStore {
  constructor(
    private readonly root: string,
    readonly maxBytes: number = DEFAULT_DOCUMENT_MAX_BYTES,
  ) {}

  static inDataDir(dataDir: string, maxBytes?: number): DocumentStore {
    return new DocumentStore(join(dataDir, DOCUMENTS_DIR), maxBytes);
  }

  /** The file a digest is kept at: two hex digits of fan-out keep directories small. */
  pathOf(sha256: string): string {
    return join(this.root, sha256.slice(0, 2), sha256);
  }

  /** The kept document of this digest, or undefined when its file is not kept. */
  async find(sha256: string): Promise<KeptDocument | undefined> {
    const found = await stat(this.pathOf(sha256)).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    return found?.isFile() ? { sha256, sizeBytes: found.size } : undefined;
  }

  read(sha256: string): ReadStream {
    return createReadStream(this.pathOf(sha256));
  }

  /**
   * Keeps `body` under `sha256` if its bytes hash to it:
   * 1. refuse a declared length over the limit before reading anything;
   * 2. stream into a temporary file beside the target (0600), hashing and counting, and stop at the limit;
   * 3. refuse a digest mismatch or an empty body, and remove the temporary file;
   * 4. fsync it, rename it over the target (atomic: a reader sees all of it or nothing), fsync the directory.
   * A second put of the same bytes keeps nothing new and answers `created: false`.
   */
  async put(sha256: string, body: AsyncIterable<Uint8Array> | Iterable<Uint8Array>, declaredLength?: number): Promise<KeptDocument & { created: boolean }> {
    if (declaredLength !== undefined && declaredLength > this.maxBytes) throw new DocumentTooLargeError(this.maxBytes);
    const target = this.pathOf(sha256);
    const dir = dirname(target);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const temp = join(dir, `.${sha256}.${randomUUID()}.tmp`);
    const file = await open(temp, 'wx', 0o600);
    let renamed = false;
    try {
      const hash = createHash('sha256');
      let sizeBytes = 0;
      for await (const chunk of body) {
        sizeBytes += chunk.length;
        if (sizeBytes > this.maxBytes) throw new DocumentTooLargeError(this.maxBytes);
        hash.update(chunk);
        await file.write(chunk);
      }
      if (sizeBytes === 0) throw new ValidationError([{ path: 'body', message: 'must be the document file, not empty' }]);
      const actual = hash.digest('hex');
      if (actual !== sha256) throw new DocumentDigestMismatchError(sha256, actual, sizeBytes);
      if (await this.find(sha256)) return { sha256, sizeBytes, created: false };
      await file.sync();
      await file.close();
      await rename(temp, target);
      renamed = true;
      await syncDirectory(dir);
      return { sha256, sizeBytes, created: true };
    } finally {
      await file.close().catch(() => undefined);
      if (!renamed) await unlink(temp).catch(() => undefined);
    }
  }
}

/** A rename is durable once its directory is: fsync it too. */
async function syncDirectory(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
