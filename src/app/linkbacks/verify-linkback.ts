/**
 * Applies a source check to a stored linkback (W3C Webmention §3.2.2 and §3.2.4):
 * - linked → verified; type, title, excerpt/content and author stored; an unchanged resend
 *   writes nothing (idempotent), a changed one updates the same row; a hidden one shows again;
 * - gone (410, meta-410) or no link → an existing (once verified) item is marked deleted and
 *   never shown again; a new one is rejected;
 * - unavailable (404, 5xx, timeout, DNS) → an existing item is kept; a new one is retried (the
 *   job schedules it) and only the last attempt rejects it. An existing item whose source has
 *   answered 404 on every check for `hideMissingAfterMs` is hidden (WordPress answers 404, never
 *   410, for a deleted post), not deleted: the link found again brings it back;
 * - busy (our own outbound limits refused the fetch) → nothing is written and no attempt is
 *   spent: the job comes back later (`deferred`);
 * - refused (private address, too many redirects) → rejected for good, existing items kept.
 * Moderation is final: a row a moderator marked spam or trash keeps that status whatever its
 * source shows, and the row is re-read inside the transaction that changes it, so a decision
 * taken while the source was being fetched is never overwritten.
 * Remote photos are never stored or shown (no hotlinking; an avatar proxy is future work).
 */
import { isPublic, type DiscussionType } from '../../domain/discussion-item.js';
import { trustStoredHtml, type TrustedHtml } from '../../domain/trusted-html.js';
import { textToSanitizedHtml, type LinkbackContent } from '../../linkback/index.js';
import { discussionPurgeKeys, enqueuePurge } from '../cache/purge.js';
import type { JobRequest } from '../ports.js';
import { checkSource, type SourceCheck } from './check-source.js';
import type { LinkbackDeps } from './deps.js';
import type { LinkbackRecord, VerifiedLinkback } from './ports.js';
import type { VerifyMode } from './verification-job.js';

export interface VerifyOptions {
  /** The last attempt: transient failures settle the row instead of asking for a retry. */
  readonly final: boolean;
  readonly signal?: AbortSignal;
  readonly fetchAuthorPage: boolean;
  /** How long a 404 streak lasts before an established mention is hidden (default 7 days). */
  readonly hideMissingAfterMs?: number;
  /**
   * The job to queue after this run, given its result and the row as it was read; enqueued in
   * the same transaction as the row's change. Absent: nothing is queued (an inline check).
   */
  readonly next?: (result: VerifyResult, before: LinkbackRecord) => JobRequest | undefined;
}

export type VerifyResult =
  | { readonly kind: 'skipped' }
  | { readonly kind: 'verified'; readonly changed: boolean }
  | {
      readonly kind: 'deleted' | 'rejected' | 'kept' | 'retry' | 'deferred' | 'missing' | 'hidden';
      readonly reason: string;
    };

export interface VerifyOutcome {
  readonly result: VerifyResult;
  /** What the source showed (absent when skipped): the Pingback server maps it to a fault. */
  readonly check?: SourceCheck;
}

/** Long replies are shown as their summary or a cropped text (indieweb comments-presentation). */
const REPLY_MAX_CHARS = 1_200;
const RAW_MAX_CHARS = 16_000;
const DEFAULT_HIDE_MISSING_AFTER_MS = 7 * 24 * 60 * 60 * 1000;

/** The reason a hidden mention carries. */
export const SOURCE_MISSING = 'source_missing';

/** Once verified and not deleted since: a failing source no longer rejects it. */
const isEstablished = (r: LinkbackRecord): boolean =>
  r.verifiedAt !== null && r.item.status !== 'deleted';

/** Moderators' decisions the verifier never changes. */
const isModerated = (r: LinkbackRecord): boolean =>
  r.item.status === 'spam' || r.item.status === 'trash';

/** True when this run has nothing to do. */
function skips(record: LinkbackRecord, mode: VerifyMode): boolean {
  const { item } = record;
  if (item.sourceUrl === null || item.targetUrl === null) return true;
  if (item.status === 'deleted' && item.verification !== 'pending') return true;
  if (mode === 'if-pending' && item.verification !== 'pending') return true;
  // A re-check concerns established rows only, and never a moderator's spam or trash.
  if (mode === 'recheck') return !isEstablished(record) || isModerated(record);
  return false;
}

