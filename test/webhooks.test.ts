/**
 * Webhooks end to end on a pinned clock: a real loopback receiver gets signed deliveries of
 * article and discussion events through the job queue and the guarded fetcher; replays are
 * detectable; failures are retried with backoff, recorded per attempt, and a hook that keeps
 * failing is disabled with the owner told. Private addresses are refused before any connection
 * (an injected resolver and a recording connector: no socket to anything but loopback).
 */
import type { ServerResponse } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { moderateItem } from '../src/app/moderation/moderate-item.js';
import {
  addWebhook,
  listDeliveries,
  redeliver,
  removeWebhook,
  showDelivery,
} from '../src/app/webhooks/manage.js';
import type { Webhook } from '../src/app/webhooks/ports.js';
import { verifyWebhookSignature } from '../src/app/webhooks/signature.js';
import { aHeldComment } from './support/admin-client.js';
import { describeEachDialect, testDialects } from './support/dialects.js';
import { anArticle } from './support/fixtures.js';
import {
  recordingConnector,
  scriptedResolver,
  startLoopbackServer,
  type LoopbackServer,
  type SeenRequest,
} from './support/net-kit.js';
import { startHookDesk, type HookDesk } from './support/webhook-kit.js';

const [sqlite] = testDialects();
if (!sqlite) throw new Error('SQLite is always available');

type Answer = (res: ServerResponse) => void;
const status =
  (code: number): Answer =>
  (res) => {
    res.statusCode = code;
    res.end('ok');
  };

/** A receiver answering from a list, one per request, the last one repeating. */
async function receiver(...answers: Answer[]): Promise<LoopbackServer> {
  let n = 0;
  return startLoopbackServer((_req, res) => {
    const answer = answers[Math.min(n++, answers.length - 1)] as Answer;
    answer(res);
  });
}

const header = (r: SeenRequest, name: string): string => String(r.headers[name] ?? '');

async function hook(desk: HookDesk, url: string, events = ['*']): Promise<Webhook> {
  const made = await addWebhook(desk.rt.deps, { url, events }, 'test');
  if (!made.ok) throw new Error(made.error.message);
  return made.value;
}

