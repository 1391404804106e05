/**
 * Finds an EventStoreDB for suites that need one (the store contract, later the HTTP e2e suite):
 * the server named by EVENTSTORE_CONNECTION_STRING if set, else a throw-away container if a
 * container runtime answers, else none, with the reason. Discovery starts nothing, so a suite can
 * decide at collection time between `describe` and `describe.skip`.
 */

/** The image the suites and docker-compose.yml run. */
export const EVENTSTORE_IMAGE = 'eventstore/eventstore:24.10';

/** Set to 1 (as `npm run test:eventstoredb` does) to fail instead of skipping when no server is found. */
export const REQUIRE_ENV = 'LEDGER_REQUIRE_EVENTSTOREDB';

export type EventStoreDbSource =
  | { kind: 'external'; connectionString: string }
  | { kind: 'container' }
  | { kind: 'none'; reason: string };

export interface RunningEventStoreDb {
  connectionString: string;
  /** Stops the container; a no-op for an external server. */
  stop(): Promise<void>;
}

export async function discoverEventStoreDb(env: NodeJS.ProcessEnv = process.env): Promise<EventStoreDbSource> {
  const connectionString = env.EVENTSTORE_CONNECTION_STRING;
  if (connectionString) return { kind: 'external', connectionString };
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return { kind: 'container' };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { kind: 'none', reason: `no EVENTSTORE_CONNECTION_STRING and no container runtime (${reason})` };
  }
}

/** True when the suite must fail rather than skip without a server. */
export function eventStoreDbRequired(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[REQUIRE_ENV] === '1';
}

/**
 * Starts what `source` names: a single insecure in-memory node for a container (projections off,
 * as in production), ready once `/health/live` answers.
 */
export async function startEventStoreDb(source: Exclude<EventStoreDbSource, { kind: 'none' }>): Promise<RunningEventStoreDb> {
  if (source.kind === 'external') return { connectionString: source.connectionString, stop: async () => undefined };
  const { GenericContainer, Wait } = await import('testcontainers');
  const container = await new GenericContainer(EVENTSTORE_IMAGE)
    .withEnvironment({ EVENTSTORE_INSECURE: 'true', EVENTSTORE_RUN_PROJECTIONS: 'None', EVENTSTORE_MEM_DB: 'true' })
    .withExposedPorts(2113)
    .withWaitStrategy(Wait.forHttp('/health/live', 2113).forStatusCodeMatching((status) => status >= 200 && status < 300))
    .withStartupTimeout(180_000)
    .start();
  return {
    connectionString: `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`,
    stop: async () => {
      await container.stop();
    },
  };
}
