import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getRequestListener } from '@hono/node-server';
import { Hono } from 'hono';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { createApiToken, revokeApiToken } from '../src/app/api-tokens/api-tokens.js';
import { listAudit } from '../src/app/auth/audit.js';
import { silentLogger } from '../src/app/ports.js';
import { loadConfig } from '../src/config/config.js';
import { openRuntime, type Runtime } from '../src/main/runtime.js';
import { socketClientIp } from '../src/web/client-ip.js';
import { bearerTokenAuth, type ApiAuthEnv } from '../src/web/api/authenticate.js';
import { aUser } from './support/admin-client.js';
import { describeEachDialect, type TestStore } from './support/dialects.js';

const T0 = new Date('2026-12-02T09:00:00.000Z');
const DAY = 86_400_000;

describeEachDialect('API bearer-token authentication over HTTP', (dialect) => {
  let store: TestStore;
  let rt: Runtime;
  let server: Server;
  let base: string;
  let now: Date;
  let email: string;
  beforeEach(async () => {
    store = await dialect.open();
    const config = loadConfig({ ...store.env, NEWSDESK_SITE_URL: 'http://news.test' });
    await store.close();
    now = T0;
    rt = await openRuntime(config, silentLogger, { clock: () => now });
    email = (await aUser(rt.deps, 'editor')).email;
    const app = new Hono<ApiAuthEnv>();
    app.use('/api/*', bearerTokenAuth(rt.deps, socketClientIp));
    app.get('/api/me', (c) => {
      const p = c.get('apiPrincipal');
      return c.json({ email: p.user.email, scopes: p.scopes });
    });
    server = createServer(getRequestListener(app.fetch));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
    await rt.close();
    await store.dispose();
  });

  async function aToken(expiresDays = 30) {
    const r = await createApiToken(rt.deps, 'cli', {
      userEmail: email,
      name: 'test',
      scopes: ['read'],
      expiresDays,
    });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  }

  const get = (authorization?: string) =>
    fetch(`${base}/api/me`, authorization === undefined ? {} : { headers: { authorization } });

  async function expect401(res: Response, error: string) {
    expect(res.status).toBe(401);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer realm="newsdesk"/);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = (await res.json()) as Record<string, unknown>;
    expect(Object.keys(body).sort()).toEqual(['error', 'error_description']);
    expect(body.error).toBe(error);
    return body;
  }

  it('admits a valid token and gives the route its user and scopes', async () => {
    const { secret } = await aToken();
    const res = await get(`Bearer ${secret}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ email, scopes: ['read'] });
    const [use] = await listAudit(rt.deps, { action: 'api-token.use' });
    expect(use?.ip).toBe('127.0.0.1');
  });

  it('refuses a missing, malformed, unknown, expired or revoked token with 401 and one JSON shape', async () => {
    await expect401(await get(), 'unauthenticated');
    for (const bad of [
      'Basic dXNlcjpwYXNz',
      'Bearer',
      'Bearer a b',
      `Bearer ${'x'.repeat(5000)}`,
    ]) {
      await expect401(await get(bad), 'invalid_request');
    }
    await expect401(await get(`Bearer nd_${'A'.repeat(43)}`), 'invalid_token');
    await expect401(await get("Bearer 'or'1'='1;--"), 'invalid_token');

    const expiring = await aToken(1);
    now = new Date(T0.getTime() + DAY);
    expect(
      (await expect401(await get(`Bearer ${expiring.secret}`), 'invalid_token')).error_description,
    ).toMatch(/expired/);
    now = T0;
    const revoked = await aToken();
    expect((await revokeApiToken(rt.deps, 'cli', revoked.token.id)).ok).toBe(true);
    expect(
      (await expect401(await get(`Bearer ${revoked.secret}`), 'invalid_token')).error_description,
    ).toMatch(/revoked/);
    expect(await listAudit(rt.deps, { action: 'api-token.use' })).toEqual([]);
  });
});
