/**
 * The islands as the real server serves them: mounted before the admin, so a bundle needs no
 * session and keeps its year-long cache header instead of the admin's no-store.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildIslands, ISLANDS_OUT } from '../scripts/build-islands.js';
import { islandHref } from '../src/web/admin/islands.js';
import { testDialects } from './support/dialects.js';
import { startSite, type SiteHarness } from './support/site-harness.js';

let site: SiteHarness;

beforeAll(async () => {
  // `npm test` builds first; a lone run of this file builds the islands it needs.
  if (!existsSync(join(ISLANDS_OUT, 'manifest.json'))) await buildIslands();
  const [sqlite] = testDialects();
  if (!sqlite) throw new Error('no dialect');
  site = await startSite(sqlite, { env: { NEWSDESK_WORKERS: 'none' } });
}, 60_000);
afterAll(() => site?.close());

describe('the server with the built islands', () => {
  it('serves the editor bundle at its hashed URL, signed out, cached for a year', async () => {
    const href = islandHref('editor');
    expect(href).toMatch(/^\/admin\/assets\/editor-[A-Z0-9]{8}\.js$/);
    const res = await site.get(href ?? '');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await res.text()).length).toBeGreaterThan(100_000);
  });

  it('answers 404 for an asset name that was never built', async () => {
    const res = await site.get('/admin/assets/editor-NOTBUILT.js');
    expect(res.status).toBe(404);
  });

  it('leaves the rest of the admin to the admin', async () => {
    const res = await site.get('/admin/');
    expect(res.status).toBe(303); // no user yet: off to sign in
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
