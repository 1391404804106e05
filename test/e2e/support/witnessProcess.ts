import { type ChildProcess, spawn } from 'node:child_process';

export interface WitnessProcess {
  child: ChildProcess;
  url: string;
  vkey: string;
  /** Resolves with the signal or code the process ended with. */
  exited: Promise<NodeJS.Signals | number | null>;
  stop(): Promise<void>;
}

/** `transition-ledger witness serve` as a real child process; resolves once it listens. */
export function startWitness(args: { dataDir: string; name: string; logs: string[]; port?: number; fault?: 'before-persist' | 'after-persist' }): Promise<WitnessProcess> {
  const child = spawn(process.execPath, [
    '--import', 'tsx', 'src/main.ts', 'witness', 'serve', '--name', args.name, '--data-dir', args.dataDir, '--port', String(args.port ?? 0),
    ...args.logs.flatMap((l) => ['--log', l]),
  ], { env: { ...process.env, LOG_LEVEL: 'silent', ...(args.fault && { LEDGER_WITNESS_FAULT: args.fault }) }, stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    child.stderr!.on('data', (d: Buffer) => (err += d.toString()));
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const vkey = /witness vkey: (\S+)/.exec(out)?.[1];
      const url = /witness listening on (\S+)/.exec(out)?.[1];
      if (vkey && url) {
        resolve({
          child, url: `${url}/`, vkey, exited,
          async stop() {
            if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
            await exited;
          },
        });
      }
    });
    void exited.then((how) => reject(new Error(`witness exited (${String(how)}) before listening: ${err}`)));
  });
}
