import { createHash, createPublicKey, generateKeyPairSync } from 'node:crypto';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_KEY_FILE, loadOrCreateSigningKey } from '../../../src/audit/signingKey.ts';

describe('loadOrCreateSigningKey', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'signing-key-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('given no key yet, then it generates an Ed25519 key in the data dir with mode 0600', () => {
    const dataDir = join(dir, 'data');
    const key = loadOrCreateSigningKey({ dataDir });
    expect(key.created).toBe(true);
    expect(key.path).toBe(join(dataDir, DEFAULT_KEY_FILE));
    expect(key.privateKey.asymmetricKeyType).toBe('ed25519');
    expect(statSync(key.path).mode & 0o777).toBe(0o600);
    expect(key.warnings).toEqual([]);
    expect(readFileSync(key.path, 'utf8')).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(key.publicKeyPem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
  });

  it('given a key already generated, then it loads the same key and does not overwrite it', () => {
    const first = loadOrCreateSigningKey({ dataDir: dir });
    const second = loadOrCreateSigningKey({ dataDir: dir });
    expect(second.created).toBe(false);
    expect(second.fingerprint).toBe(first.fingerprint);
    expect(second.publicKeyPem).toBe(first.publicKeyPem);
  });

  it('the fingerprint is the SHA-256 of the raw 32-byte public key', () => {
    const key = loadOrCreateSigningKey({ dataDir: dir });
    const der = key.publicKey.export({ format: 'der', type: 'spki' });
    // Ed25519 SPKI DER is a fixed 12-byte header followed by the 32 raw key bytes.
    const raw = der.subarray(der.length - 32);
    expect(key.fingerprint).toBe(createHash('sha256').update(raw).digest('hex'));
    expect(key.fingerprint).toMatch(/^[0-9a-f]{64}$/);
  });

  it('given a keyFile, then it uses that key and creates nothing in the data dir', () => {
    const { privateKey } = generateKeyPairSync('ed25519');
    const keyFile = join(dir, 'mounted.pem');
    writeFileSync(keyFile, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    const key = loadOrCreateSigningKey({ keyFile, dataDir: join(dir, 'data') });
    expect(key.created).toBe(false);
    expect(key.path).toBe(keyFile);
    expect(key.publicKeyPem).toBe(createPublicKey(privateKey).export({ format: 'pem', type: 'spki' }).toString());
    expect(() => statSync(join(dir, 'data', DEFAULT_KEY_FILE))).toThrow();
  });

  it('given a key file readable by others, then it warns', () => {
    const key = loadOrCreateSigningKey({ dataDir: dir });
    chmodSync(key.path, 0o644);
    const again = loadOrCreateSigningKey({ dataDir: dir });
    expect(again.warnings).toHaveLength(1);
    expect(again.warnings[0]).toMatch(/mode 0644.*chmod 600/);
  });

  it('refuses a missing keyFile, a non-key file and a key of another algorithm', () => {
    expect(() => loadOrCreateSigningKey({ keyFile: join(dir, 'nope.pem'), dataDir: dir })).toThrow(/Cannot read the signing key/);
    const junk = join(dir, 'junk.pem');
    writeFileSync(junk, 'hello', { mode: 0o600 });
    expect(() => loadOrCreateSigningKey({ keyFile: junk, dataDir: dir })).toThrow(/does not hold a PEM private key/);
    const ec = join(dir, 'ec.pem');
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    writeFileSync(ec, privateKey.export({ format: 'pem', type: 'pkcs8' }), { mode: 0o600 });
    expect(() => loadOrCreateSigningKey({ keyFile: ec, dataDir: dir })).toThrow(/holds a ec key/);
  });
});
