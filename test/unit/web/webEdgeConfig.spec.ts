import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';

describe('LEDGER_TRUST_PROXY and the session lifetimes', () => {
  it('given nothing set, then no proxy is trusted and sessions last 8 h idle, 12 h at most', () => {
    const config = loadConfig({});
    expect(config.LEDGER_TRUST_PROXY).toBe(false);
    expect(config.LEDGER_SESSION_IDLE_MINUTES).toBe(480);
    expect(config.LEDGER_SESSION_MAX_MINUTES).toBe(720);
  });

  it.each([
    ['false', false],
    ['true', true],
    ['1', 1],
    ['127.0.0.1', ['127.0.0.1']],
    ['loopback', ['loopback']],
    ['10.0.0.0/8, 192.168.1.5,::1, fd00::/8', ['10.0.0.0/8', '192.168.1.5', '::1', 'fd00::/8']],
    ['uniquelocal,linklocal', ['uniquelocal', 'linklocal']],
  ] as const)('given LEDGER_TRUST_PROXY=%s, then it is parsed as %j', (value, expected) => {
    expect(loadConfig({ LEDGER_TRUST_PROXY: value }).LEDGER_TRUST_PROXY).toEqual(expected);
  });

  it.each(['yes', 'proxy.example', '10.0.0.0/33', '::1/129', '1.2.3.4/8/9', ',', '999'])('given LEDGER_TRUST_PROXY=%s, then the configuration is refused with the variable named', (value) => {
    expect(() => loadConfig({ LEDGER_TRUST_PROXY: value })).toThrow(/LEDGER_TRUST_PROXY/);
  });

  it.each([['LEDGER_SESSION_IDLE_MINUTES', '0'], ['LEDGER_SESSION_MAX_MINUTES', 'forever']])('given %s=%s, then the configuration is refused', (name, value) => {
    expect(() => loadConfig({ [name]: value })).toThrow(new RegExp(name));
  });
});
