import { describeReason, moderationVerdict } from '../../domain/comment-moderation.js';
import { pageOfItem } from '../../domain/comment-pages.js';
import {
  isPublic,
  storedUserAgent,
  threadComments,
  type DiscussionItem,
} from '../../domain/discussion-item.js';
import { failure, type Failure } from '../../domain/failures.js';
import { err, ok, type Result } from '../../domain/result.js';
import { discussionPurgeKeys, enqueuePurge } from '../cache/purge.js';
import type { AppDeps } from '../deps.js';
import { targetById } from '../discussion/target.js';
import type { RateLimiter } from '../ports.js';
import { heldItemMessage } from '../notifications/held-item-message.js';
import { queueNotification } from '../notifications/queue-notification.js';
import { moderatorRecipients } from '../notifications/recipients.js';
import { loadSiteSettings, type CommentSettings } from '../site-settings.js';
import { articlePageModel, type ArticlePage } from '../site/page-model.js';
import { renderComment } from './comment-content.js';
import {
  HONEYPOT_FIELD,
  parseCommentInput,
  type CommentFormFields,
  type CommentInput,
} from './comment-input.js';
import type { FormTokens, TokenCheck } from './form-token.js';
import { replyTarget } from './reply-target.js';
import type { SpamChecker } from './spam-checker.js';

export interface CommentDeps {
  readonly app: AppDeps;
  readonly limiter: RateLimiter;
  readonly tokens: FormTokens;
  /** Null unless an Akismet-compatible service is configured. */
  readonly spamChecker: SpamChecker | null;
  readonly siteTitle: string;
}

export interface PostCommentRequest {
  readonly articleId: number;
  readonly fields: CommentFormFields;
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly referrer: string | null;
}

export interface PostedComment {
  readonly item: DiscussionItem;
  readonly input: CommentInput;
  readonly articlePath: string;
  /** The comment page the item is shown on; null while it is not public. */
  readonly page: number | null;
}

/** Why a comment was not taken, and what the form's page needs to say so. */
export interface CommentRefusal {
  readonly failure: Failure;
  /**
   * The article's page, to show again with the form, the reader's text and the messages. Absent
   * when there is no article to show, and for rate limiting (a flood gets no page renders).
   */
  readonly page?: ArticlePage;
}

const TOKEN_MESSAGES: Record<Exclude<TokenCheck, 'ok'>, string> = {
  invalid: 'We could not verify this form. Please check your comment and send it again.',
  'too-fast': 'That was very quick. Please check your comment and send it again.',
  expired: 'This form had expired. Please check your comment and send it again.',
};

function rateLimit(deps: CommentDeps, s: CommentSettings, req: PostCommentRequest): Failure | null {
  const windowMs = s.rateWindowSeconds * 1000;
  for (const [key, limit] of [
    [`ip:${req.ip ?? 'unknown'}`, s.perIpLimit],
    [`article:${req.articleId}`, s.perArticleLimit],
  ] as const) {
    const d = deps.limiter.take(key, limit, windowMs);
    if (!d.allowed) {
      return failure(
        'rate_limited',
        'You are sending comments too quickly. Please wait a moment.',
        {
          retryAfterSeconds: d.retryAfterSeconds,
        },
      );
    }
  }
  return null;
}

/**
 * The comment form's POST: rate limits → policy → validation → form token → sanitising →
 * duplicate check → moderation rules (+ optional spam service) → the row, its moderation record,
 * and any moderator mail with its job, in one transaction.
 */
