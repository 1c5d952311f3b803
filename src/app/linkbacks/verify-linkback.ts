/**
 * Applies a source check to a stored linkback (W3C Webmention §3.2.2 and §3.2.4):
 * - linked → verified; type, title, excerpt/content and author stored; an unchanged resend
 *   writes nothing (idempotent), a changed one updates the same row;
 * - gone (410, meta-410) or no link → an existing (once verified) item is marked deleted and
 *   never shown again; a new one is rejected;
 * - unavailable (404, 5xx, timeout, DNS) → an existing item is kept; the job is retried with
 *   backoff (the caller throws on `retry`), and only the last attempt rejects a new one;
 * - refused (private address, too many redirects) → rejected for good, existing items kept.
 * Remote photos are never stored or shown (no hotlinking; an avatar proxy is future work).
 */
import type { DiscussionType } from '../../domain/discussion-item.js';
import { trustStoredHtml, type TrustedHtml } from '../../domain/trusted-html.js';
import { textToSanitizedHtml, type LinkbackContent } from '../../linkback/index.js';
import { checkSource, type SourceCheck } from './check-source.js';
import type { LinkbackDeps } from './deps.js';
import type { LinkbackRecord, VerifiedLinkback } from './ports.js';
import type { VerifyMode } from './verification-job.js';

export interface VerifyOptions {
  /** The last attempt: transient failures settle the row instead of asking for a retry. */
  readonly final: boolean;
  readonly signal?: AbortSignal;
  readonly fetchAuthorPage: boolean;
}

export type VerifyResult =
  | { readonly kind: 'skipped' }
  | { readonly kind: 'verified'; readonly changed: boolean }
  | { readonly kind: 'deleted' | 'rejected' | 'kept' | 'retry'; readonly reason: string };

export interface VerifyOutcome {
  readonly result: VerifyResult;
  /** What the source showed (absent when skipped): the Pingback server maps it to a fault. */
  readonly check?: SourceCheck;
}

/** Long replies are shown as their summary or a cropped text (indieweb comments-presentation). */
const REPLY_MAX_CHARS = 1_200;
const RAW_MAX_CHARS = 16_000;

export async function verifyLinkback(
  deps: LinkbackDeps,
  itemId: number,
  mode: VerifyMode,
  opts: VerifyOptions,
): Promise<VerifyOutcome> {
  const record = await deps.repos.discussion.findLinkback(itemId);
  if (!record || record.item.sourceUrl === null || record.item.targetUrl === null) {
    return { result: { kind: 'skipped' } };
  }
  if (record.item.status === 'deleted' && record.item.verification !== 'pending') {
    return { result: { kind: 'skipped' } };
  }
  if (mode === 'if-pending' && record.item.verification !== 'pending') {
    return { result: { kind: 'skipped' } };
  }
  const check = await checkSource(deps.fetch, {
    source: record.item.sourceUrl,
    target: record.item.targetUrl,
    fetchAuthorPage: opts.fetchAuthorPage,
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  const result = await apply(deps, record, check, opts.final);
  deps.logger.info(
    { itemId, source: record.item.sourceUrl, check: check.kind, result: result.kind },
    'linkback verification',
  );
  return { result, check };
}

async function apply(
  deps: LinkbackDeps,
  record: LinkbackRecord,
  check: SourceCheck,
  final: boolean,
): Promise<VerifyResult> {
  const now = deps.clock();
  const { item } = record;
  const established = record.verifiedAt !== null && item.status !== 'deleted';
  return deps.uow.run(async ({ repos }) => {
    const d = repos.discussion;
    switch (check.kind) {
      case 'linked': {
        const fields = verifiedFields(record, check);
        if (item.verification === 'verified' && sameAs(record, fields)) {
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
          await d.setStatus(item, 'deleted', 'verifier', reason, now);
          await d.noteLinkbackError(item.id, reason, now);
          return { kind: 'deleted', reason };
        }
        await d.recordLinkbackRejected(item.id, reason, now);
        return { kind: 'rejected', reason };
      }
      case 'unavailable':
      case 'refused': {
        const retry = check.kind === 'unavailable' && !final;
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
  });
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
