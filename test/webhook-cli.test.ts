/**
 * `newsdesk webhook`, run in process against a desk's store: add (the secret shown once), list
 * (never the secret), deliveries with their results, redeliver, remove, and hostile arguments.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandIo } from '../src/cli/command.js';
import { runCli } from '../src/cli/main.js';
import { loadConfig } from '../src/config/config.js';
import { testDialects } from './support/dialects.js';
import { anArticle } from './support/fixtures.js';
import { startLoopbackServer, type LoopbackServer } from './support/net-kit.js';
import { startHookDesk, type HookDesk } from './support/webhook-kit.js';

const [sqlite] = testDialects();
if (!sqlite) throw new Error('SQLite is always available');

describe('newsdesk webhook', () => {
  let desk: HookDesk;
  let server: LoopbackServer;
  beforeAll(async () => {
    desk = await startHookDesk(sqlite);
    server = await startLoopbackServer((_req, res) => {
      res.statusCode = 202;
      res.end();
    });
  });
  afterAll(async () => {
    await desk?.close();
    await server?.close();
  });

  const cli = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const io: CommandIo = { out: (l) => out.push(l), err: (l) => err.push(l), prompt: null };
    const code = await runCli(argv, io, () => loadConfig(desk.env));
    return { code, out: out.join('\n'), err: err.join('\n') };
  };

  it('adds a hook, shows its secret once, lists it without the secret, and shows its deliveries', async () => {
    const added = await cli(
      'webhook',
      'add',
      `${server.origin}/hook`,
      '--events',
      'article.published',
      '--json',
    );
    expect(added.code).toBe(0);
    const hook = JSON.parse(added.out) as { id: number; secret: string };
    expect(hook.secret).toMatch(/^whsec_/);
    const listed = await cli('webhook', 'list', '--json');
    expect(listed.code).toBe(0);
    expect(listed.out).toContain(`${server.origin}/hook`);
    expect(listed.out).not.toContain(hook.secret);

    await anArticle(desk.rt.deps, desk.author);
    await desk.settle();
    const shown = await cli('webhook', 'deliveries', String(hook.id), '--json');
    expect(shown.code).toBe(0);
    const [d] = JSON.parse(shown.out) as {
      id: number;
      state: string;
      httpStatus: number;
      attempts: number;
    }[];
    expect(d).toMatchObject({ state: 'delivered', httpStatus: 202, attempts: 1 });
    const text = await cli('webhook', 'deliveries');
    expect(text.out).toMatch(/delivered\tattempts 1\t202/);

    const again = await cli('webhook', 'redeliver', String(d?.id));
    expect(again.code).toBe(0);
    // The command ran on the real clock; the desk's pinned clock catches up with it.
    await desk.advance(1000);
    expect(server.seen).toHaveLength(2);
    const one = await cli('webhook', 'show', String(d?.id));
    expect(JSON.parse(one.out)).toMatchObject({ attempts: [{ attempt: 1, httpStatus: 202 }] });

    expect((await cli('webhook', 'remove', String(hook.id))).code).toBe(0);
    expect((await cli('webhook', 'remove', String(hook.id))).code).toBe(66);
    expect((await cli('webhook', 'list')).out).toBe('no webhooks');
  });

  it('refuses hostile and malformed arguments with a clear message and stores nothing', async () => {
    const cases: [string[], number, RegExp][] = [
      [['webhook'], 64, /unknown subcommand/],
      [['webhook', 'explode'], 64, /unknown subcommand/],
      [['webhook', 'add'], 64, /needs a URL/],
      [['webhook', 'add', 'https://example.org/x'], 64, /--events is required/],
      [['webhook', 'add', 'javascript:alert(1)', '--events', '*'], 65, /http or https/],
      [
        ['webhook', 'add', 'https://example.org/x', '--events', 'article.nope'],
        65,
        /unknown event/,
      ],
      [
        ['webhook', 'add', `https://example.org/${'a'.repeat(3000)}`, '--events', '*'],
        65,
        /at most 2000/,
      ],
      [['webhook', 'add', 'https://example.org/x', '--events', '*', '--bogus'], 64, /bogus/],
      [['webhook', 'remove'], 64, /webhook id/],
      [['webhook', 'remove', '1;drop'], 64, /webhook id/],
      [['webhook', 'remove', '-5'], 64, /./],
      [['webhook', 'remove', '999'], 66, /no webhook/],
      [['webhook', 'deliveries', 'abc'], 64, /webhook id/],
      [['webhook', 'deliveries', '--limit', '0'], 64, /--limit/],
      [['webhook', 'deliveries', '--limit', '1e9'], 64, /--limit/],
      [['webhook', 'redeliver'], 64, /needs a delivery/],
      [['webhook', 'redeliver', "' or 1=1 --"], 65, /number or its UUID/],
      [['webhook', 'redeliver', '424242'], 66, /no delivery/],
      [['webhook', 'show', '\u001b[31mred'], 65, /number or its UUID/],
    ];
    for (const [argv, code, message] of cases) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ').slice(0, 60)).toBe(code);
      expect(r.err, argv.join(' ').slice(0, 60)).toMatch(message);
    }
    expect(await desk.rt.deps.repos.webhooks.list()).toEqual([]);
  });
});
