/**
 * Stores a received linkback and queues its verification, in one transaction (a row and the jobs
 * that concern it commit together or not at all). One row per (article, normalised source) whatever the protocol
 * (cases G93–G95): a Webmention for a source that pinged before upgrades that row.
 *
 * Repeats: a Webmention always re-queues verification (updates and deletions, W3C Webmention §3.2.4); a
 * Pingback or TrackBack for a live row is a duplicate (fault 48 / error 1). A row that was
 * rejected or deleted at its source is re-opened by any protocol, but spam and trash stay so
 * whatever the sender does (the row is read inside the transaction, and its status changed
 * only if it still is what was read). Linkbacks closed: new
 * linkbacks are refused, but a Webmention for an existing row is still honoured so its sender
 * can update or delete it (case G97, decision 1 in docs/conformance.md).
 */
import type { Article } from '../../domain/article.js';
import {
  storedUserAgent,
  type DiscussionType,
  type LinkbackProtocol,
} from '../../domain/discussion-item.js';
import { trustStoredHtml } from '../../domain/trusted-html.js';
import { normalizeSourceUrl, textToSanitizedHtml } from '../../linkback/index.js';
import type { LinkbackSettings } from '../site-settings.js';
import type { LinkbackDeps } from './deps.js';
import { initialStatus, judgeSource } from './moderation-rules.js';
import type { LinkbackRecord } from './ports.js';
import { verificationJob, type VerifyMode } from './verification-job.js';

export interface TrackbackFields {
  readonly title: string;
  readonly excerpt: string;
  readonly blogName: string;
}

export interface LinkbackRequest {
  readonly protocol: LinkbackProtocol;
  readonly article: Article;
  readonly linkbacksOpen: boolean;
  readonly settings: LinkbackSettings;
  readonly source: URL;
  /** As sent, fragment kept (for threading). */
  readonly target: URL;
  readonly clientIp: string | null;
  readonly userAgent: string | null;
  readonly trackback?: TrackbackFields;
  /** `if-pending` + a delay: a safety net behind a synchronous verification (Pingback). */
  readonly verifyMode: VerifyMode;
  readonly jobDelayMs?: number;
}

export type RegisterOutcome =
  | { readonly kind: 'created' | 'requeued'; readonly itemId: number }
  | { readonly kind: 'duplicate'; readonly itemId: number }
  | { readonly kind: 'blocked'; readonly itemId: number }
  | { readonly kind: 'closed' };

const protocolType = (p: LinkbackProtocol): DiscussionType => (p === 'webmention' ? 'mention' : p);

/** A row that is neither rejected nor deleted at its source: a repeat of it is a duplicate. */
const standing = (r: LinkbackRecord): boolean =>
  r.item.status !== 'deleted' && r.item.verification !== 'rejected';

export async function registerLinkback(
  deps: LinkbackDeps,
  req: LinkbackRequest,
): Promise<RegisterOutcome> {
  const sourceKey = normalizeSourceUrl(req.source.href);
  const verdict = judgeSource(req.source.href, req.settings);
  const now = deps.clock();
  return deps.uow.run(async (tx) => {
    const d = tx.repos.discussion;
    let existing = await d.findLinkbackBySource(req.article.id, sourceKey);
    if (verdict === 'blocked') {
      if (existing) return { kind: 'blocked', itemId: existing.item.id };
      if (!req.linkbacksOpen) return { kind: 'closed' };
    } else if (!req.linkbacksOpen && (req.protocol !== 'webmention' || !existing)) {
      return { kind: 'closed' };
    }
    if (!existing) {
      const tb = req.trackback;
      const inserted = await d.insertLinkbackIfAbsent(
        {
          articleId: req.article.id,
          protocol: req.protocol,
          type: protocolType(req.protocol),
          status: initialStatus(verdict),
          authorName: tb?.blogName || req.source.hostname,
          authorIp: req.clientIp,
          authorUserAgent: storedUserAgent(req.userAgent),
          sourceUrl: req.source.href,
          sourceKey,
          targetUrl: req.target.href,
          title: tb?.title ?? null,
          contentHtml: tb?.excerpt ? textToSanitizedHtml(tb.excerpt) : trustStoredHtml(''),
          // Blocked sources are kept as spam for moderators but never fetched.
          verification: verdict === 'blocked' ? 'rejected' : 'pending',
          verificationError: verdict === 'blocked' ? 'blocked_domain' : null,
        },
        now,
      );
      if (inserted) {
        if (verdict === 'blocked') return { kind: 'blocked', itemId: inserted.item.id };
        await tx.emitDiscussion({ type: 'discussion.received', item: inserted.item, at: now });
        if (inserted.item.status === 'pending') {
          await tx.emitDiscussion({ type: 'discussion.held', item: inserted.item, at: now });
        }
        await tx.enqueue(verificationJob(inserted.item.id, req.verifyMode, now, req.jobDelayMs));
        return { kind: 'created', itemId: inserted.item.id };
      }
      // Lost a race with a concurrent request for the same source: continue as a repeat.
      existing = await d.findLinkbackBySource(req.article.id, sourceKey);
      if (!existing) throw new Error('linkback row vanished during registration');
    }
    if (req.protocol !== 'webmention' && standing(existing)) {
      return { kind: 'duplicate', itemId: existing.item.id };
    }
    const reopen = !standing(existing);
    const changed =
      reopen ||
      existing.item.protocol !== req.protocol ||
      existing.item.sourceUrl !== req.source.href ||
      existing.item.targetUrl !== req.target.href;
    // An identical resend writes nothing here; its verification decides whether anything changed.
    if (changed)
      await d.requestLinkbackAgain(
        existing.item.id,
        {
          protocol: req.protocol,
          sourceUrl: req.source.href,
          targetUrl: req.target.href,
          authorIp: req.clientIp,
          authorUserAgent: storedUserAgent(req.userAgent),
          ...(reopen ? { verification: 'pending' as const, type: protocolType(req.protocol) } : {}),
        },
        now,
      );
    if (existing.item.status === 'deleted') {
      // Moderation is final: a row that was spam or trash before its source deleted it (rows
      // deleted before that rule existed) goes back to spam or trash, never to the queue.
      const before = await d.statusBeforeDeletion(existing.item.id);
      const to = before === 'spam' || before === 'trash' ? before : initialStatus(verdict);
      await d.changeLinkbackStatus(existing.item.id, 'deleted', to, 'linkback', 'sent again', now);
    }
    await tx.enqueue(verificationJob(existing.item.id, req.verifyMode, now, req.jobDelayMs));
    return { kind: 'requeued', itemId: existing.item.id };
  });
}
