import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createApiToken } from '../src/app/api-tokens/api-tokens.js';
import { tokenHash } from '../src/app/auth/session-token.js';
import type { Author } from '../src/domain/article.js';
import { bearerTokenAuth, type ApiAuthEnv } from '../src/web/api/authenticate.js';
import { socketClientIp } from '../src/web/client-ip.js';
import { AdminClient, aUser, PASSWORD } from './support/admin-client.js';
import { describeEachDialect } from './support/dialects.js';
import { startSite, type SiteHarness } from './support/site-harness.js';

const T0 = new Date('2026-12-02T09:00:00.000Z');
let now = T0;
const clock = () => now;
const DAY = 86_400_000;
const TOKENS = '/admin/tokens';
const SECRET = /nd_[A-Za-z0-9_-]{43}/;

describeEachDialect('admin: API tokens', (dialect) => {
  let site: SiteHarness;
  let api: Server;
  let apiBase: string;
  let owner: Author;
  let author: Author;
  let other: Author;
  let moderator: Author;
  beforeAll(async () => {
    now = T0;
    site = await startSite(dialect, { clock });
    owner = await aUser(site.rt.deps, 'owner', 'Olive Owner');
    author = await aUser(site.rt.deps, 'author', 'Ana Author');
    other = await aUser(site.rt.deps, 'author', 'Otto Other');
    moderator = await aUser(site.rt.deps, 'moderator', 'Mo Moderator');
    // The bearer middleware the JSON API mounts, over the same runtime, on its own loopback port.
    const app = new Hono<ApiAuthEnv>();
    app.use('/api/*', bearerTokenAuth(site.rt.deps, socketClientIp));
    app.get('/api/me', (c) => {
      const p = c.get('apiPrincipal');
      return c.json({ email: p.user.email, scopes: p.scopes });
    });
    api = createServer(getRequestListener(app.fetch));
    await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
    apiBase = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => api?.close(resolve));
    await site?.close();
  });

  const signedIn = async (user: Author) => {
    const browser = new AdminClient(site.base);
    expect((await browser.signIn(user.email, PASSWORD)).status).toBe(303);
    return browser;
  };
  const make = async (browser: AdminClient, fields: Record<string, string | string[]>) =>
    browser.post(TOKENS, { _csrf: await browser.csrfFrom(TOKENS), op: 'create', ...fields });
  const revoke = async (browser: AdminClient, id: number) =>
    browser.post(TOKENS, { _csrf: await browser.csrfFrom(TOKENS), op: 'revoke', id: String(id) });
  const me = (secret: string) =>
    fetch(`${apiBase}/api/me`, { headers: { authorization: `Bearer ${secret}` } });
  const idOf = (html: string) => Number(/id="token-(\d+)"/.exec(html)?.[1]);

  it('a token made in the page is shown once, works as a Bearer token, and is stored only as its hash', async () => {
    const browser = await signedIn(author);
    const res = await make(browser, {
      name: 'wire importer',
      scopes: ['read', 'write'],
      expiresDays: '30',
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const html = await res.text();
    const secret = SECRET.exec(html)?.[0] ?? '';
    expect(secret).not.toBe('');
    expect(html).toContain('shown only this once');
    expect(html).toContain('copy it');

    const list = await (await browser.get(TOKENS)).text();
    expect(list).toContain('wire importer');
    expect(list).toContain('read, write');
    expect(list).toContain('2027-01-01 09:00 UTC'); // 30 days on
    expect(list).not.toContain(secret);
    expect(list).not.toMatch(SECRET);
    expect(list).toContain('<td>never</td>');

    const used = await me(secret);
    expect(used.status).toBe(200);
    expect(await used.json()).toEqual({ email: author.email, scopes: ['read', 'write'] });
    const after = await (await browser.get(TOKENS)).text();
    expect(after).not.toContain('<td>never</td>');
    expect(after).toMatch(/<td>2026-12-02 09:00 UTC<\/td><td>active<\/td>/);
    expect(after).not.toMatch(SECRET);

    const rows = await site.rt.store.db.selectFrom('api_tokens').selectAll().execute();
    const dump = JSON.stringify(rows);
    expect(dump).not.toContain(secret);
    expect(dump).not.toContain(secret.slice(3));
    expect(rows.map((r) => r.token_hash)).toContain(tokenHash(secret));

    const [created] = await site.rt.deps.repos.audit.list({ action: 'api-token.create' });
    expect(created?.actor).toBe(`user:${author.id} (${author.email})`);
    const [use] = await site.rt.deps.repos.audit.list({ action: 'api-token.use' });
    expect(use?.actor).toBe(`user:${author.id} (${author.email})`);
    expect(JSON.stringify(await site.rt.deps.repos.audit.list({}))).not.toContain(secret.slice(3));
  });

  it('a revoked token is refused at once and shows as revoked', async () => {
    const browser = await signedIn(author);
    const html = await (await make(browser, { name: 'short-lived', scopes: 'read' })).text();
    const secret = SECRET.exec(html)?.[0] ?? '';
    expect((await me(secret)).status).toBe(200);
    const id = idOf(await (await browser.get(TOKENS)).text());
    const res = await revoke(browser, id);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${TOKENS}?done=revoked`);
    const refused = await me(secret);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toMatchObject({ error: 'invalid_token' });
    const list = await (await browser.get(`${TOKENS}?done=revoked`)).text();
    expect(list).toContain('Token revoked.');
    expect(list).toMatch(new RegExp(`id="token-${id}"[\\s\\S]*?revoked 2026-12-02`));
    expect((await revoke(browser, id)).status).toBe(409);
  });

  it('each user sees and revokes only their own tokens; an owner sees and revokes everyone’s', async () => {
    const mine = await signedIn(author);
    const theirs = await signedIn(other);
    await make(theirs, { name: 'otto’s newsletter', scopes: 'read' });
    const ottoList = await (await theirs.get(TOKENS)).text();
    const ottoId = idOf(ottoList);
    expect(ottoList).not.toContain('wire importer');
    expect(await (await mine.get(TOKENS)).text()).not.toContain('otto’s newsletter');

    const refused = await revoke(mine, ottoId);
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('only your own tokens');
    expect((await site.rt.deps.repos.apiTokens.find(ottoId))?.revokedAt).toBeNull();

    const boss = await signedIn(owner);
    const all = await (await boss.get(TOKENS)).text();
    expect(all).toContain('otto’s newsletter');
    expect(all).toContain('wire importer');
    expect(all).toContain(other.email);
    expect(all).toContain(author.email);
    expect((await revoke(boss, ottoId)).status).toBe(303);
    const [entry] = await site.rt.deps.repos.audit.list({ action: 'api-token.revoke' });
    expect(entry?.actor).toBe(`user:${owner.id} (${owner.email})`);
    expect(entry?.subject).toBe(`api-token:${ottoId}`);
  });

  it('a token’s scopes may not exceed its user’s role, in the page and on the shell alike', async () => {
    const browser = await signedIn(moderator);
    const page = await (await browser.get(TOKENS)).text();
    expect(page).toContain('value="moderate"');
    expect(page).not.toContain('value="write"');
    const res = await make(browser, { name: 'queue bot', scopes: ['moderate', 'write'] });
    expect(res.status).toBe(403);
    const html = await res.text();
    expect(html).toContain('may not have the write scope');
    expect(html).toContain('a moderator may have only: read, moderate');
    expect(html).toContain('value="queue bot"');
    expect(html).not.toMatch(SECRET);
    expect(await site.rt.deps.repos.apiTokens.list({ userId: moderator.id })).toEqual([]);

    const shell = await createApiToken(site.rt.deps, 'cli', {
      userEmail: moderator.email,
      name: 'from the shell',
      scopes: ['write'],
    });
    expect(shell.ok).toBe(false);
    if (!shell.ok) expect(shell.error.code).toBe('forbidden');
    expect((await make(browser, { name: 'queue bot', scopes: 'moderate' })).status).toBe(200);
  });

  it('bad input comes back with what was typed and a message on the field, and makes no token', async () => {
    const browser = await signedIn(other);
    const before = (await site.rt.deps.repos.apiTokens.list({ userId: other.id })).length;
    const cases: [Record<string, string | string[]>, string, string][] = [
      [{ name: '', scopes: 'read' }, 'token-name-error', '1 to 100 printable characters'],
      [{ name: 'n'.repeat(101), scopes: 'read' }, 'token-name-error', '1 to 100'],
      [{ name: 'bell\u0007', scopes: 'read' }, 'token-name-error', 'printable'],
      [{ name: 'no scope' }, 'token-scopes-error', 'give at least one scope'],
      [{ name: 'odd scope', scopes: 'admin' }, 'token-scopes-error', 'unknown scope'],
      [
        { name: 'wordy', scopes: 'read', expiresDays: 'ten' },
        'token-expiresDays-error',
        'whole number',
      ],
      [{ name: 'zero', scopes: 'read', expiresDays: '0' }, 'token-expiresDays-error', '1 to 3650'],
    ];
    for (const [fields, errorId, text] of cases) {
      const res = await make(browser, fields);
      expect(res.status, JSON.stringify(fields)).toBe(400);
      const html = await res.text();
      expect(html).toMatch(new RegExp(`id="${errorId}"[^>]*>[^<]*${text}`));
      const name = typeof fields.name === 'string' ? fields.name : '';
      if (name && !name.includes('\u0007')) expect(html).toContain(`value="${name}"`);
      if (fields.expiresDays) expect(html).toContain(`value="${fields.expiresDays}"`);
    }
    const hostile = await make(browser, { name: '"><script>alert(1)</script>', scopes: 'nope' });
    expect(hostile.status).toBe(400);
    const html = await hostile.text();
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"');
    expect(await site.rt.deps.repos.apiTokens.list({ userId: other.id })).toHaveLength(before);
    expect(
      (await browser.post(TOKENS, { _csrf: await browser.csrfFrom(TOKENS), op: 'x' })).status,
    ).toBe(400);
    expect(
      (
        await browser.post(TOKENS, {
          _csrf: await browser.csrfFrom(TOKENS),
          op: 'revoke',
          id: 'abc',
        })
      ).status,
    ).toBe(400);
  });

  it('an expired token shows as expired and is refused', async () => {
    const browser = await signedIn(other);
    const html = await (
      await make(browser, { name: 'one day', scopes: 'read', expiresDays: '1' })
    ).text();
    const secret = SECRET.exec(html)?.[0] ?? '';
    now = new Date(now.getTime() + 2 * DAY);
    const list = await (await (await signedIn(other)).get(TOKENS)).text();
    expect(list).toMatch(/one day[\s\S]*?<td>expired<\/td>/);
    expect((await me(secret)).status).toBe(401);
  });

  it('a signed-out visitor is sent to sign in and cannot post', async () => {
    const stranger = new AdminClient(site.base);
    const res = await stranger.get(TOKENS);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/admin/login?next=${encodeURIComponent(TOKENS)}`);
    const csrf = await stranger.csrfFrom('/admin/login');
    expect(
      (await stranger.post(TOKENS, { _csrf: csrf, op: 'create', name: 'x', scopes: 'read' }))
        .status,
    ).toBe(401);
  });
});
