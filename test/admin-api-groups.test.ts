/**
 * The admin API's other route groups over a real server: categories and tags, users, the
 * discussion queue, settings, jobs, the outbound linkback ledger and webhooks. Each route against
 * each role, by token with its scope and by session, and the behaviour each group promises.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle } from '../src/app/articles/create-article.js';
import type { AppDeps } from '../src/app/deps.js';
import { addWebhook } from '../src/app/webhooks/manage.js';
import type { UserRole } from '../src/domain/article.js';
import type { ModerationStatus } from '../src/domain/discussion-item.js';
import { trustStoredHtml } from '../src/domain/trusted-html.js';
import { allow, routeMatrix, startApiWorld, type ApiWorld } from './support/admin-api-kit.js';
import { describeEachDialect } from './support/dialects.js';

async function anItem(deps: AppDeps, articleId: number, status: ModerationStatus = 'pending') {
  return deps.repos.discussion.insert(
    {
      articleId,
      kind: 'comment',
      protocol: null,
      type: 'comment',
      status,
      parentId: null,
      authorName: 'Reader <b>',
      authorUrl: null,
      authorEmail: 'reader@example.org',
      authorIp: '127.0.0.9',
      authorUserAgent: null,
      sourceUrl: null,
      sourceKey: null,
      targetUrl: null,
      title: null,
      contentHtml: trustStoredHtml('<p>A fair point.</p>'),
      contentSource: 'A fair point.',
      verification: 'not-required',
    },
    deps.clock(),
  );
}

type Page<T> = { items: T[]; nextCursor?: string | null };

describeEachDialect('admin API route groups', (dialect) => {
  let w: ApiWorld;
  let deps: AppDeps;
  let seq = 0;
  beforeAll(async () => {
    w = await startApiWorld(dialect);
    deps = w.site.rt.deps;
  });
  afterAll(() => w.close());

  async function articleBy(role: UserRole, publish = false) {
    const r = await createArticle(deps, {
      title: `Story ${++seq}`,
      bodyMarkdown: 'See [the report](https://example.org/report).',
      authorId: w.users[role].id,
      publish: publish ? { kind: 'now' } : { kind: 'draft' },
    });
    if (!r.ok) throw new Error(r.error.message);
    return r.value.article;
  }
  const aTag = async () => {
    const res = await w.call({
      method: 'POST',
      path: '/terms',
      as: await w.token('owner', ['write']),
      body: { kind: 'tag', name: `Tag ${++seq}` },
    });
    return (res.json as { id: number }).id;
  };
  const aHook = async () => {
    const r = await addWebhook(
      deps,
      { url: 'https://hooks.example.org/in', events: ['*'] },
      'test',
    );
    if (!r.ok) throw new Error(r.error.message);
    return r.value.id;
  };

  const aDelivery = async () => {
    const hookId = await aHook();
    const d = await deps.repos.webhooks.insertDelivery(
      {
        deliveryId: randomUUID(),
        hookId,
        event: 'article.published',
        payload: '{"event":"article.published"}',
        redeliveryOf: null,
      },
      deps.clock(),
    );
    return d.id;
  };

  describe('every role × credential × scope', () => {
    const editorial = allow(['owner', 'editor'], 200);
    const owners = allow(['owner'], 200);
    routeMatrix(
      () => w,
      [
        {
          route: 'GET /terms',
          scope: 'read',
          expect: editorial,
          prepare: async () => ({ path: '/terms?kind=category' }),
        },
        {
          route: 'POST /terms',
          scope: 'write',
          expect: allow(['owner', 'editor'], 201),
          prepare: async () => ({ path: '/terms', body: { kind: 'tag', name: `T${++seq}` } }),
        },
        {
          route: 'PATCH /terms/{id}',
          scope: 'write',
          expect: editorial,
          prepare: async () => ({ path: `/terms/${await aTag()}`, body: { description: 'x' } }),
        },
        {
          route: 'DELETE /terms/{id}',
          scope: 'write',
          expect: editorial,
          prepare: async () => ({ path: `/terms/${await aTag()}` }),
        },
        {
          route: 'GET /users',
          scope: 'read',
          expect: owners,
          prepare: async () => ({ path: '/users' }),
        },
        {
          route: 'POST /users',
          scope: 'write',
          expect: allow(['owner'], 201),
          prepare: async () => ({
            path: '/users',
            body: { email: `new${++seq}@example.org`, name: `New ${seq}`, role: 'author' },
          }),
        },
        {
          route: 'PATCH /users/{id}',
          scope: 'write',
          expect: owners,
          prepare: async () => ({
            path: `/users/${w.users.contributor.id}`,
            body: { role: 'contributor' },
          }),
        },
        {
          route: 'GET /discussion',
          scope: 'moderate',
          expect: allow(['owner', 'editor', 'moderator'], 200),
          prepare: async () => ({ path: '/discussion?status=pending' }),
        },
        {
          route: 'GET /discussion/{id}',
          scope: 'moderate',
          expect: allow(['owner', 'editor', 'moderator'], 200),
          prepare: async () => {
            const item = await anItem(deps, (await articleBy('editor', true)).id);
            return { path: `/discussion/${item.id}` };
          },
        },
        {
          route: 'POST /discussion/{id}/moderation',
          scope: 'moderate',
          expect: allow(['owner', 'editor', 'moderator'], 200),
          prepare: async () => {
            const item = await anItem(deps, (await articleBy('editor', true)).id);
            return { path: `/discussion/${item.id}/moderation`, body: { status: 'approved' } };
          },
        },
        {
          route: 'POST /discussion/moderation',
          scope: 'moderate',
          expect: allow(['owner', 'editor', 'moderator'], 200),
          prepare: async () => {
            const item = await anItem(deps, (await articleBy('editor', true)).id);
            return { path: '/discussion/moderation', body: { ids: [item.id], status: 'spam' } };
          },
        },
        {
          route: 'GET /settings',
          scope: 'read',
          expect: editorial,
          prepare: async () => ({ path: '/settings' }),
        },
        {
          route: 'PATCH /settings',
          scope: 'write',
          expect: editorial,
          prepare: async () => ({ path: '/settings', body: { 'comments.maxDepth': 4 } }),
        },
        {
          route: 'GET /jobs',
          scope: 'read',
          expect: owners,
          prepare: async () => ({ path: '/jobs' }),
        },
        {
          route: 'POST /jobs/{id}/retry',
          scope: 'write',
          expect: allow(['owner'], 200),
          prepare: async () => {
            await articleBy('editor', true);
            const [job] = await w.site.rt.jobs.queue.list({ status: 'queued', limit: 1 });
            return { path: `/jobs/${job?.id ?? '1'}/retry` };
          },
        },
        {
          route: 'GET /articles/{id}/linkbacks',
          scope: 'read',
          expect: allow(['owner', 'editor', 'author'], 200),
          prepare: async (_w, role) => ({
            path: `/articles/${(await articleBy(role === 'author' ? 'author' : 'editor')).id}/linkbacks`,
          }),
        },
        {
          route: 'POST /articles/{id}/linkbacks/resend',
          scope: 'write',
          expect: allow(['owner', 'editor', 'author'], 200),
          prepare: async (_w, role) => ({
            path: `/articles/${(await articleBy(role === 'author' ? 'author' : 'editor', true)).id}/linkbacks/resend`,
            body: {},
          }),
        },
        {
          route: 'GET /webhooks',
          scope: 'read',
          expect: owners,
          prepare: async () => ({ path: '/webhooks' }),
        },
        {
          route: 'POST /webhooks',
          scope: 'write',
          expect: allow(['owner'], 201),
          prepare: async () => ({
            path: '/webhooks',
            body: { url: 'https://hooks.example.org/new', events: ['article.published'] },
          }),
        },
        {
          route: 'DELETE /webhooks/{id}',
          scope: 'write',
          expect: owners,
          prepare: async () => ({ path: `/webhooks/${await aHook()}` }),
        },
        {
          route: 'POST /webhooks/{id}/enable',
          scope: 'write',
          expect: owners,
          prepare: async () => ({ path: `/webhooks/${await aHook()}/enable` }),
        },
        {
          route: 'GET /webhooks/deliveries/{id}',
          scope: 'read',
          expect: owners,
          prepare: async () => ({ path: `/webhooks/deliveries/${await aDelivery()}` }),
        },
        {
          route: 'POST /webhooks/deliveries/{id}/redeliver',
          scope: 'write',
          expect: allow(['owner'], 201),
          prepare: async () => ({ path: `/webhooks/deliveries/${await aDelivery()}/redeliver` }),
        },
        {
          route: 'GET /webhooks/deliveries',
          scope: 'read',
          expect: owners,
          prepare: async () => ({ path: '/webhooks/deliveries' }),
        },
      ],
    );
  });

  it('pages the discussion queue by id with a cursor, filtered by status, kind and article', async () => {
    const article = await articleBy('editor', true);
    const items = [];
    for (let i = 0; i < 5; i++) items.push(await anItem(deps, article.id));
    await anItem(deps, article.id, 'approved');
    const as = await w.token('moderator', ['moderate']);
    const first = await w.call({
      path: `/discussion?article=${article.id}&status=pending&kind=comment&limit=3`,
      as,
    });
    expect(first.status).toBe(200);
    const p1 = first.json as Page<{ id: number; status: string; authorEmail: string }>;
    expect(p1.items.map((i) => i.id)).toEqual(
      items
        .slice(2)
        .reverse()
        .map((i) => i.id),
    );
    expect(p1.items[0]?.authorEmail).toBe('reader@example.org');
    const second = await w.call({
      path: `/discussion?article=${article.id}&status=pending&limit=3&cursor=${p1.nextCursor}`,
      as,
    });
    const p2 = second.json as Page<{ id: number }>;
    expect(p2.items.map((i) => i.id)).toEqual(
      items
        .slice(0, 2)
        .reverse()
        .map((i) => i.id),
    );
    expect(p2.nextCursor).toBeNull();
  });

  it('moderates in bulk, each item on its own: a missing id fails without undoing the others', async () => {
    const article = await articleBy('editor', true);
    const a = await anItem(deps, article.id);
    const b = await anItem(deps, article.id);
    const res = await w.call({
      method: 'POST',
      path: '/discussion/moderation',
      as: await w.token('moderator', ['moderate']),
      body: { ids: [a.id, 99_999_999, b.id], status: 'approved', reason: 'fine' },
    });
    expect(res.status).toBe(200);
    expect((res.json as { results: unknown[] }).results).toEqual([
      { id: a.id, ok: true, changed: true, status: 'approved' },
      { id: 99_999_999, ok: false, error: 'not_found', error_description: expect.any(String) },
      { id: b.id, ok: true, changed: true, status: 'approved' },
    ]);
    expect((await deps.repos.discussion.findById(b.id))?.status).toBe('approved');
    const audit = await deps.repos.audit.list({ limit: 20 });
    expect(audit.some((e) => e.subject?.includes(String(a.id)))).toBe(true);
  });

  it('refuses bad moderation bodies with 400 and changes nothing', async () => {
    const article = await articleBy('editor', true);
    const item = await anItem(deps, article.id);
    const as = await w.token('moderator', ['moderate']);
    const bodies: unknown[] = [
      { ids: [], status: 'approved' },
      { ids: [item.id], status: 'deleted' },
      { ids: Array.from({ length: 501 }, (_, i) => i + 1), status: 'spam' },
      { ids: ['1'], status: 'spam' },
      { ids: [item.id], status: 'spam', extra: true },
      { ids: [item.id], status: 'spam', reason: 'x'.repeat(501) },
    ];
    for (const body of bodies) {
      const res = await w.call({ method: 'POST', path: '/discussion/moderation', as, body });
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect((res.json as { error: string }).error).toBe('invalid_input');
    }
    const broken = await w.call({
      method: 'POST',
      path: `/discussion/${item.id}/moderation`,
      as,
      body: '{"status": "spam"',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    expect((await deps.repos.discussion.findById(item.id))?.status).toBe('pending');
  });

  it('changes settings together or not at all, audited, and keeps site settings to owners', async () => {
    const editor = await w.token('editor', ['write']);
    const ok = await w.call({
      method: 'PATCH',
      path: '/settings',
      as: editor,
      body: { 'comments.maxDepth': 3, 'comments.blockWords': ['casino', 'pills'] },
    });
    expect(ok.status).toBe(200);
    const body = ok.json as { settings: Record<string, unknown>; changed: string[] };
    expect(body.changed.sort()).toEqual(['comments.blockWords', 'comments.maxDepth']);
    expect(body.settings['comments.blockWords']).toEqual(['casino', 'pills']);

    const mixed = await w.call({
      method: 'PATCH',
      path: '/settings',
      as: editor,
      body: { 'comments.maxDepth': 5, 'comments.holdWhenLinksExceed': 'many' },
    });
    expect(mixed.status).toBe(400);
    expect((mixed.json as { error_description: string }).error_description).toMatch(
      /holdWhenLinksExceed/,
    );
    const after = await w.call({ path: '/settings', as: await w.token('editor', ['read']) });
    expect(
      (after.json as { settings: Record<string, unknown> }).settings['comments.maxDepth'],
    ).toBe(3);

    const site = await w.call({
      method: 'PATCH',
      path: '/settings',
      as: editor,
      body: { description: 'Taken over' },
    });
    expect(site.status).toBe(403);
    for (const bad of [{}, { nope: 1 }, { description: { nested: true } }, []]) {
      const res = await w.call({ method: 'PATCH', path: '/settings', as: editor, body: bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
    }
    const audit = await deps.repos.audit.list({ action: 'settings.change', limit: 5 });
    expect(audit[0]?.actor).toContain(w.users.editor.email);
  });

  it('lists jobs without their payloads and retries one, audited; a job that is not there is 409', async () => {
    await articleBy('editor', true);
    const owner = await w.token('owner', ['read', 'write']);
    const list = await w.call({ path: '/jobs?status=queued&limit=5', as: owner });
    expect(list.status).toBe(200);
    const jobs = (list.json as Page<Record<string, unknown>>).items;
    expect(jobs.length).toBeGreaterThan(0);
    expect(jobs[0]).not.toHaveProperty('payload');
    const retried = await w.call({ method: 'POST', path: `/jobs/${jobs[0]?.id}/retry`, as: owner });
    expect(retried.status).toBe(200);
    const audit = await deps.repos.audit.list({ action: 'job.retry', limit: 1 });
    expect(audit[0]?.subject).toBe(`job:${jobs[0]?.id}`);
    const missing = await w.call({ method: 'POST', path: '/jobs/987654321/retry', as: owner });
    expect(missing.status).toBe(409);
    for (const bad of ['0', 'abc', '-1', '1e9']) {
      expect((await w.call({ method: 'POST', path: `/jobs/${bad}/retry`, as: owner })).status).toBe(
        400,
      );
    }
  });

  it('shows an author the ledger of their own articles only', async () => {
    const theirs = await articleBy('editor', true);
    const mine = await articleBy('author', true);
    const as = await w.token('author', ['read', 'write']);
    expect((await w.call({ path: `/articles/${mine.id}/linkbacks`, as })).status).toBe(200);
    const refused = await w.call({ path: `/articles/${theirs.id}/linkbacks`, as });
    expect(refused.status).toBe(403);
    expect((refused.json as { error: string }).error).toBe('forbidden');
    const resend = await w.call({
      method: 'POST',
      path: `/articles/${theirs.id}/linkbacks/resend`,
      as,
      body: {},
    });
    expect(resend.status).toBe(403);
  });

  it('plans an empty ledger afresh on resend and refuses a target it does not hold', async () => {
    const article = await articleBy('editor', true);
    const as = await w.token('editor', ['read', 'write']);
    const planned = await w.call({
      method: 'POST',
      path: `/articles/${article.id}/linkbacks/resend`,
      as,
      body: {},
    });
    expect(planned.status).toBe(200);
    expect(planned.json).toEqual({ queued: 0, planned: true });
    await deps.repos.outboundLinkbacks.queue(
      article.id,
      [{ targetUrl: 'https://example.org/report', kind: 'link', linked: true, contentHash: 'h' }],
      deps.clock(),
    );
    const ledger = await w.call({ path: `/articles/${article.id}/linkbacks`, as });
    expect((ledger.json as Page<{ targetUrl: string; status: string }>).items).toEqual([
      expect.objectContaining({ targetUrl: 'https://example.org/report', status: 'queued' }),
    ]);
    const unknown = await w.call({
      method: 'POST',
      path: `/articles/${article.id}/linkbacks/resend`,
      as,
      body: { target: 'https://elsewhere.example/' },
    });
    expect(unknown.status).toBe(404);
  });

  it('gives a webhook’s secret once, in the answer that creates it, and refuses unsafe hook URLs', async () => {
    const owner = await w.token('owner', ['read', 'write']);
    const made = await w.call({
      method: 'POST',
      path: '/webhooks',
      as: owner,
      body: { url: 'https://hooks.example.org/slack', events: ['discussion.held'] },
    });
    expect(made.status).toBe(201);
    const hook = made.json as { id: number; secret: string };
    expect(hook.secret).toMatch(/^whsec_/);
    expect(made.headers.get('location')).toBe(`/admin/api/webhooks/${hook.id}`);
    const listed = await w.call({ path: '/webhooks', as: owner });
    expect(listed.text).not.toContain(hook.secret);
    for (const body of [
      { url: 'ftp://hooks.example.org/', events: ['*'] },
      { url: 'https://user:pw@hooks.example.org/', events: ['*'] },
      { url: 'https://hooks.example.org/', events: ['no.such.event'] },
      { url: 'https://hooks.example.org/', events: [] },
      { url: `https://hooks.example.org/${'a'.repeat(2100)}`, events: ['*'] },
    ]) {
      const res = await w.call({ method: 'POST', path: '/webhooks', as: owner, body });
      expect(res.status, body.url.slice(0, 40)).toBe(400);
    }
    expect((await w.call({ method: 'DELETE', path: '/webhooks/999999', as: owner })).status).toBe(
      404,
    );
  });

  it('adds a user (audited), changes a role, disables an account, and keeps the last owner', async () => {
    const owner = await w.token('owner', ['read', 'write']);
    const made = await w.call({
      method: 'POST',
      path: '/users',
      as: owner,
      body: { email: 'Wire.Desk@Example.org', name: 'Wire Desk', role: 'contributor' },
    });
    expect(made.status).toBe(201);
    const user = made.json as { id: number; email: string; role: string };
    expect(user.email).toBe('wire.desk@example.org');
    const again = await w.call({
      method: 'POST',
      path: '/users',
      as: owner,
      body: { email: 'wire.desk@example.org', name: 'Twice', role: 'author' },
    });
    expect(again.status).toBe(409);
    const promoted = await w.call({
      method: 'PATCH',
      path: `/users/${user.id}`,
      as: owner,
      body: { role: 'author' },
    });
    expect((promoted.json as { role: string }).role).toBe('author');
    const disabled = await w.call({
      method: 'PATCH',
      path: `/users/${user.id}`,
      as: owner,
      body: { disabled: true },
    });
    expect(disabled.status).toBe(200);
    expect(await deps.repos.credentials.passwordHash('wire.desk@example.org')).toMatchObject({
      hash: null,
    });
    const lastOwner = await w.call({
      method: 'PATCH',
      path: `/users/${w.users.owner.id}`,
      as: owner,
      body: { role: 'editor' },
    });
    expect(lastOwner.status).toBe(409);
    for (const body of [{}, { role: 'admin-ish' }, { disabled: false }, { email: 'x@y.z' }]) {
      const res = await w.call({ method: 'PATCH', path: `/users/${user.id}`, as: owner, body });
      expect(res.status, JSON.stringify(body)).toBe(400);
    }
    const audit = await deps.repos.audit.list({ action: 'user.add', limit: 1 });
    expect(audit[0]?.subject).toBe(`user:${user.id}`);
  });

  it('refuses hostile term input with 400: markup-only names, bad slugs, huge descriptions', async () => {
    const as = await w.token('editor', ['write']);
    for (const body of [
      { kind: 'tag', name: '' },
      { kind: 'tag', name: 'ok', slug: 'Not A Slug' },
      { kind: 'tag', name: 'ok', description: 'x'.repeat(2001) },
      { kind: 'folder', name: 'ok' },
      { kind: 'tag', name: 'x'.repeat(201) },
    ]) {
      const res = await w.call({ method: 'POST', path: '/terms', as, body });
      expect(res.status, JSON.stringify(body).slice(0, 60)).toBe(400);
    }
    const made = await w.call({
      method: 'POST',
      path: '/terms',
      as,
      body: { kind: 'tag', name: '<script>alert(1)</script> Harbour' },
    });
    expect(made.status).toBe(201);
    expect((made.json as { slug: string }).slug).toMatch(/^[a-z0-9-]+$/);
  });
});
