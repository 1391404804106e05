import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ConfigSchema, loadConfig } from '../../src/config.ts';

/**
 * docker-compose.yml, the Dockerfile and the nginx config checked without Docker: what compose
 * would start, in which order, with which settings, and that the app's settings are ones
 * src/config.ts accepts.
 */
const root = join(import.meta.dirname, '..', '..');
const read = (file: string) => readFileSync(join(root, file), 'utf8');

interface Service {
  image?: string;
  build?: unknown;
  profiles?: string[];
  environment?: Record<string, string>;
  ports?: string[];
  volumes?: string[];
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] | string };
}
// merge: compose resolves YAML merge keys (`<<: *anchor`), as this parser does when asked.
const compose = parse(read('docker-compose.yml'), { merge: true }) as { services: Record<string, Service>; volumes: Record<string, unknown> };
const services = compose.services;
const names = Object.keys(services);
const inProfile = (profile: string | undefined) => names.filter((n) => (profile === undefined ? !services[n]!.profiles : services[n]!.profiles?.includes(profile)));
const appServices = names.filter((n) => services[n]!.build !== undefined || services[n]!.image === 'transition-ledger:local');
const esdbServices = names.filter((n) => services[n]!.image?.startsWith('eventstore/eventstore:'));

/** Compose's interpolation, for the forms the file uses: `${VAR:-default}` and `${VAR}` (unset here). */
function interpolate(value: string): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?::-([^}]*))?\}/g, (_, _name: string, fallback?: string) => fallback ?? '');
}