export async function verifyLinkback(
  deps: LinkbackDeps,
  itemId: number,
  mode: VerifyMode,
  opts: VerifyOptions,
): Promise<VerifyOutcome> {
  const record = await deps.repos.discussion.findLinkback(itemId);
  if (!record) return { result: { kind: 'skipped' } };
  if (skips(record, mode)) {
    const result: VerifyResult = { kind: 'skipped' };
    await queueOnly(deps, opts.next?.(result, record));
    return { result };
  }
  const check = await checkSource(deps.fetch, {
    source: record.item.sourceUrl ?? '',
    target: record.item.targetUrl ?? '',
    fetchAuthorPage: opts.fetchAuthorPage,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  let result: VerifyResult;
  if (check.kind === 'unavailable' && check.busy) {
    // Our own limits said no: nothing is known about the source, so nothing is written.
    const deferred: VerifyResult = { kind: 'deferred', reason: check.reason };
    const job = opts.next?.(deferred, record);
    if (job !== undefined) await queueOnly(deps, job);
    // Without a job (an inline check) the row stays pending for the queued one. A job whose
    // policy defers no more counts the refusal as a genuine attempt.
    result =
      job !== undefined || opts.next === undefined
        ? deferred
        : await apply(deps, itemId, mode, { ...check, busy: false }, opts);
  } else {
    result = await apply(deps, itemId, mode, check, opts);
  }
  deps.logger.info(
    { itemId, source: record.item.sourceUrl, check: check.kind, result: result.kind },
    'linkback verification',
  );
  return { result, check };
}

async function queueOnly(deps: LinkbackDeps, job: JobRequest | undefined): Promise<void> {
  if (job === undefined) return;
  await deps.uow.run((tx) => tx.enqueue(job));
}

async function apply(
  deps: LinkbackDeps,
  itemId: number,
  mode: VerifyMode,
  check: SourceCheck,
  opts: VerifyOptions,
): Promise<VerifyResult> {
  const now = deps.clock();
  return deps.uow.run(async (tx) => {
    const d = tx.repos.discussion;
    // Re-read inside the transaction: a moderator may have acted while the source was fetched.
    const fresh = await d.findLinkback(itemId);
    if (!fresh || skips(fresh, mode)) return { kind: 'skipped' } as const;
    const result = await decide(d, fresh, check, opts, now);
    const after = await d.findLinkback(itemId);
    // Shown or hidden by this verification: the edge's copies of its article are outdated.
    const shown = after !== undefined && isPublic(after.item);
    if (isPublic(fresh.item) !== shown) {
      await enqueuePurge(tx, discussionPurgeKeys(fresh.item.articleId));
    }
    // An approved linkback becomes public only once its source is verified: that is its approval.
    if (shown && !isPublic(fresh.item)) {
      await tx.emitDiscussion({ type: 'discussion.approved', item: after.item, at: now });
    }
    const job = opts.next?.(result, fresh);
    if (job !== undefined) await tx.enqueue(job);
    return result;
  });
}

type Discussion = LinkbackDeps['repos']['discussion'];

async function decide(
  d: Discussion,
  record: LinkbackRecord,
  check: SourceCheck,
  opts: VerifyOptions,
  now: Date,
): Promise<VerifyResult> {
  const { item } = record;
  const established = isEstablished(record);
  switch (check.kind) {
    case 'linked': {
      const fields = verifiedFields(record, check);
      if (
        item.verification === 'verified' &&
        record.sourceMissingSince === null &&
        sameAs(record, fields)
      ) {
        return { kind: 'verified', changed: false };
      }
      await d.recordLinkbackVerified(item.id, fields, now);
      return { kind: 'verified', changed: true };
    }
    case 'gone':
    case 'no-link': {
      const reason = check.kind === 'gone' ? 'source_gone' : check.reason;
      if (established && check.kind === 'no-link' && check.truncated) {
        // A page that grew past the read cap is not a withdrawn link: keep what was verified.
        await d.noteLinkbackError(item.id, reason, now);
        return { kind: 'kept', reason };
      }
      if (established) {
        await d.noteLinkbackError(item.id, reason, now);
        // Spam and trash stay so: only a shown or waiting row is marked deleted at its source.
        if (isModerated(record)) return { kind: 'kept', reason };
        const changed = await d.changeLinkbackStatus(
          item.id,
          item.status,
          'deleted',
          'verifier',
          reason,
          now,
        );
        return changed ? { kind: 'deleted', reason } : { kind: 'kept', reason };
      }
      await d.recordLinkbackRejected(item.id, reason, now);
      return { kind: 'rejected', reason };
    }
    case 'unavailable':
    case 'refused': {
      if (established && check.kind === 'unavailable' && check.status === 404) {
        return missing(d, record, check.reason, opts, now);
      }
      const retry = check.kind === 'unavailable' && !opts.final;
      if (established || item.verification === 'verified') {
        await d.noteLinkbackError(item.id, check.reason, now);
        return { kind: retry ? 'retry' : 'kept', reason: check.reason };
      }
      if (retry) {
        await d.noteLinkbackError(item.id, check.reason, now);
        return { kind: 'retry', reason: check.reason };
      }
      await d.recordLinkbackRejected(item.id, check.reason, now);
      return { kind: 'rejected', reason: check.reason };
    }
  }
}

/**
 * An established source answered 404: start or continue its streak, and hide the mention once
 * the streak is long enough. Other failures neither extend nor end a streak; only the link
 * found again (a verification) ends it.
 */
async function missing(
  d: Discussion,
  record: LinkbackRecord,
  reason: string,
  opts: VerifyOptions,
  now: Date,
): Promise<VerifyResult> {
  const { item } = record;
  const since = record.sourceMissingSince ?? now;
  if (item.verification === 'rejected' && record.sourceMissingSince !== null) {
    return { kind: 'hidden', reason: SOURCE_MISSING };
  }
  await d.noteLinkbackMissing(item.id, since, reason, now);
  const hideAfter = opts.hideMissingAfterMs ?? DEFAULT_HIDE_MISSING_AFTER_MS;
  if (now.getTime() - since.getTime() >= hideAfter) {
    await d.hideLinkback(item.id, SOURCE_MISSING, now);
    return { kind: 'hidden', reason: SOURCE_MISSING };
  }
  return { kind: 'missing', reason };
}

function verifiedFields(
  record: LinkbackRecord,
  check: Extract<SourceCheck, { kind: 'linked' }>,
): VerifiedLinkback {
  const { item } = record;
  const { content, author } = check;
  const source = new URL(check.finalUrl);
  const published = content.published ? new Date(content.published) : null;
  const base = {
    authorPhoto: null,
    rawMf2: summary(content),
    publishedAt: published && !Number.isNaN(published.getTime()) ? published : null,
  };
  if (item.protocol === 'trackback') {
    // The ping's own title, excerpt and blog name stay: verification only proves the link.
    return {
      ...base,
      type: 'trackback',
      title: item.title ?? content.pageTitle ?? content.title,
      contentHtml: item.contentHtml || text(content.excerpt),
      authorName: item.authorName,
      authorUrl: item.sourceUrl,
    };
  }
  if (item.protocol === 'pingback') {
    const title = content.pageTitle ?? content.title;
    return {
      ...base,
      type: 'pingback',
      title,
      contentHtml: text(content.excerpt),
      authorName: author?.name ?? title,
      authorUrl: author?.url ?? item.sourceUrl,
    };
  }
  const type: DiscussionType = content.type;
  return {
    ...base,
    type,
    title: content.title,
    contentHtml: webmentionBody(type, content),
    authorName: author?.name ?? source.hostname,
    authorUrl: author?.url ?? `${source.origin}/`,
  };
}

function webmentionBody(type: DiscussionType, c: LinkbackContent): TrustedHtml {
  if (type === 'like' || type === 'repost' || type === 'bookmark') return trustStoredHtml('');
  if (type !== 'reply' && type !== 'rsvp') return text(c.excerpt);
  if (c.content !== undefined && (c.contentText ?? '').length <= REPLY_MAX_CHARS) return c.content;
  if (c.summary) return text(c.summary);
  const t = c.contentText ?? c.excerpt;
  return text(t.length > REPLY_MAX_CHARS ? `${t.slice(0, REPLY_MAX_CHARS).trimEnd()}…` : t);
}

const text = (value: string): TrustedHtml =>
  value.trim() === '' ? trustStoredHtml('') : textToSanitizedHtml(value.trim());

/** What we keep of the parse for moderators (not the page): type, urls, author, dates. */
function summary(c: LinkbackContent): string {
  const { content: _html, contentText: _text, ...rest } = c;
  return JSON.stringify(rest).slice(0, RAW_MAX_CHARS);
}

function sameAs(record: LinkbackRecord, v: VerifiedLinkback): boolean {
  const i = record.item;
  return (
    i.type === v.type &&
    i.title === v.title &&
    i.contentHtml === v.contentHtml &&
    i.authorName === v.authorName &&
    i.authorUrl === v.authorUrl &&
    (i.publishedAt?.getTime() ?? null) === (v.publishedAt?.getTime() ?? null) &&
    record.rawMf2 === v.rawMf2
  );
}
