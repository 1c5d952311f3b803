import { DatabaseSync } from 'node:sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../src/app/ports.js';
import { loadConfig } from '../src/config/config.js';
import { openRuntime, type Runtime } from '../src/main/runtime.js';
import { startHttpServer, type RunningServer } from '../src/main/server.js';
import { describeEachDialect, testDialects } from './support/dialects.js';
import {
  SITE,
  seedArticles,
  startLinkbackSite,
  type LinkbackSite,
  type SeededArticle,
} from './support/linkback-harness.js';
import { pingCall } from './support/pingback-client.js';

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

describeEachDialect('per-client-address limits on the linkback endpoints', (dialect) => {
  let site: LinkbackSite;
  let story: SeededArticle;

  beforeAll(async () => {
    site = await startLinkbackSite(dialect, { env: { NEWSDESK_LINKBACK_IP_PER_MINUTE: '3' } });
    ({ story } = await seedArticles(site, { story: { title: 'Busy story' } }));
  });
  afterAll(() => site?.close());

  it('the fourth request of a minute from one address to each endpoint → 429 with Retry-After, in that endpoint’s format', async () => {
    const webmention = async (i: number) =>
      site.postForm('/webmention', { source: `https://a${i}.test/post`, target: story.url });
    const pingback = (i: number) =>
      site.post('/xmlrpc', pingCall(`https://p${i}.test/post`, story.url), 'text/xml');
    const trackback = (i: number) =>
      site.postForm(`/trackback/${story.id}`, { url: `https://t${i}.test/post` });
    for (const send of [webmention, pingback, trackback]) {
      for (let i = 0; i < 3; i++) expect((await send(i)).status).not.toBe(429);
      const refused = await send(3);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    }
    const wm = await webmention(4);
    expect(await wm.json()).toMatchObject({ error: 'rate_limited' });
    const pb = await pingback(4);
    expect(pb.headers.get('content-type')).toContain('text/xml');
    expect(await pb.text()).toContain('<fault>');
    expect(await (await trackback(4)).text()).toContain('<error>1</error>');

    site.time.advance(61_000);
    expect((await webmention(5)).status).toBe(201);
  });
});

describeEachDialect('the pair throttle in the store', (dialect) => {
  let a: LinkbackSite;
  let b: { rt: Runtime; server: RunningServer };
  let story: SeededArticle;

  beforeAll(async () => {
    a = await startLinkbackSite(dialect);
    ({ story } = await seedArticles(a, { story: { title: 'Shared story' } }));
    // A second app node: its own runtime and server on the same database.
    const db = a.rt.config.database;
    const config = loadConfig({
      NEWSDESK_DATABASE_URL: db.kind === 'sqlite' ? db.file : db.url,
      NEWSDESK_PG_JOBS_SCHEMA: a.rt.config.jobsSchema,
      NEWSDESK_SITE_URL: SITE,
      NEWSDESK_LOG_LEVEL: 'silent',
      NEWSDESK_TIMEZONE: 'Europe/London',
      NEWSDESK_WORKERS: 'none',
      NEWSDESK_DEMO_CONTENT: '0',
    });
    const rt = await openRuntime(config, silentLogger, { clock: a.time.clock });
    b = { rt, server: await startHttpServer(rt, '127.0.0.1', 0) };
  });
  afterAll(async () => {
    await b?.server.close();
    await b?.rt.close();
    await a?.close();
  });

  const send = (base: string, source: string) =>
    fetch(`${base}/webmention`, form({ source, target: story.url }));

  it('two app nodes cannot both accept one pair within its window', async () => {
    const source = 'https://twice.test/post';
    expect((await send(a.base, source)).status).toBe(201);
    const second = await send(b.server.url, source);
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('retry-after'))).toBeGreaterThan(0);
    a.time.advance(31_000);
    expect((await send(b.server.url, source)).status).toBe(201);
  });

  it('two nodes racing on one pair → exactly one accepted', async () => {
    const source = 'https://race.test/post';
    const answers = await Promise.all([send(a.base, source), send(b.server.url, source)]);
    expect(answers.map((r) => r.status).sort()).toEqual([201, 429]);
  });
});

describe('a refused webmention does not use up its pair window', () => {
  it('a 503 while the SQLite database is locked elsewhere, then the same pair → 201', async () => {
    const sqlite = testDialects().find((d) => d.name === 'sqlite')!;
    const site = await startLinkbackSite(sqlite, {
      env: { NEWSDESK_DB_LOCK_WAIT_MS: '200', NEWSDESK_WORKERS: 'none' },
    });
    try {
      const { story } = await seedArticles(site, { story: { title: 'Locked story' } });
      const fields = { source: 'https://locked.test/post', target: story.url };
      const db = site.rt.config.database;
      const outside = new DatabaseSync(db.kind === 'sqlite' ? db.file : '');
      outside.exec('begin immediate');
      outside.exec('update settings set value = value where 0');
      const refused = await site.postForm('/webmention', fields);
      outside.exec('rollback');
      outside.close();
      expect(refused.status).toBe(503);
      expect((await site.postForm('/webmention', fields)).status).toBe(201);
    } finally {
      await site.close();
    }
  });
});