export async function postComment(
  deps: CommentDeps,
  req: PostCommentRequest,
): Promise<Result<PostedComment, CommentRefusal>> {
  const { repos, clock } = deps.app;
  const settings = await loadSiteSettings(repos.settings);
  const s = settings.comments;
  const limited = rateLimit(deps, s, req);
  if (limited) return err({ failure: limited });

  const now = clock();
  const target = await targetById(deps.app, req.articleId, settings);
  if (!target) return err({ failure: failure('not_found', 'There is no such article.') });
  const { article, path } = target;
  const refuse = async (f: Failure) =>
    err<CommentRefusal>({
      failure: f,
      page: await articlePageModel(deps.app, article, path, 1, settings),
    });
  if (!target.state.comments.open) return refuse(failure('comments_closed'));
  if ((req.fields[HONEYPOT_FIELD] ?? '') !== '') {
    return refuse(
      failure('invalid_input', 'Please leave the field marked “leave this empty” empty.'),
    );
  }
  const parsed = parseCommentInput(req.fields, s.maxLength);
  if (!parsed.ok) {
    return refuse(
      failure('invalid_input', 'Please correct the fields marked below.', {
        fields: parsed.fields,
      }),
    );
  }
  const input = parsed.value;
  const check = await deps.tokens.verify(input.token, article.id, now, {
    minFillSeconds: s.minFillSeconds,
    maxAgeSeconds: s.formMaxAgeMinutes * 60,
  });
  if (check !== 'ok') return refuse(failure('invalid_input', TOKEN_MESSAGES[check]));
  if (input.parentId !== null && !(await replyTarget(deps.app, article.id, input.parentId))) {
    return refuse(
      failure('invalid_input', 'Please correct the fields marked below.', {
        fields: { parent: 'The comment you are replying to was not found.' },
      }),
    );
  }
  const content = renderComment(deps.app.markup, input.text);
  const author = { email: input.email, name: input.name };
  if (await repos.discussion.findDuplicateComment(article.id, author, input.text)) {
    return refuse(failure('conflict', 'You have already posted this comment on this article.'));
  }
  const verdict = moderationVerdict(
    {
      authorName: input.name,
      authorEmail: input.email,
      authorUrl: input.url,
      authorIp: req.ip,
      text: input.text,
      links: content.links,
      approvedBefore: await repos.discussion.countApprovedByEmail(input.email),
    },
    s,
  );
  let status = verdict.status;
  let actor = 'rules';
  let reasons = verdict.reasons.map(describeReason);
  if (status !== 'spam' && deps.spamChecker) {
    const opinion = await deps.spamChecker.check({
      permalink: `${deps.app.siteUrl}${path}`,
      authorName: input.name,
      authorEmail: input.email,
      authorUrl: input.url,
      content: input.text,
      ip: req.ip,
      userAgent: req.userAgent,
      referrer: req.referrer,
    });
    if (opinion === 'spam')
      [status, actor, reasons] = ['spam', 'spam-checker', ['spam service verdict']];
  }
  const recipients = status === 'pending' ? await moderatorRecipients(repos, s) : [];

  const item = await deps.app.uow.run(async (tx) => {
    const inserted = await tx.repos.discussion.insert(
      {
        articleId: article.id,
        kind: 'comment',
        protocol: null,
        type: 'comment',
        status: 'pending',
        parentId: input.parentId,
        authorName: input.name,
        authorUrl: input.url,
        authorEmail: input.email,
        authorIp: req.ip,
        authorUserAgent: storedUserAgent(req.userAgent),
        sourceUrl: null,
        sourceKey: null,
        targetUrl: null,
        title: null,
        contentHtml: content.html,
        contentSource: input.text,
        verification: 'not-required',
        publishedAt: status === 'approved' ? now : null,
      },
      now,
    );
    await tx.emitDiscussion({ type: 'discussion.received', item: inserted, at: now });
    if (status === 'pending') {
      await tx.emitDiscussion({ type: 'discussion.held', item: inserted, at: now });
      const message = heldItemMessage({
        siteTitle: deps.siteTitle,
        articleTitle: article.title,
        articleUrl: `${deps.app.siteUrl}${path}`,
        item: inserted,
        text: input.text,
        reasons: verdict.reasons,
      });
      await queueNotification(tx, recipients, message, now);
      return inserted;
    }
    const stored = await tx.repos.discussion.setStatus(
      inserted,
      status,
      actor,
      reasons.join('; ') || null,
      now,
    );
    if (isPublic(stored)) await enqueuePurge(tx, discussionPurgeKeys(article.id));
    if (stored.status === 'approved') {
      await tx.emitDiscussion({ type: 'discussion.approved', item: stored, at: now });
    }
    return stored;
  });

  let page: number | null = null;
  if (item.status === 'approved') {
    const comments = (await repos.discussion.listPublic(article.id)).filter(
      (i) => i.kind === 'comment' || i.kind === 'fediverse',
    );
    const ordered = s.order === 'newest' ? [...comments].reverse() : comments;
    page = pageOfItem(threadComments(ordered, s.maxDepth), item.id, s.perPage);
  }
  return ok({ item, input, articlePath: path, page });
}
