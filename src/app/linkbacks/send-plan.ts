/**
 * What an article notifies after a change (the `send-linkbacks` job). W3C Webmention §3.1.4
 * and §3.1.5: on an update, re-send to every target notified before, including links the edit
 * removed, and send to new ones; after a deletion (the page answers 410), re-send to all of
 * them so that receivers can drop the mention.
 *
 * The article's state is one hash: its URL, title and rendered body while it is live, or
 * "gone" with its URL. A target already queued for the same state is not queued again (an edit
 * of the tags, a second save without changes). Every target still linked, or linked at the last
 * notification and removed since, is queued once for each new state. TrackBack ping URLs the
 * editor listed are pinged once (TrackBack 1.2 has neither updates nor deletions).
 */
import { createHash } from 'node:crypto';
import { isLive, type Article } from '../../domain/article.js';
import { isOwnSite, linkTargets } from '../../linkback/index.js';
import { articleUrl } from '../articles/create-article.js';
import { loadSiteSettings } from '../site-settings.js';
import type { SendDeps } from './send-deps.js';
import { planPayload, sendJob } from './send-jobs.js';
import type { OutboundEntry, OutboundLinkback } from './send-ports.js';

/** Links beyond this many in one article are not notified (a hard cap per article). */
export const MAX_TARGETS_PER_ARTICLE = 1000;

export interface PlanResult {
  readonly queued: number;
  readonly reason?: 'no_article' | 'sending_off';
}

/** The state receivers will see when they fetch the article: what its hash is taken over. */
export function contentHash(article: Article, url: string, live: boolean): string {
  const state = live ? ['live', url, article.title, article.bodyHtml] : ['gone', url];
  return createHash('sha256').update(state.join('\n')).digest('hex');
}

/** The outbound targets of the article as it is now: body links (minus our own site). */
export function currentTargets(
  deps: Pick<SendDeps, 'siteUrl'>,
  article: Article,
  url: string,
): string[] {
  const trackbacks = new Set(article.trackbackTo);
  return linkTargets(article.bodyHtml, url)
    .filter((t) => !isOwnSite(t, deps.siteUrl) && !trackbacks.has(t))
    .slice(0, MAX_TARGETS_PER_ARTICLE);
}

/** Which targets to queue, given the ledger: pure, exported for its unit test. */
export function dueEntries(
  ledger: readonly OutboundLinkback[],
  links: readonly string[],
  trackbackTo: readonly string[],
  hash: string,
  live: boolean,
): OutboundEntry[] {
  const byTarget = new Map(ledger.map((r) => [r.targetUrl, r]));
  const entries: OutboundEntry[] = [];
  const linked = new Set(links);
  for (const target of links) {
    const row = byTarget.get(target);
    if (row?.kind === 'trackback') continue;
    if (!row || row.contentHash !== hash || !row.linked) {
      entries.push({ targetUrl: target, kind: 'link', linked: true, contentHash: hash });
    }
  }
  for (const row of ledger) {
    if (row.kind !== 'link' || linked.has(row.targetUrl) || !row.linked) continue;
    // Linked at the last notification, not any more: tell the receiver once.
    entries.push({ targetUrl: row.targetUrl, kind: 'link', linked: false, contentHash: hash });
  }
  if (live) {
    for (const target of trackbackTo) {
      if (byTarget.has(target)) continue;
      entries.push({ targetUrl: target, kind: 'trackback', linked: true, contentHash: hash });
    }
  }
  return entries;
}

export async function planLinkbacks(deps: SendDeps, payload: unknown): Promise<PlanResult> {
  const { articleId } = planPayload.parse(payload);
  const article = await deps.repos.articles.findById(articleId);
  if (!article) return { queued: 0, reason: 'no_article' };
  const settings = await loadSiteSettings(deps.repos.settings);
  if (!article.linkbacksSend || !settings.linkbacks.send)
    return { queued: 0, reason: 'sending_off' };
  const now = deps.clock();
  const url = articleUrl(deps, article);
  const live = isLive(article, now) && article.withdrawnAt === null;
  const links = live ? currentTargets(deps, article, url) : [];
  const hash = contentHash(article, url, live);
  const queued = await deps.uow.run(async ({ repos, enqueue }) => {
    const ledger = await repos.outboundLinkbacks.forArticle(article.id);
    const entries = dueEntries(ledger, links, article.trackbackTo, hash, live);
    const rows = await repos.outboundLinkbacks.queue(article.id, entries, now);
    for (const row of rows) {
      await enqueue(sendJob({ outboundId: row.id, round: row.round, step: 'discover' }, now));
    }
    return rows.length;
  });
  deps.logger.info({ articleId, queued, live }, 'linkbacks queued');
  return { queued };
}
