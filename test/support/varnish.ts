/**
 * A real varnishd on 127.0.0.1 in front of a test server, running the repository's own VCL
 * (deploy/varnish/newsdesk.vcl) with the backend port swapped in. `varnishAvailable()` says why
 * not when varnishd or vmod xkey is missing, so the suite can skip with that message.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const VARNISHD = ['/usr/sbin/varnishd', '/usr/bin/varnishd'].find((p) => existsSync(p));
export const VCL_PATH = new URL('../../deploy/varnish/newsdesk.vcl', import.meta.url).pathname;

let availability: string | null | undefined;

/** As root, varnishd would switch to the varnish user, who cannot use our temporary files. */
const jail = (): string[] => (process.getuid?.() === 0 ? ['-j', 'none'] : []);

/** Null when varnishd runs and compiles our VCL; otherwise the reason the tests skip. */
export function varnishUnavailable(): string | null {
  if (availability !== undefined) return availability;
  if (!VARNISHD) return (availability = 'varnishd is not installed (Debian: varnish)');
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-vcc-'));
  try {
    const r = spawnSync(VARNISHD, ['-C', '-f', VCL_PATH, '-n', dir, ...jail()], {
      encoding: 'utf8',
    });
    availability =
      r.status === 0
        ? null
        : `varnishd cannot compile deploy/varnish/newsdesk.vcl (vmod xkey is in Debian's varnish-modules): ${(r.stderr || '').slice(0, 300)}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return availability;
}

/** A port free right now on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface RunningVarnish {
  readonly url: string;
  readonly port: number;
  get(path: string, init?: RequestInit): Promise<Response>;
  stop(): Promise<void>;
}

/** Starts varnishd on `port` with the repository's VCL pointed at `backendPort`. */
export async function startVarnish(port: number, backendPort: number): Promise<RunningVarnish> {
  if (!VARNISHD) throw new Error('varnishd is not installed');
  const dir = mkdtempSync(join(tmpdir(), 'newsdesk-varnish-'));
  const vcl = readFileSync(VCL_PATH, 'utf8').replace(
    /\.port = "3000";/,
    `.port = "${backendPort}";`,
  );
  if (!vcl.includes(`"${backendPort}"`)) throw new Error('the VCL has no backend port to replace');
  const file = join(dir, 'newsdesk.vcl');
  writeFileSync(file, vcl);
  const args = [
    '-F',
    '-a',
    `127.0.0.1:${port}`,
    '-f',
    file,
    '-n',
    join(dir, 'n'),
    '-s',
    'malloc,32m',
  ];
  args.push('-T', 'none', ...jail());
  const child: ChildProcess = spawn(VARNISHD, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`varnishd exited: ${output}`);
    try {
      const res = await fetch(`${url}/healthz`);
      await res.arrayBuffer();
      if (res.status === 200) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`varnishd did not answer: ${output}`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    get: (path, init) => fetch(`${url}${path}`, { redirect: 'manual', ...init }),
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
