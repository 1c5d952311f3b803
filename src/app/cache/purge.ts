/**
 * Purging the edge by surrogate key (domain/surrogate-keys.ts) through a durable job: the job is
 * enqueued in the transaction of the change, so the purge commits with it or not at all, and a
 * crash between the commit and the purge only delays it.
 */
import {
  ANY_ARTICLE_KEY,
  ANY_SUMMARY_KEY,
  articleKey,
  authorListKey,
  HOME_KEY,
  isSurrogateKey,
  PATHS_KEY,
  summaryKey,
  termListKey,
} from '../../domain/surrogate-keys.js';
import type { ArticleEvent, EventTx } from '../articles/events.js';
import type { JobRequest, Logger } from '../ports.js';
import type { EdgePurger } from './ports.js';

export const EDGE_PURGE_TASK = 'edge-purge';

/** The most keys one job carries (a purge of more is split into several jobs). */
const KEYS_PER_JOB = 256;

/** The jobs that purge `keys` (deduplicated, in order). */
export function purgeJobs(keys: readonly string[]): JobRequest[] {
  const unique = [...new Set(keys)];
  const jobs: JobRequest[] = [];
  for (let i = 0; i < unique.length; i += KEYS_PER_JOB) {
    jobs.push({ task: EDGE_PURGE_TASK, payload: { keys: unique.slice(i, i + KEYS_PER_JOB) } });
  }
  return jobs;
}

/** Enqueues the purge of `keys` in the caller's transaction. */
export async function enqueuePurge(
  tx: Pick<EventTx, 'enqueue'>,
  keys: readonly string[],
): Promise<void> {
  for (const job of purgeJobs(keys)) await tx.enqueue(job);
}

/**
 * What a discussion change on one article purges: that article's own responses (its page, its
 * discussion feed), and no list. The lists that show its comment count carry its summary key
 * instead and catch up within their shorter edge lifetime (web/edge-cache.ts), so a busy comment
 * thread does not keep emptying the front page.
 */
export const discussionPurgeKeys = (articleId: number): string[] => [articleKey(articleId)];

const LIST_FIELDS = new Set(['categories', 'tags', 'bylines']);

/**
 * The keys an article event affects. Every response that showed the article carries its key or
 * its summary key;
 * the lists it enters or leaves (and the later pages of those lists, which shift by one) carry
 * the list keys of its terms and bylines, read here in the change's own transaction.
 */
export async function articleEventPurgeKeys(
  event: ArticleEvent,
  repos: Pick<EventTx['repos'], 'terms' | 'articles'>,
): Promise<string[]> {
  const keys = [
    articleKey(event.articleId),
    summaryKey(event.articleId),
    ANY_ARTICLE_KEY,
    ANY_SUMMARY_KEY,
  ];
  const membership =
    event.type !== 'article.updated' || (event.changed ?? []).some((f) => LIST_FIELDS.has(f));
  if (event.type !== 'article.updated' || (event.changed ?? []).includes('slug')) {
    keys.push(PATHS_KEY);
  }
  if (!membership) return keys;
  const [terms, bylines] = await Promise.all([
    repos.terms.forArticles([event.articleId]),
    repos.articles.bylines([event.articleId]),
  ]);
  // Pages (About, Contact) are in no list: their own key and the paths are all they affect.
  if (event.kind === 'article') keys.push(HOME_KEY);
  for (const term of terms.get(event.articleId) ?? []) keys.push(termListKey(term.id));
  for (const id of bylines.get(event.articleId) ?? []) keys.push(authorListKey(id));
  return [...new Set(keys)];
}

/** The article-event subscriber (wired in src/main/events.ts). */
export const purgeOnArticleEvent = async (event: ArticleEvent, tx: EventTx): Promise<void> =>
  enqueuePurge(tx, await articleEventPurgeKeys(event, tx.repos));

/** Reads a purge job's payload: a list of surrogate keys, or nothing (a malformed job). */
export function purgePayloadKeys(payload: unknown): string[] | null {
  const keys = (payload as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.length === 0 || keys.length > KEYS_PER_JOB) return null;
  if (!keys.every((k): k is string => typeof k === 'string' && isSurrogateKey(k))) return null;
  return keys;
}

/**
 * Runs one purge job. A malformed payload is logged and dropped (retrying cannot mend it); a
 * failed purge throws, so the queue retries it with backoff.
 */
export async function runPurgeJob(
  deps: { readonly purger: EdgePurger; readonly logger: Logger },
  payload: unknown,
): Promise<void> {
  const keys = purgePayloadKeys(payload);
  if (!keys) {
    deps.logger.warn({ payload }, 'edge purge: malformed job payload dropped');
    return;
  }
  const result = await deps.purger.purge(keys);
  if (!result.ok)
    throw new Error(`edge purge (${deps.purger.name}) failed: ${result.error.message}`);
  deps.logger.debug({ keys, edge: deps.purger.name }, 'edge purged');
}