describe('webhooks: signed deliveries to a loopback receiver', () => {
  let desk: HookDesk;
  let server: LoopbackServer | null = null;
  afterEach(async () => {
    await desk?.close();
    await server?.close();
    server = null;
  });

  it('a published article reaches the receiver signed, with a delivery id, and is recorded as delivered', async () => {
    desk = await startHookDesk(sqlite);
    server = await receiver(status(204));
    const h = await hook(desk, `${server.origin}/in`, ['article.published']);
    const { article } = await anArticle(desk.rt.deps, desk.author, { title: 'Hooked' });
    await desk.settle();
    expect(server.seen).toHaveLength(1);
    const req = server.seen[0] as SeenRequest;
    expect(req.method).toBe('POST');
    expect(header(req, 'content-type')).toBe('application/json');
    expect(header(req, 'newsdesk-event')).toBe('article.published');
    const check = verifyWebhookSignature({
      secret: h.secret,
      header: header(req, 'newsdesk-signature'),
      body: req.body,
      now: desk.time.clock(),
    });
    expect(check.ok).toBe(true);
    const body = JSON.parse(req.body) as {
      id: string;
      event: string;
      data: { article: { id: number; title: string } };
    };
    expect(body.id).toBe(header(req, 'newsdesk-delivery'));
    expect(body.event).toBe('article.published');
    expect(body.data.article).toMatchObject({ id: article.id, title: 'Hooked' });
    const listed = await listDeliveries(desk.rt.deps, { hookId: h.id });
    expect(listed.ok && listed.value[0]).toMatchObject({
      deliveryId: body.id,
      state: 'delivered',
      attempts: 1,
      httpStatus: 204,
      lastError: null,
    });
    // A wrong secret does not verify: the signature really depends on the hook's own secret.
    expect(
      verifyWebhookSignature({
        secret: 'whsec_other',
        header: header(req, 'newsdesk-signature'),
        body: req.body,
        now: desk.time.clock(),
      }),
    ).toMatchObject({ ok: false, reason: 'mismatch' });
  });

  it('a replayed delivery is detectable: the same delivery id, and refused as stale after the window', async () => {
    desk = await startHookDesk(sqlite);
    server = await receiver(status(200));
    const h = await hook(desk, `${server.origin}/in`);
    await anArticle(desk.rt.deps, desk.author);
    await desk.settle();
    const original = server.seen[0] as SeenRequest;
    // The receiver's side: remember handled ids, verify within the window.
    const handled = new Set<string>();
    const accept = (r: SeenRequest, now: Date): string => {
      const v = verifyWebhookSignature({
        secret: h.secret,
        header: header(r, 'newsdesk-signature'),
        body: r.body,
        now,
      });
      if (!v.ok) return v.reason;
      const id = header(r, 'newsdesk-delivery');
      if (handled.has(id)) return 'replay';
      handled.add(id);
      return 'accepted';
    };
    expect(accept(original, desk.time.clock())).toBe('accepted');
    expect(accept(original, desk.time.clock())).toBe('replay');
    expect(accept(original, new Date(desk.time.clock().getTime() + 301_000))).toBe('stale');
    // A redelivery is a new delivery (new id, new timestamp) that names the one it repeats.
    const [first] = await desk.rt.deps.repos.webhooks.listDeliveries({ hookId: h.id, limit: 1 });
    const again = await redeliver(desk.rt.deps, String(first?.id), 'test');
    expect(again.ok).toBe(true);
    await desk.settle();
    const second = server.seen[1] as SeenRequest;
    expect(header(second, 'newsdesk-delivery')).not.toBe(header(original, 'newsdesk-delivery'));
    expect(JSON.parse(second.body)).toMatchObject({
      data: { redeliveryOf: header(original, 'newsdesk-delivery') },
    });
    expect(accept(second, desk.time.clock())).toBe('accepted');
  });

  it('a 500 is retried after 1 then 2 seconds, never before it is due, each attempt recorded', async () => {
    desk = await startHookDesk(sqlite);
    server = await receiver(status(500), status(503), status(200));
    const h = await hook(desk, `${server.origin}/in`);
    await anArticle(desk.rt.deps, desk.author);
    await desk.settle();
    expect(server.seen).toHaveLength(1);
    let [d] = (await desk.rt.deps.repos.webhooks.listDeliveries({ hookId: h.id, limit: 5 })) ?? [];
    expect(d).toMatchObject({
      state: 'queued',
      attempts: 1,
      httpStatus: 500,
      lastError: 'http_500',
    });
    expect((d?.nextAttemptAt?.getTime() ?? 0) - desk.time.clock().getTime()).toBe(1000);
    await desk.advance(900);
    expect(server.seen).toHaveLength(1);
    await desk.advance(100);
    expect(server.seen).toHaveLength(2);
    await desk.advance(1900);
    expect(server.seen).toHaveLength(2);
    await desk.advance(100);
    expect(server.seen).toHaveLength(3);
    [d] = await desk.rt.deps.repos.webhooks.listDeliveries({ hookId: h.id, limit: 5 });
    expect(d).toMatchObject({ state: 'delivered', attempts: 3, httpStatus: 200 });
    const shown = await showDelivery(desk.rt.deps, String(d?.id));
    expect(shown.ok && shown.value.attempts.map((a) => [a.attempt, a.httpStatus, a.error])).toEqual(
      [
        [1, 500, 'http_500'],
        [2, 503, 'http_503'],
        [3, 200, null],
      ],
    );
    // Every attempt carried the same delivery id, and a fresh signature.
    expect(new Set(server.seen.map((r) => header(r, 'newsdesk-delivery'))).size).toBe(1);
    expect(new Set(server.seen.map((r) => header(r, 'newsdesk-signature'))).size).toBe(3);
    // A success ends the run of failures.
    expect((await desk.rt.deps.repos.webhooks.findById(h.id))?.consecutiveFailures).toBe(0);
  });

  it('a receiver that never answers times out, is retried, and the delivery fails after the last attempt', async () => {
    desk = await startHookDesk(sqlite);
    server = await startLoopbackServer(() => {
      // Never answers: the fetcher's timeout ends each attempt.
    });
    const h = await hook(desk, `${server.origin}/in`);
    await anArticle(desk.rt.deps, desk.author);
    await desk.settle();
    await desk.advance(1000);
    await desk.advance(2000);
    const [d] = await desk.rt.deps.repos.webhooks.listDeliveries({ hookId: h.id, limit: 5 });
    expect(d).toMatchObject({
      state: 'failed',
      attempts: 3,
      lastError: 'timeout',
      nextAttemptAt: null,
    });
    expect(server.seen.length).toBeLessThanOrEqual(3);
  });

  it('a hook that keeps failing is disabled and the owner is told by mail, once', async () => {
    desk = await startHookDesk(sqlite, {
      schedule: { maxAttempts: 3, disableAfterFailures: 4, disableAfterMs: 2500 },
    });
    server = await receiver(status(500));
    const h = await hook(desk, `${server.origin}/in`);
    await anArticle(desk.rt.deps, desk.author, { title: 'One' });
    await desk.settle();
    await desk.advance(1000);
    await desk.advance(2000);
    // Three failures over three seconds: not yet four in a row.
    expect((await desk.rt.deps.repos.webhooks.findById(h.id))?.enabled).toBe(true);
    await anArticle(desk.rt.deps, desk.author, { title: 'Two' });
    await desk.settle();
    const after = await desk.rt.deps.repos.webhooks.findById(h.id);
    expect(after).toMatchObject({ enabled: false, consecutiveFailures: 4 });
    expect(after?.disabledReason).toMatch(/4 failed attempts/);
    const mail = await desk.rt.deps.repos.outbox.list();
    const told = mail.filter(
      (m) => m.subject.includes('Webhook') && m.subject.includes('disabled'),
    );
    expect(told.map((m) => m.recipient)).toEqual([desk.owner.email]);
    // A disabled hook gets nothing more: the queued retry fails without a request.
    const seen = server.seen.length;
    await desk.advance(60_000);
    await anArticle(desk.rt.deps, desk.author, { title: 'Three' });
    await desk.settle();
    expect(server.seen.length).toBe(seen);
    expect(
      (await desk.rt.deps.repos.outbox.list()).filter((m) => m.subject.includes('Webhook')),
    ).toHaveLength(1);
  });

  it('discussion events: a held comment approved by a moderator is delivered as discussion.approved', async () => {
    desk = await startHookDesk(sqlite);
    server = await receiver(status(200));
    await hook(desk, `${server.origin}/in`, ['discussion.approved']);
    const { article } = await anArticle(desk.rt.deps, desk.author);
    const held = await aHeldComment(desk.rt.deps, article.id, 'Nice piece');
    const moderated = await moderateItem(desk.rt.deps, {
      itemId: held.id,
      to: 'approved',
      actor: 'test',
    });
    expect(moderated.ok).toBe(true);
    await desk.settle();
    expect(server.seen).toHaveLength(1);
    const body = JSON.parse((server.seen[0] as SeenRequest).body) as Record<string, unknown>;
    expect(body).toMatchObject({
      event: 'discussion.approved',
      data: {
        item: { id: held.id, kind: 'comment', status: 'approved' },
        article: { id: article.id },
      },
    });
    // No e-mail address or IP leaves the site in a hook's payload.
    expect(JSON.stringify(body)).not.toContain('reader@example.org');
    expect(JSON.stringify(body)).not.toContain('127.0.0.1');
  });

  it('a removed hook gets no further events', async () => {
    desk = await startHookDesk(sqlite);
    server = await receiver(status(200));
    const h = await hook(desk, `${server.origin}/in`);
    expect((await removeWebhook(desk.rt.deps, h.id, 'test')).ok).toBe(true);
    await anArticle(desk.rt.deps, desk.author);
    await desk.settle();
    expect(server.seen).toHaveLength(0);
    expect((await removeWebhook(desk.rt.deps, h.id, 'test')).ok).toBe(false);
  });
});

