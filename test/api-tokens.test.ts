import { afterEach, beforeEach, expect, it } from 'vitest';
import {
  authenticateApiToken,
  createApiToken,
  listApiTokens,
  revokeApiToken,
} from '../src/app/api-tokens/api-tokens.js';
import { listAudit } from '../src/app/auth/audit.js';
import { tokenHash } from '../src/app/auth/session-token.js';
import type { AppDeps } from '../src/app/deps.js';
import { silentLogger } from '../src/app/ports.js';
import { loadConfig } from '../src/config/config.js';
import type { Author } from '../src/domain/article.js';
import { openRuntime, type Runtime } from '../src/main/runtime.js';
import { aUser } from './support/admin-client.js';
import { describeEachDialect, type TestStore } from './support/dialects.js';

const T0 = new Date('2026-12-02T09:00:00.000Z');
const DAY = 86_400_000;

describeEachDialect('API tokens', (dialect) => {
  let store: TestStore;
  let rt: Runtime;
  let deps: AppDeps;
  let now: Date;
  let editor: Author;
  beforeEach(async () => {
    store = await dialect.open();
    const config = loadConfig({ ...store.env, NEWSDESK_SITE_URL: 'http://news.test' });
    await store.close();
    now = T0;
    rt = await openRuntime(config, silentLogger, { clock: () => now });
    deps = rt.deps;
    editor = await aUser(deps, 'editor');
  });
  afterEach(async () => {
    await rt.close();
    await store.dispose();
  });

  async function aToken(scopes = ['read', 'write'], expiresDays?: number) {
    const r = await createApiToken(deps, 'cli', {
      userEmail: editor.email,
      name: 'wire importer',
      scopes,
      ...(expiresDays === undefined ? {} : { expiresDays }),
    });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  }

  it('creates a prefixed 256-bit token shown once and stores only its SHA-256', async () => {
    const { token, secret } = await aToken(['write', 'read', 'read'], 30);
    expect(secret).toMatch(/^nd_[A-Za-z0-9_-]{43}$/);
    expect(token.scopes).toEqual(['read', 'write']);
    expect(token.expiresAt.getTime()).toBe(T0.getTime() + 30 * DAY);
    const rows = await rt.store.db.selectFrom('api_tokens').selectAll().execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toBe(tokenHash(secret));
    expect(JSON.stringify(rows)).not.toContain(secret.slice(3));
    expect(JSON.stringify(await listApiTokens(deps))).not.toContain(secret.slice(3));
    const [entry] = await listAudit(deps, { action: 'api-token.create' });
    expect(entry?.subject).toBe(`api-token:${token.id}`);
    expect(JSON.stringify(entry)).not.toContain(secret.slice(3));
  });

  it('authenticates a bearer token to its user and scopes', async () => {
    const { token, secret } = await aToken(['moderate']);
    const r = await authenticateApiToken(deps, secret, { ip: '127.0.0.1' });
    expect(r.ok && r.value.user.id).toBe(editor.id);
    expect(r.ok && r.value.scopes).toEqual(['moderate']);
    expect((await deps.repos.apiTokens.find(token.id))?.lastUsedAt).toEqual(T0);
  });

  it('refuses unknown, malformed, expired and revoked tokens with their reasons', async () => {
    const { token, secret } = await aToken(['read'], 1);
    const other = `nd_${'A'.repeat(43)}`;
    for (const bad of [
      other,
      '',
      'Bearer x',
      secret.slice(0, -1),
      `${secret}x`,
      'nd_'.padEnd(5000, 'a'),
    ]) {
      expect(await authenticateApiToken(deps, bad)).toEqual({
        ok: false,
        error: { reason: 'unknown' },
      });
    }
    now = new Date(T0.getTime() + DAY);
    expect(await authenticateApiToken(deps, secret)).toEqual({
      ok: false,
      error: { reason: 'expired' },
    });
    now = T0;
    expect((await revokeApiToken(deps, 'cli', token.id)).ok).toBe(true);
    expect(await authenticateApiToken(deps, secret)).toEqual({
      ok: false,
      error: { reason: 'revoked' },
    });
    const audits = await listAudit(deps, { action: 'api-token.revoke' });
    expect(audits.map((a) => a.subject)).toEqual([`api-token:${token.id}`]);
  });

  it('revoking an unknown or already revoked token is a typed failure and changes nothing', async () => {
    const { token } = await aToken();
    expect(await revokeApiToken(deps, 'cli', 999_999)).toMatchObject({
      ok: false,
      error: { code: 'not_found' },
    });
    expect((await revokeApiToken(deps, 'cli', token.id)).ok).toBe(true);
    expect(await revokeApiToken(deps, 'cli', token.id)).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    expect(await listAudit(deps, { action: 'api-token.revoke' })).toHaveLength(1);
  });

  it('audits each use at most once a minute per token', async () => {
    const a = await aToken();
    const b = await aToken();
    await Promise.all([1, 2, 3, 4].map(() => authenticateApiToken(deps, a.secret)));
    await authenticateApiToken(deps, b.secret);
    now = new Date(T0.getTime() + 59_000);
    await authenticateApiToken(deps, a.secret);
    expect(await listAudit(deps, { action: 'api-token.use' })).toHaveLength(2);
    now = new Date(T0.getTime() + 61_000);
    await authenticateApiToken(deps, a.secret);
    const uses = await listAudit(deps, { action: 'api-token.use' });
    expect(uses.map((u) => u.subject)).toEqual([
      `api-token:${a.token.id}`,
      `api-token:${b.token.id}`,
      `api-token:${a.token.id}`,
    ]);
    expect(uses[0]?.actorId).toBe(editor.id);
  });

  it('refuses bad input to create with a clear message and stores nothing', async () => {
    const bad = [
      { userEmail: 'nobody@news.test', name: 'x', scopes: ['read'] },
      { userEmail: editor.email, name: 'x', scopes: ['admin'] },
      { userEmail: editor.email, name: 'x', scopes: [] },
      { userEmail: editor.email, name: '', scopes: ['read'] },
      { userEmail: editor.email, name: 'x'.repeat(101), scopes: ['read'] },
      { userEmail: editor.email, name: 'a\u0000b', scopes: ['read'] },
      { userEmail: editor.email, name: 'x', scopes: ['read'], expiresDays: 0 },
      { userEmail: editor.email, name: 'x', scopes: ['read'], expiresDays: 1.5 },
      { userEmail: editor.email, name: 'x', scopes: ['read'], expiresDays: 3651 },
      { userEmail: editor.email, name: 'x', scopes: ['read'], expiresDays: Number.NaN },
    ];
    for (const input of bad) {
      const r = await createApiToken(deps, 'cli', input);
      expect(r).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    expect(await listApiTokens(deps)).toEqual([]);
    expect(await listAudit(deps, { action: 'api-token.create' })).toEqual([]);
  });
});
