import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SealedValue } from '../../../src/domain/personalText.ts';
import { PersonalDataVault } from '../../../src/personalData/personalDataVault.ts';
import { revealPersonalData } from '../../../src/personalData/reveal.ts';
import { open, seal } from '../../../src/personalData/sealing.ts';

const place = { subjectId: 'persona-1', eventId: '01900000-0000-7000-8000-000000000001', field: 'members/0/name' };

describe('sealing a personal value', () => {
  const key = randomBytes(32);

  it('given a name, when it is sealed, then the value is schema-valid ciphertext that opens to the name, and only with its key', () => {
    const sealed = seal('Zoila Verificable Quispe', place, key);
    expect(SealedValue.safeParse(sealed).success).toBe(true);
    expect(JSON.stringify(sealed)).not.toContain('Zoila');
    expect(open(sealed, key)).toBe('Zoila Verificable Quispe');
    expect(open(sealed, randomBytes(32))).toBeUndefined();
  });

  it('given a sealed value moved to another event or field, when it is opened, then it does not open (the place is authenticated)', () => {
    const sealed = seal('Zoila Verificable Quispe', place, key);
    expect(open({ ...sealed, eventId: '01900000-0000-7000-8000-000000000002' }, key)).toBeUndefined();
    expect(open({ ...sealed, field: 'members/1/name' }, key)).toBeUndefined();
  });

  it('given the same place, when the same name is sealed twice, then the bytes are equal (a retry is a replay), and a different name gets a different nonce', () => {
    expect(seal('Ana', place, key)).toEqual(seal('Ana', place, key));
    expect(seal('Ana', place, key).nonce).not.toBe(seal('Ana María', place, key).nonce);
  });
});

describe('the key store and the reveal', () => {
  let dir: string | undefined;
  afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

  it('given a vault in a data directory, when a value is sealed and erased, then the reveal goes plaintext → placeholder and the file is mode 0600', () => {
    dir = mkdtempSync(join(tmpdir(), 'ledger-vault-'));
    const vault = PersonalDataVault.inDataDir(dir);
    const event = vault.seal(
      { type: 'TechnicalTableMemberJoined', data: { tableId: 't1', member: { name: { subjectId: 'persona-1', value: 'Zoila' }, sector: 'productores' }, joinedOn: '2019-01-01' } },
      { eventId: place.eventId, stream: 'table-t1', now: new Date('2019-01-01T00:00:00Z') },
    );
    const auditor = { actor: 'contraloria', role: 'auditor' };
    expect(revealPersonalData(event.data, auditor, vault)).toMatchObject({ member: { name: 'Zoila' } });
    expect(revealPersonalData(event.data, null, vault)).toMatchObject({ member: { name: '[dato personal]' } });
    expect(revealPersonalData(event.data, { actor: 'c', role: 'commission', scope: { transitionIds: ['tr-1'] } }, vault)).toMatchObject({ member: { name: '[dato personal]' } });
    vault.erase('persona-1', '2026-12-01T00:00:00Z');
    expect(revealPersonalData(event.data, auditor, vault)).toMatchObject({ member: { name: '[dato personal suprimido]' } });
    expect(statSync(join(dir, 'personal-data-keys.sqlite')).mode & 0o777).toBe(0o600);
    vault.close();
  });
});
