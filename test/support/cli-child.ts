import { spawn, spawnSync, type ChildProcess } from 'node:child_process';

/** A `newsdesk` process started by a test, once it has printed what the test waited for. */
export interface CliChild {
  readonly process: ChildProcess;
  /** stdout and stderr together, as printed so far. */
  readonly output: () => string;
  /** The match of the readiness pattern (its groups name a URL or a port). */
  readonly ready: RegExpExecArray;
  /** Resolves with the exit code when the process ends (null after a signal). */
  readonly exit: Promise<number | null>;
}

/**
 * Starts `bin/newsdesk.js ARGS` (the built dist/, so run `npm run build` first) with only PATH and
 * the given variables in its environment, and resolves once its output matches `ready`. Rejects
 * with everything it printed when it exits first.
 */
export function startCli(
  args: readonly string[],
  env: Record<string, string>,
  ready: RegExp,
): Promise<CliChild> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/newsdesk.js', ...args], {
      env: { PATH: process.env.PATH ?? '', NEWSDESK_LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    const exit = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const onData = (d: Buffer) => {
      out += d.toString();
      const m = ready.exec(out);
      if (m) resolve({ process: child, output: () => out, ready: m, exit });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    void exit.then((code) => reject(new Error(`exited ${code} before ready: ${out}`)));
  });
}

/** Kills every child still running and waits until each has exited. */
export async function killAll(children: CliChild[]): Promise<void> {
  for (const c of children) {
    if (c.process.exitCode === null && c.process.signalCode === null) c.process.kill('SIGKILL');
  }
  await Promise.all(children.map((c) => c.exit));
  children.length = 0;
}

/** What a finished `newsdesk` run printed and its exit code. */
export interface CliRun {
  readonly code: number | null;
  readonly out: string;
  readonly err: string;
}

/**
 * A runner of one-shot `newsdesk ARGS` commands against one database (the built dist/), with
 * https://news.example as the site and an empty stdin; `env` adds or overrides variables.
 */
export function cliRunner(
  databaseUrl: string,
  env: Record<string, string> = {},
): (args: readonly string[]) => CliRun {
  return (args) => {
    const r = spawnSync(process.execPath, ['bin/newsdesk.js', ...args], {
      env: {
        PATH: process.env.PATH ?? '',
        NEWSDESK_DATABASE_URL: databaseUrl,
        NEWSDESK_SITE_URL: 'https://news.example',
        NEWSDESK_LOG_LEVEL: 'silent',
        ...env,
      },
      encoding: 'utf8',
      input: '',
    });
    return { code: r.status, out: r.stdout, err: r.stderr };
  };
}
