import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import type { SealedValue } from '../domain/personalText.ts';

/** Where a value is sealed: its subject, its event and its field (the additional authenticated data). */
export interface SealPlace {
  subjectId: string;
  eventId: string;
  field: string;
}

const subKey = (key: Buffer, purpose: string) => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `transition-ledger personal data ${purpose}`, 32));
const aadOf = (p: SealPlace) => Buffer.from(JSON.stringify([p.subjectId, p.eventId, p.field]), 'utf8');

/**
 * AES-256-GCM under a key derived from the subject's. The nonce is synthetic, an HMAC of place and
 * plaintext (as in SIV): a client's retry of the same event seals to the same bytes, so it is still
 * recognised as a replay, and two different plaintexts never share a nonce under one key.
 */
export function seal(plaintext: string, place: SealPlace, subjectKey: Buffer): SealedValue {
  const nonce = createHmac('sha256', subKey(subjectKey, 'nonce')).update(aadOf(place)).update('\n').update(plaintext, 'utf8').digest().subarray(0, 12);
  const cipher = createCipheriv('aes-256-gcm', subKey(subjectKey, 'encryption'), nonce);
  cipher.setAAD(aadOf(place));
  const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
  return {
    sealed: 'aes-256-gcm',
    subjectId: place.subjectId,
    eventId: place.eventId,
    field: place.field,
    nonce: nonce.toString('base64url'),
    ciphertext: ciphertext.toString('base64url'),
    tag: cipher.getAuthTag().toString('base64url'),
  };
}

/** The plaintext, or undefined when the value does not open under this key (wrong key, moved or altered). */
export function open(value: SealedValue, subjectKey: Buffer): string | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', subKey(subjectKey, 'encryption'), Buffer.from(value.nonce, 'base64url'));
    decipher.setAAD(aadOf(value));
    decipher.setAuthTag(Buffer.from(value.tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(value.ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  } catch {
    return undefined;
  }
}
