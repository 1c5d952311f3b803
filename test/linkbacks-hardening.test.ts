/**
 * Accepted means kept, removal WordPress can express, and moderation that is final (issue 20,
 * items 1, 5 and 9). The queue is driven by hand: the test lists the waiting verification jobs,
 * runs the due ones through the registered task (as a worker would) and moves the manual clock
 * to the next one, so that minutes and days pass at once. The outbound budget reads the same
 * clock. Sources are real servers on 127.0.0.1; extra host names resolve there by an injected
 * resolver (no DNS).
 */
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { silentLogger } from '../src/app/ports.js';
import { normalizeSourceUrl } from '../src/linkback/index.js';
import type { JobInfo } from '../src/jobs/contract.js';
import { describeEachDialect } from './support/dialects.js';
import {
  plainPage,
  seedArticles,
  startLinkbackSite,
  startSources,
  type LinkbackSite,
  type SeededArticle,
  type SourceSite,
} from './support/linkback-harness.js';

const DAY = 24 * 60 * 60 * 1000;

/**
 * A site whose outbound budget reads the site's manual clock and, under PostgreSQL, whose jobs
 * live in a graphile schema of its own (the queue is listed whole, so no other site's jobs may
 * show in it), dropped when the site closes.
 */
async function siteWithBudget(
  dialect: Parameters<typeof startLinkbackSite>[0],
  limits: { perHostPerMinute: number; globalPerMinute: number; perHostConcurrency?: number },
  hosts: readonly string[] = [],
): Promise<LinkbackSite> {
  let now = () => Date.now();
  const jobsSchema = `gw_hardening_${randomBytes(5).toString('hex')}`;
  const site = await startLinkbackSite(dialect, {
    env: dialect.name === 'postgres' ? { NEWSDESK_PG_JOBS_SCHEMA: jobsSchema } : {},
    fetcher: {
      now: () => now(),
      perAddressPerMinute: 1_000_000,
      perHostConcurrency: limits.perHostConcurrency ?? 4,
      perHostPerMinute: limits.perHostPerMinute,
      globalPerMinute: limits.globalPerMinute,
      // Every name the test uses stands for a loopback server; anything else does not resolve.
      resolve: async (name) =>
        name === '127.0.0.1' || hosts.includes(name) ? [{ address: '127.0.0.1', family: 4 }] : [],
    },
  });
  now = () => site.time.clock().getTime();
  if (dialect.name !== 'postgres') return site;
  return {
    ...site,
    async close() {
      await site.close();
      const admin = new pg.Client({ connectionString: process.env.NEWSDESK_TEST_PG_URL });
      await admin.connect();
      await admin.query(`drop schema if exists ${jobsSchema} cascade`);
      await admin.end();
    },
  };
}

interface DriveReport {
  /** Job runs, and how many of them our own limits put off. */
  runs: number;
  deferred: number;
}

/**
 * Runs waiting verification jobs until `settled()` holds: the due ones in batches of `parallel`
 * (as a worker with that concurrency would), else the clock jumps to the next one. A job that
 * queued its own continuation shows a new payload or time under its key; one that did not is
 * remembered as finished (the hand-driven queue never marks it done).
 */