describe('docker-compose.yml', () => {
  it('given no profile, then one EventStoreDB node and the ledger start; the cluster profile adds three nodes, two replicas and nginx', () => {
    expect(inProfile(undefined).sort()).toEqual(['eventstore', 'ledger']);
    expect(inProfile('cluster').sort()).toEqual(['esdb-node1', 'esdb-node2', 'esdb-node3', 'lb', 'ledger-1', 'ledger-2']);
    expect([...appServices].sort()).toEqual(['ledger', 'ledger-1', 'ledger-2']);
  });

  it('given every service, then it has a healthcheck, and an EventStoreDB node is healthy only once a leader is elected', () => {
    for (const name of names) expect(services[name]!.healthcheck?.test, name).toBeTruthy();
    const check = (name: string) => (services[name]!.healthcheck!.test as string[]).join(' ');
    // /health/live answers as soon as the process runs; /info carries the node's state.
    for (const name of esdbServices) expect(check(name), name).not.toContain('/health/live');
    expect(check('eventstore')).toMatch(/\/info \| grep -Eiq .*"leader"/);
    for (const name of esdbServices.filter((n) => n !== 'eventstore')) expect(check(name), name).toMatch(/\/info \| grep -Eiq .*\(leader\|follower\)/);
  });

  it('given the EventStoreDB nodes, then none is published beyond the host\'s loopback and AtomPub is off on every one', () => {
    for (const name of esdbServices) {
      for (const port of services[name]!.ports ?? []) expect(port, name).toMatch(/^127\.0\.0\.1:/);
      expect(services[name]!.environment!.EVENTSTORE_ENABLE_ATOM_PUB_OVER_HTTP, name).toBe('false');
    }
    expect(services.eventstore!.ports).toEqual(['127.0.0.1:2113:2113']);
    for (const name of inProfile('cluster').filter((n) => esdbServices.includes(n))) expect(services[name]!.ports, name).toBeUndefined();
  });

  it('given the cluster\'s app services, then exactly one is the writer, the others are replicas, and none shares a data volume', () => {
    const apps = inProfile('cluster').filter((n) => appServices.includes(n));
    expect(apps.filter((n) => services[n]!.environment!.LEDGER_ROLE === 'writer')).toEqual(['ledger-1']);
    expect(apps.filter((n) => services[n]!.environment!.LEDGER_ROLE === 'replica')).toEqual(['ledger-2']);
    const dataVolumes = appServices.map((n) => services[n]!.volumes!.find((v) => v.endsWith(':/app/data'))!.split(':')[0]!);
    expect(new Set(dataVolumes).size).toBe(appServices.length);
    // Only the writer seeds: a replica refuses writes.
    expect(apps.filter((n) => services[n]!.environment!.LEDGER_SEED !== undefined)).toEqual(['ledger-1']);
  });

  it('given the EventStoreDB nodes, then they run 24.10 in insecure mode without projections, each on its own named volume', () => {
    const volumes = esdbServices.map((n) => services[n]!.volumes!.find((v) => v.endsWith(':/var/lib/eventstore'))!.split(':')[0]!);
    expect(new Set(volumes).size).toBe(esdbServices.length);
    for (const volume of volumes) expect(Object.keys(compose.volumes)).toContain(volume);
    for (const name of esdbServices) {
      expect(services[name]!.image).toBe('eventstore/eventstore:24.10');
      expect(services[name]!.environment).toMatchObject({ EVENTSTORE_INSECURE: 'true', EVENTSTORE_RUN_PROJECTIONS: 'None' });
    }
  });

  it('given the cluster nodes, then they form a cluster of three whose gossip seeds are the two other nodes', () => {
    const nodes = inProfile('cluster').filter((n) => esdbServices.includes(n));
    for (const node of nodes) {
      const env = services[node]!.environment!;
      expect(env).toMatchObject({ EVENTSTORE_CLUSTER_SIZE: '3', EVENTSTORE_DISCOVER_VIA_DNS: 'false' });
      const seeds = env.EVENTSTORE_GOSSIP_SEED!.split(',').map((s) => s.split(':')[0]);
      expect(seeds.sort()).toEqual(nodes.filter((n) => n !== node).sort());
    }
  });

  it.each(appServices)('given the app service %s, then every variable it sets is a setting of src/config.ts and the whole parses', (name) => {
    const env = Object.fromEntries(Object.entries(services[name]!.environment!).map(([k, v]) => [k, interpolate(String(v))]));
    for (const key of Object.keys(env)) expect(Object.keys(ConfigSchema.shape), `${name}: ${key}`).toContain(key);
    const present = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
    expect(ConfigSchema.safeParse(present).success).toBe(true);
    const config = loadConfig(env);
    expect(config).toMatchObject({ LEDGER_STORE: 'eventstoredb', HOST: '0.0.0.0', PORT: 3000 });
  });

  it.each(appServices)('given the app service %s, then its connection string names EventStoreDB services of its own profile, without TLS', (name) => {
    const cs = services[name]!.environment!.EVENTSTORE_CONNECTION_STRING!;
    const url = /^esdb:\/\/([^?/]+)\?(.*)$/.exec(cs);
    expect(url, cs).not.toBeNull();
    const hosts = url![1]!.split(',').map((h) => h.split(':')[0]!);
    const profile = services[name]!.profiles?.[0];
    for (const host of hosts) expect(inProfile(profile).filter((n) => esdbServices.includes(n))).toContain(host);
    expect(url![2]).toContain('tls=false');
  });

  it('given the demo service, then it seeds Chumbivilcas and listens on 3000', () => {
    expect(services.ledger!.environment).toMatchObject({ LEDGER_SEED: 'chumbivilcas', LEDGER_STORE: 'eventstoredb', EVENTSTORE_CONNECTION_STRING: 'esdb://eventstore:2113?tls=false' });
    expect(services.ledger!.ports).toEqual(['3000:3000']);
  });

  it('given the start order, then apps wait for healthy EventStoreDB nodes and nginx for healthy replicas', () => {
    const dependsOn = (name: string) => Object.fromEntries(Object.entries(services[name]!.depends_on ?? {}).map(([k, v]) => [k, v.condition]));
    const healthy = (...deps: string[]) => Object.fromEntries(deps.map((d) => [d, 'service_healthy']));
    expect(dependsOn('ledger')).toEqual(healthy('eventstore'));
    expect(dependsOn('ledger-1')).toEqual(healthy('esdb-node1', 'esdb-node2', 'esdb-node3'));
    expect(dependsOn('ledger-2')).toEqual(healthy('esdb-node1', 'esdb-node2', 'esdb-node3', 'ledger-1'));
    expect(dependsOn('lb')).toEqual(healthy('ledger-1', 'ledger-2'));
  });

  it('given both profiles up at once, then no host port is published twice', () => {
    const hostPorts = names.flatMap((n) => (services[n]!.ports ?? []).map((p) => interpolate(p).split(':')[0]));
    expect(new Set(hostPorts).size).toBe(hostPorts.length);
    expect(hostPorts).toContain('3000');
  });

  it('given the load balancer, then nginx.conf sends writes to the writer alone and reads to the replica (writer as backup), re-resolving names at run time', () => {
    expect(services.lb!.volumes).toContain('./deploy/nginx.conf:/etc/nginx/nginx.conf:ro');
    const nginx = read('deploy/nginx.conf');
    const upstreams = Object.fromEntries(
      [...nginx.matchAll(/upstream\s+(\w+)\s*\{([^}]*)\}/g)].map((m) => [m[1]!, [...m[2]!.matchAll(/^\s*server\s+([\w-]+:\d+)([^;]*);/gm)].map((s) => `${s[1]}${s[2]}`.trim())]),
    );
    expect(upstreams.ledger_writer!.map((s) => s.split(' ')[0])).toEqual(['ledger-1:3000']);
    expect(upstreams.ledger_reads!.map((s) => s.split(' ')[0])).toEqual(['ledger-2:3000', 'ledger-1:3000']);
    expect(upstreams.ledger_reads![1]).toContain('backup');
    for (const server of Object.values(upstreams).flat()) expect(server).toMatch(/\bresolve\b/);
    expect(nginx).toMatch(/^\s*resolver 127\.0\.0\.11 valid=\d+s/m);
    const map = /map \$request_method \$ledger_upstream \{([^}]*)\}/.exec(nginx)![1]!;
    expect(map).toMatch(/GET ledger_reads;/);
    expect(map).toMatch(/HEAD ledger_reads;/);
    expect(map).toMatch(/default ledger_writer;/);
    expect(map.match(/ledger_reads/g)).toHaveLength(2);
    expect(nginx).toContain('proxy_pass http://$ledger_upstream;');
    // `resolve` in an upstream needs nginx 1.27.3 or later.
    const [major, minor] = services.lb!.image!.replace('nginx:', '').split('-')[0]!.split('.').map(Number);
    expect(major! > 1 || minor! >= 28).toBe(true);
    expect(nginx).toMatch(/listen 3000;/);
    expect(nginx).toContain('/nginx-health');
  });
});