describe('webhooks: the guarded fetcher refuses private addresses', () => {
  let desk: HookDesk;
  afterEach(() => desk?.close());

  it('a hook whose name resolves to a private address is never contacted; the delivery records unreachable', async () => {
    const resolver = scriptedResolver({
      'hooks.example': [['10.0.0.5']],
      'metadata.example': [['169.254.169.254']],
    });
    const connector = recordingConnector();
    desk = await startHookDesk(sqlite, {
      schedule: { maxAttempts: 1 },
      // Production policy: no loopback, default ports; the injected resolver and connector record.
      fetcher: {
        allowLoopback: false,
        allowedPorts: [80, 443],
        resolve: resolver.resolve,
        connect: connector.connect,
      },
    });
    await hook(desk, 'http://hooks.example/in');
    await hook(desk, 'http://metadata.example/latest');
    await hook(desk, 'http://127.0.0.1/in');
    await anArticle(desk.rt.deps, desk.author);
    await desk.settle();
    const deliveries = await desk.rt.deps.repos.webhooks.listDeliveries({ limit: 10 });
    expect(deliveries).toHaveLength(3);
    for (const d of deliveries)
      expect(d).toMatchObject({ state: 'failed', lastError: 'unreachable' });
    expect(connector.attempts).toEqual([]);
    expect(resolver.calls.sort()).toEqual(['hooks.example', 'metadata.example']);
  });
});