async function drive(
  site: LinkbackSite,
  settled: () => Promise<boolean>,
  opts: { parallel?: number; maxRuns?: number } = {},
): Promise<DriveReport> {
  const task = site.rt.tasks['verify-linkback'];
  if (!task) throw new Error('verify-linkback is not registered');
  const finished = new Set<string>();
  const sig = (j: JobInfo) => `${j.id}|${JSON.stringify(j.payload)}|${j.runAt.getTime()}`;
  const report: DriveReport = { runs: 0, deferred: 0 };
  while (!(await settled())) {
    if (report.runs > (opts.maxRuns ?? 20_000)) throw new Error('the queue does not settle');
    const waiting = (await site.rt.jobs.queue.list({ status: 'queued', limit: 100_000 })).filter(
      (j) => j.task === 'verify-linkback' && !finished.has(sig(j)),
    );
    if (waiting.length === 0) throw new Error('nothing left to run, yet not settled');
    const now = site.time.clock().getTime();
    const due = waiting.filter((j) => j.runAt.getTime() <= now);
    if (due.length === 0) {
      const next = Math.min(...waiting.map((j) => j.runAt.getTime()));
      site.time.advance(next - now);
      continue;
    }
    for (let i = 0; i < due.length; i += opts.parallel ?? 8) {
      await Promise.all(
        due.slice(i, i + (opts.parallel ?? 8)).map(async (j) => {
          await task(j.payload, { jobId: j.id, attempt: 1, logger: silentLogger });
          finished.add(sig(j));
          report.runs++;
        }),
      );
    }
    // Deferred runs are those whose continuation carries a higher deferral count.
    const after = await site.rt.jobs.queue.list({ status: 'queued', limit: 100_000 });
    const byKey = new Map(after.map((j) => [j.dedupeKey, j]));
    for (const j of due) {
      const next = byKey.get(j.dedupeKey);
      const was = (j.payload as { deferrals?: number }).deferrals ?? 0;
      if (next && ((next.payload as { deferrals?: number }).deferrals ?? 0) > was) {
        report.deferred++;
      }
    }
  }
  return report;
}

async function linkbackRows(site: LinkbackSite, articleId: number) {
  return site.rt.deps.repos.discussion.list({ articleId, kind: 'linkback', limit: 100_000 });
}