describe('Dockerfile', () => {
  const dockerfile = read('Dockerfile');
  const instructions = dockerfile
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
  const stages = instructions.reduce<string[][]>((acc, line) => (line.startsWith('FROM ') ? [...acc, [line]] : (acc.at(-1)!.push(line), acc)), []);
  const runtime = stages.at(-1)!;

  it('given the stages, then both are node:20-bookworm-slim and only the builder has compilers', () => {
    expect(stages.map((s) => s[0]!.split(/\s+/)[1])).toEqual(['node:20-bookworm-slim', 'node:20-bookworm-slim']);
    expect(stages[0]!.join('\n')).toMatch(/apt-get install[^\n]*python3[^\n]*make[^\n]*g\+\+/);
    // The runtime installs a font for the printed report, and no compiler.
    expect(runtime.join('\n')).not.toMatch(/g\+\+|\bmake\b|python3/);
  });

  it('given the dependencies, then only production ones are installed, from the lockfile', () => {
    expect(stages[0]!.some((l) => /^RUN .*npm ci --omit=dev/.test(l))).toBe(true);
    expect(dockerfile).not.toMatch(/npm install/);
  });

  it('given the runtime stage, then it runs as the non-root user node, serves on 3000 and has a healthcheck', () => {
    const user = runtime.findIndex((l) => l.startsWith('USER '));
    expect(runtime[user]).toBe('USER node');
    expect(user).toBeLessThan(runtime.findIndex((l) => l.startsWith('CMD ')));
    expect(runtime.filter((l) => l.startsWith('USER '))).toEqual(['USER node']);
    expect(runtime).toContain('EXPOSE 3000');
    expect(runtime.some((l) => l.startsWith('HEALTHCHECK ') && l.includes('/api/health'))).toBe(true);
    expect(runtime.at(-1)).toBe('CMD ["node", "--import", "tsx", "src/main.ts", "serve"]');
  });

  it('given the build context, then dependencies, data and VCS files stay out of it', () => {
    const ignored = read('.dockerignore').split('\n').map((l) => l.trim());
    for (const entry of ['node_modules', '.git', 'data', 'test']) expect(ignored).toContain(entry);
  });
});
