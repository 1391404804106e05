import { closeSync, constants, fsyncSync, mkdirSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { join, resolve } from 'node:path';
import { publicKeyFingerprint } from './checkpoint.ts';

export interface SigningKeyOptions {
  /** PEM (PKCS#8) Ed25519 private key to use. It must exist; it is never created. */
  keyFile?: string;
  /** Where `signing-key.pem` is kept, and created on first start, when no keyFile is given. */
  dataDir: string;
}

export interface SigningKey {
  privateKey: KeyObject;
  publicKey: KeyObject;
  /** SPKI PEM of the public key, as published to auditors. */
  publicKeyPem: string;
  /** Lowercase hex SHA-256 of the raw 32-byte public key. */
  fingerprint: string;
  /** True when this call generated the key. */
  created: boolean;
  /** Absolute path of the key file. */
  path: string;
  /** Problems worth logging at startup, e.g. a key file readable by others. Empty when none. */
  warnings: string[];
}

export const DEFAULT_KEY_FILE = 'signing-key.pem';

/**
 * Loads the ledger's Ed25519 checkpoint key, or generates it on first start.
 *
 * A generated key is written with mode 0600, exclusively (`wx`), and fsync'd, so two processes
 * starting at once cannot each write a different key: the loser reads the winner's. An existing file
 * readable by group or others is used but reported in `warnings` rather than refused, because
 * mounted secrets (Kubernetes, Docker) are often 0644 and refusing would only stop the ledger.
 * Throws when keyFile is missing, or the file does not hold an Ed25519 private key.
 */
export function loadOrCreateSigningKey(options: SigningKeyOptions): SigningKey {
  const path = resolve(options.keyFile ?? join(options.dataDir, DEFAULT_KEY_FILE));
  let created = false;
  if (options.keyFile === undefined) {
    mkdirSync(resolve(options.dataDir), { recursive: true });
    created = writeNewKey(path);
  }
  let pem: string;
  try {
    pem = readFileSync(path, 'utf8');
  } catch (error) {
    throw new Error(`Cannot read the signing key ${path}: ${(error as Error).message}`, { cause: error });
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: 'pem' });
  } catch (error) {
    throw new Error(`${path} does not hold a PEM private key`, { cause: error });
  }
  if (privateKey.asymmetricKeyType !== 'ed25519') {
    throw new Error(`${path} holds a ${privateKey.asymmetricKeyType ?? 'unknown'} key; checkpoints are signed with Ed25519`);
  }
  const publicKey = createPublicKey(privateKey);
  return {
    privateKey,
    publicKey,
    publicKeyPem: publicKey.export({ format: 'pem', type: 'spki' }).toString(),
    fingerprint: publicKeyFingerprint(publicKey),
    created,
    path,
    warnings: permissionWarnings(path),
  };
}

/** Writes a fresh key unless the file exists; true when it wrote one. */
function writeNewKey(path: string): boolean {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  let fd: number;
  try {
    fd = openSync(path, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    writeSync(fd, pem);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return true;
}

function permissionWarnings(path: string): string[] {
  if (process.platform === 'win32') return [];
  const mode = statSync(path).mode & 0o777;
  if ((mode & 0o077) === 0) return [];
  return [`signing key ${path} is accessible to group or others (mode 0${mode.toString(8)}); run chmod 600 on it`];
}