describeEachDialect('Accepted means kept: bursts against our own limits', (dialect) => {
  let src: SourceSite;
  let site: LinkbackSite | undefined;

  beforeAll(async () => {
    src = await startSources();
  });
  afterEach(async () => {
    await site?.close();
    site = undefined;
  });
  afterAll(() => src?.close());

  it('twenty webmentions sent together from one host (5 fetches a minute allowed) all end verified, and say "queued" meanwhile', async () => {
    site = await siteWithBudget(dialect, { perHostPerMinute: 5, globalPerMinute: 10_000 });
    const { story } = await seedArticles(site, { story: { title: 'Bridgy story' } });
    const locations: string[] = [];
    for (let i = 0; i < 20; i++) {
      const source = src.set(`/one-host/${i}`, { body: plainPage(story.url) });
      const res = await site.postForm('/webmention', { source, target: story.url });
      expect(res.status).toBe(201);
      locations.push(new URL(res.headers.get('location') ?? '').pathname);
    }
    const states = async () =>
      Promise.all(
        locations.map(async (path) => {
          const res = await site?.get(path, { headers: { Accept: 'application/json' } });
          return ((await res?.json()) as { state: string }).state;
        }),
      );
    // Under PostgreSQL the queue stamps unscheduled jobs with the database's time: let it pass.
    site.time.advance(10_000);
    // One pass over the burst: five fetches fit this minute, the rest are put off, not failed.
    const first = await drive(site, async () => (await states()).includes('verified'));
    expect(first.deferred).toBeGreaterThan(0);
    const midway = await states();
    expect(midway.filter((s) => s === 'verified').length).toBeLessThanOrEqual(5);
    expect(midway.every((s) => s === 'queued' || s === 'verified')).toBe(true);

    const pendingLeft = async () =>
      (await linkbackRows(site!, story.id)).every((r) => r.verification !== 'pending');
    await drive(site, pendingLeft);
    const rows = await linkbackRows(site, story.id);
    const figures = {
      sent: 20,
      accepted: rows.length,
      verified: rows.filter((r) => r.verification === 'verified').length,
      lost: rows.filter((r) => r.verification !== 'verified').length,
    };
    console.info(`[burst one host, ${dialect.name}]`, figures);
    expect(figures).toEqual({ sent: 20, accepted: 20, verified: 20, lost: 0 });
    expect(await states()).toEqual(Array(20).fill('verified'));
  });

  it('two hundred webmentions from twenty hosts against a global budget of 50 a minute all end verified', async () => {
    const hosts = Array.from({ length: 20 }, (_, i) => `host-${i}.burst.test`);
    site = await siteWithBudget(dialect, { perHostPerMinute: 10, globalPerMinute: 50 }, hosts);
    const { story } = await seedArticles(site, { story: { title: 'Aggregated story' } });
    const port = new URL(src.origin).port;
    let accepted = 0;
    for (let i = 0; i < 200; i++) {
      const host = hosts[i % hosts.length] ?? '';
      src.set(`/many/${i}`, { body: plainPage(story.url) });
      const source = `http://${host}:${port}/many/${i}`;
      const res = await site.postForm('/webmention', { source, target: story.url });
      if (res.status === 201) accepted++;
    }
    const start = site.time.clock().getTime();
    const report = await drive(site, async () =>
      (await linkbackRows(site!, story.id)).every((r) => r.verification !== 'pending'),
    );
    const rows = await linkbackRows(site, story.id);
    const figures = {
      sent: 200,
      accepted,
      verified: rows.filter((r) => r.verification === 'verified').length,
      lost: rows.filter((r) => r.verification !== 'verified').length,
      jobRuns: report.runs,
      deferrals: report.deferred,
      simulatedMinutes: Math.round((site.time.clock().getTime() - start) / 60_000),
    };
    console.info(`[burst many hosts, ${dialect.name}]`, figures);
    expect(figures).toMatchObject({ sent: 200, accepted: 200, verified: 200, lost: 0 });
    expect(report.deferred).toBeGreaterThan(0);
  }, 180_000);

  it('a genuinely failing source still settles: rejected after the last attempt, never before', async () => {
    site = await siteWithBudget(dialect, { perHostPerMinute: 1_000, globalPerMinute: 1_000 });
    const { story } = await seedArticles(site, { story: { title: 'Failing source story' } });
    const source = src.set('/always-500', { status: 500 });
    expect((await site.postForm('/webmention', { source, target: story.url })).status).toBe(201);
    const row = async () =>
      site!.rt.deps.repos.discussion.findLinkbackBySource(story.id, normalizeSourceUrl(source));
    const start = site.time.clock().getTime();
    const report = await drive(site, async () => (await row())?.item.verification !== 'pending');
    expect(report.runs).toBe(5);
    expect((await row())?.item).toMatchObject({
      verification: 'rejected',
      verificationError: 'source_error: HTTP 500',
    });
    // The default schedule: 1 min, 10 min, 1 h and 6 h, each ±20 %.
    const elapsed = site.time.clock().getTime() - start;
    expect(elapsed).toBeGreaterThan(0.8 * (60 + 600 + 3600 + 21_600) * 1000);
    expect(elapsed).toBeLessThan(1.2 * (60 + 600 + 3600 + 21_600) * 1000);
  });
});