describe('webhooks: hostile input to the management use cases', () => {
  let desk: HookDesk;
  afterEach(() => desk?.close());

  it('refuses malformed, oversized and hostile URLs, events and delivery names, and stores nothing', async () => {
    desk = await startHookDesk(sqlite, { worker: false });
    const d = desk.rt.deps;
    for (const url of [
      '',
      'not a url',
      'ftp://example.org/x',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'http://user:pass@example.org/',
      `https://example.org/${'a'.repeat(2100)}`,
      'https://example.org/\nX-Injected: 1',
      'https://exa mple.org/',
    ]) {
      const r = await addWebhook(d, { url, events: ['*'] }, 'test');
      expect(r.ok ? 'accepted' : r.error.code, url.slice(0, 40)).toBe('invalid_input');
    }
    for (const events of [
      [],
      [''],
      ['article.exploded'],
      ['*<script>'],
      ['article.published', 'x'.repeat(5000)],
    ]) {
      const r = await addWebhook(d, { url: 'https://example.org/in', events }, 'test');
      expect(r.ok ? 'accepted' : r.error.code).toBe('invalid_input');
    }
    const long = await addWebhook(
      d,
      { url: 'https://example.org/in', events: ['*'], description: 'x'.repeat(201) },
      'test',
    );
    expect(long.ok).toBe(false);
    expect(await d.repos.webhooks.list()).toEqual([]);
    for (const ref of ['', 'abc', '-1', '1; drop table webhooks', '9'.repeat(40)]) {
      const r = await redeliver(d, ref, 'test');
      expect(r.ok ? 'accepted' : r.error.code, ref).toMatch(/invalid_input|not_found/);
    }
    expect((await redeliver(d, '12345', 'test')).ok).toBe(false);
    expect((await listDeliveries(d, { limit: 0 })).ok).toBe(false);
    expect((await listDeliveries(d, { hookId: 99 })).ok).toBe(false);
    const ok = await addWebhook(
      d,
      { url: ' https://example.org/in#frag ', events: ['article.updated, discussion.held'] },
      'test',
    );
    expect(ok.ok && ok.value).toMatchObject({
      url: 'https://example.org/in',
      events: ['article.updated', 'discussion.held'],
    });
    expect(ok.ok && ok.value.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
  });
});

describeEachDialect('webhooks: the store and the queue of each dialect', (dialect) => {
  let desk: HookDesk;
  let server: LoopbackServer;
  afterEach(async () => {
    await desk?.close();
    await server?.close();
  });

  it('a held comment and its approval are delivered, signed, and recorded as delivered', async () => {
    desk = await startHookDesk(dialect);
    server = await receiver(status(200));
    const h = await hook(desk, `${server.origin}/in`, ['discussion.approved', 'article.published']);
    const { article } = await anArticle(desk.rt.deps, desk.author);
    const held = await aHeldComment(desk.rt.deps, article.id);
    expect(
      (await moderateItem(desk.rt.deps, { itemId: held.id, to: 'approved', actor: 't' })).ok,
    ).toBe(true);
    for (let i = 0; i < 200 && server.seen.length < 2; i++)
      await new Promise((r) => setTimeout(r, 25));
    await desk.settle();
    expect(server.seen.map((r) => header(r, 'newsdesk-event')).sort()).toEqual([
      'article.published',
      'discussion.approved',
    ]);
    for (const r of server.seen) {
      const v = verifyWebhookSignature({
        secret: h.secret,
        header: header(r, 'newsdesk-signature'),
        body: r.body,
        now: desk.time.clock(),
      });
      expect(v.ok).toBe(true);
    }
    for (let i = 0; i < 100; i++) {
      const rows = await desk.rt.deps.repos.webhooks.listDeliveries({ hookId: h.id, limit: 5 });
      if (rows.every((d) => d.state === 'delivered')) break;
      await new Promise((r) => setTimeout(r, 25));
    }
    const rows = await desk.rt.deps.repos.webhooks.listDeliveries({ hookId: h.id, limit: 5 });
    expect(rows.map((d) => [d.state, d.httpStatus, d.attempts])).toEqual([
      ['delivered', 200, 1],
      ['delivered', 200, 1],
    ]);
  });
});

describe('webhooks: our own outbound budget', () => {
  let desk: HookDesk;
  let server: LoopbackServer;
  afterEach(async () => {
    await desk?.close();
    await server?.close();
  });

  it('a delivery our budget refuses waits without counting an attempt against the hook', async () => {
    desk = await startHookDesk(sqlite, { fetcher: { globalPerMinute: 1, perHostPerMinute: 1 } });
    server = await receiver(status(200));
    const h = await hook(desk, `${server.origin}/in`);
    await anArticle(desk.rt.deps, desk.author, { title: 'One' });
    await anArticle(desk.rt.deps, desk.author, { title: 'Two' });
    await desk.settle();
    expect(server.seen).toHaveLength(1);
    const waiting = (
      await desk.rt.deps.repos.webhooks.listDeliveries({ hookId: h.id, limit: 5 })
    ).find((d) => d.state === 'queued');
    expect(waiting).toMatchObject({ attempts: 0 });
    expect((await desk.rt.deps.repos.webhooks.findById(h.id))?.consecutiveFailures).toBe(0);
    await desk.advance(61_000);
    expect(server.seen).toHaveLength(2);
    const rows = await desk.rt.deps.repos.webhooks.listDeliveries({ hookId: h.id, limit: 5 });
    expect(rows.map((d) => [d.state, d.attempts])).toEqual([
      ['delivered', 1],
      ['delivered', 1],
    ]);
  });
});
