import { spawn, spawnSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../src/app/ports.js';
import { loadConfig } from '../src/config/config.js';
import { openRuntime } from '../src/main/runtime.js';
import { testDialects, type TestStore } from './support/dialects.js';

const stores: TestStore[] = [];
afterAll(async () => {
  for (const s of stores) await s.dispose();
});

function newsdesk(args: string[], env: Record<string, string>) {
  const r = spawnSync(process.execPath, ['bin/newsdesk.js', ...args], {
    env: { PATH: process.env.PATH ?? '', NEWSDESK_LOG_LEVEL: 'silent', ...env },
    encoding: 'utf8',
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

/** Runs `newsdesk worker` until `done()` holds, then stops it gracefully. */
async function runWorkerUntil(env: Record<string, string>, done: () => boolean) {
  const child = spawn(process.execPath, ['bin/newsdesk.js', 'worker'], {
    env: { PATH: process.env.PATH ?? '', NEWSDESK_LOG_LEVEL: 'silent', ...env },
    stdio: 'ignore',
  });
  for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 200));
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
}

describe('newsdesk jobs', () => {
  it('lists a failed job as dead and requeues it with retry', async () => {
    const [sqlite] = testDialects();
    if (!sqlite) throw new Error('no SQLite dialect');
    const store = await sqlite.open();
    stores.push(store);
    const rt = await openRuntime(loadConfig(store.env), silentLogger);
    try {
      // A payload the task rejects, with one attempt: the job goes straight to dead.
      await rt.jobs.queue.enqueue({
        task: 'publish-article',
        payload: { articleId: 'not-a-number' },
        maxAttempts: 1,
      });
    } finally {
      await rt.close();
    }
    const listed = () =>
      JSON.parse(newsdesk(['jobs', 'list', '--json'], store.env).out) as Array<{
        id: string;
        status: string;
        lastError: string | null;
      }>;
    expect(listed()[0]?.status).toBe('queued');
    await runWorkerUntil(store.env, () => listed()[0]?.status === 'dead');
    const dead = listed()[0];
    expect(dead?.status).toBe('dead');
    expect(dead?.lastError).toContain('articleId');
    expect(newsdesk(['jobs', 'list', '--status', 'dead'], store.env).out).toContain(
      'publish-article',
    );
    const retried = newsdesk(['jobs', 'retry', dead?.id ?? ''], store.env);
    expect(retried.code, retried.err).toBe(0);
    expect(retried.out).toContain('requeued');
    expect(listed()[0]?.status).toBe('queued');
    const again = newsdesk(['jobs', 'retry', '999999'], store.env);
    expect(again.code).toBe(65);
    expect(newsdesk(['jobs', 'list', '--status', 'stuck'], store.env).code).toBe(64);
  });
});