describeEachDialect('Removal that WordPress can express: a source that stays 404', (dialect) => {
  let src: SourceSite;
  let site: LinkbackSite;
  let story: SeededArticle;

  beforeAll(async () => {
    src = await startSources();
    site = await siteWithBudget(dialect, { perHostPerMinute: 1_000, globalPerMinute: 1_000 });
    ({ story } = await seedArticles(site, { story: { title: 'WordPress story' } }));
  });
  afterAll(async () => {
    await site?.close();
    await src?.close();
  });

  const row = (source: string) =>
    site.rt.deps.repos.discussion.findLinkbackBySource(story.id, normalizeSourceUrl(source));
  const shown = async () => (await site.rt.deps.repos.discussion.listPublic(story.id)).length;

  async function approvedMention(path: string): Promise<{ source: string; id: number }> {
    site.time.advance(31_000);
    const source = src.set(path, { body: plainPage(story.url) });
    expect((await site.postForm('/webmention', { source, target: story.url })).status).toBe(201);
    const id = (await row(source))?.item.id ?? 0;
    await drive(site, async () => (await row(source))?.item.verification === 'verified');
    const r = await row(source);
    if (r)
      await site.rt.deps.repos.discussion.setStatus(
        r.item,
        'approved',
        'editor',
        null,
        site.time.clock(),
      );
    return { source, id };
  }

  it('is re-checked, hidden (not deleted) after answering 404 for seven days, and shown again once the link is back', async () => {
    const before = await shown();
    const { source } = await approvedMention('/wp-deleted');
    expect(await shown()).toBe(before + 1);
    src.set('/wp-deleted', { status: 404 });
    const start = site.time.clock().getTime();
    // The periodic re-check (30 days) finds the 404; daily re-checks follow until it is hidden.
    await drive(site, async () => (await row(source))?.item.verification === 'rejected');
    const hidden = await row(source);
    expect(hidden?.item).toMatchObject({
      status: 'approved',
      verification: 'rejected',
      verificationError: 'source_missing',
    });
    expect(hidden?.sourceMissingSince).not.toBeNull();
    const streak = site.time.clock().getTime() - (hidden?.sourceMissingSince?.getTime() ?? 0);
    expect(streak).toBeGreaterThanOrEqual(7 * DAY);
    expect(site.time.clock().getTime() - start).toBeGreaterThan(7 * DAY);
    expect(await shown()).toBe(before);

    src.set('/wp-deleted', { body: plainPage(story.url) });
    await drive(site, async () => (await row(source))?.item.verification === 'verified');
    expect((await row(source))?.item.status).toBe('approved');
    expect((await row(source))?.sourceMissingSince).toBeNull();
    expect(await shown()).toBe(before + 1);
  });

  it('a 404 that lasts less than the period is only noted: the mention stays shown', async () => {
    const before = await shown();
    const { source, id } = await approvedMention('/wp-brief');
    src.set('/wp-brief', { status: 404 });
    await drive(site, async () => (await row(source))?.sourceMissingSince != null);
    expect((await row(source))?.item.verification).toBe('verified');
    src.set('/wp-brief', { body: plainPage(story.url) });
    await drive(site, async () => (await row(source))?.sourceMissingSince === null);
    expect((await row(source))?.item).toMatchObject({ id, verification: 'verified' });
    expect(await shown()).toBe(before + 1);
  });

  it('a resend of a hidden mention whose source is back shows it at once', async () => {
    const { source } = await approvedMention('/wp-resend');
    src.set('/wp-resend', { status: 404 });
    await drive(site, async () => (await row(source))?.item.verification === 'rejected');
    src.set('/wp-resend', { body: plainPage(story.url) });
    site.time.advance(31_000);
    expect((await site.postForm('/webmention', { source, target: story.url })).status).toBe(201);
    await site.verify((await row(source))?.item.id ?? 0);
    expect((await row(source))?.item).toMatchObject({
      status: 'approved',
      verification: 'verified',
    });
  });
});

describeEachDialect('Moderation is final', (dialect) => {
  let src: SourceSite;
  let site: LinkbackSite;
  let story: SeededArticle;

  beforeAll(async () => {
    src = await startSources();
    site = await siteWithBudget(dialect, { perHostPerMinute: 1_000, globalPerMinute: 1_000 });
    ({ story } = await seedArticles(site, { story: { title: 'Moderated story' } }));
  });
  afterAll(async () => {
    await site?.close();
    await src?.close();
  });

  const row = (source: string) =>
    site.rt.deps.repos.discussion.findLinkbackBySource(story.id, normalizeSourceUrl(source));
  const send = async (source: string) => {
    site.time.advance(31_000);
    expect((await site.postForm('/webmention', { source, target: story.url })).status).toBe(201);
    await site.verify((await row(source))?.item.id ?? 0);
    return (await row(source))?.item;
  };

  for (const verdict of ['spam', 'trash'] as const) {
    it(`a linkback marked ${verdict} stays ${verdict} through 410 → deleted → sent again`, async () => {
      const path = `/revive-${verdict}`;
      const source = src.set(path, { body: plainPage(story.url) });
      expect((await send(source))?.verification).toBe('verified');
      const r = await row(source);
      await site.rt.deps.repos.discussion.setStatus(
        r!.item,
        verdict,
        'editor',
        null,
        site.time.clock(),
      );
      src.set(path, { status: 410 });
      expect((await send(source))?.status).toBe(verdict);
      src.set(path, { body: plainPage(story.url, 'Changed', 'Please show me') });
      expect((await send(source))?.status).toBe(verdict);
      // A Pingback of the same source cannot revive it either.
      site.time.advance(31_000);
      await site.post(
        '/xmlrpc',
        `<?xml version="1.0"?><methodCall><methodName>pingback.ping</methodName><params>
<param><value><string>${source}</string></value></param>
<param><value><string>${story.url}</string></value></param></params></methodCall>`,
        'text/xml',
      );
      expect((await row(source))?.item.status).toBe(verdict);
      const history = await site.rt.deps.repos.discussion.moderationHistory(r!.item.id);
      expect(history.map((e) => e.toStatus)).not.toContain('deleted');
    });
  }

  it('a linkback deleted at its source and sent again keeps no verified time until its source is read again', async () => {
    const path = '/reopened';
    const source = src.set(path, { body: plainPage(story.url) });
    await send(source);
    expect((await row(source))?.verifiedAt).toBeInstanceOf(Date);
    src.set(path, { status: 410 });
    expect((await send(source))?.status).toBe('deleted');
    src.set(path, { body: plainPage(story.url, 'Back', 'Here again') });
    site.time.advance(31_000);
    expect((await site.postForm('/webmention', { source, target: story.url })).status).toBe(201);
    const reopened = await row(source);
    expect(reopened?.item.verification).toBe('pending');
    expect(reopened?.verifiedAt).toBeNull();
    expect(reopened?.sourceMissingSince).toBeNull();
    await site.verify(reopened?.item.id ?? 0);
    expect((await row(source))?.verifiedAt).toBeInstanceOf(Date);
  });

  it('a row deleted at its source while it was spam (before this rule) goes back to spam when sent again', async () => {
    const source = src.set('/legacy-spam', { body: plainPage(story.url) });
    await send(source);
    const d = site.rt.deps.repos.discussion;
    const spam = await d.setStatus(
      (await row(source))!.item,
      'spam',
      'editor',
      null,
      site.time.clock(),
    );
    await d.setStatus(spam, 'deleted', 'verifier', 'source_gone', site.time.clock());
    expect((await send(source))?.status).toBe('spam');
  });

  it('a moderator marking spam while the source is being fetched is not overwritten by its 410', async () => {
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let arrived: () => void = () => {};
    const fetched = new Promise<void>((resolve) => (arrived = resolve));
    let gone = false;
    const server: Server = createServer((_req, res) => {
      if (!gone) {
        res.writeHead(200, { 'Content-Type': 'text/html' }).end(plainPage(story.url));
        return;
      }
      arrived();
      void held.then(() => res.writeHead(410).end());
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const source = `http://127.0.0.1:${(server.address() as AddressInfo).port}/racing`;
      expect((await send(source))?.verification).toBe('verified');
      gone = true;
      site.time.advance(31_000);
      await site.postForm('/webmention', { source, target: story.url });
      const verifying = site.verify((await row(source))?.item.id ?? 0);
      await fetched;
      const r = await row(source);
      await site.rt.deps.repos.discussion.setStatus(
        r!.item,
        'spam',
        'editor',
        null,
        site.time.clock(),
      );
      release();
      await verifying;
      expect((await row(source))?.item.status).toBe('spam');
    } finally {
      release();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
