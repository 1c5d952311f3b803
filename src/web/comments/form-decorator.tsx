import type { AppDeps } from '../../app/deps.js';
import type { FormTokens } from '../../app/comments/form-token.js';
import {
  READER_FIELDS,
  type ReaderField,
  type TokenSlots,
} from '../../app/comments/token-slots.js';
import { replyTarget } from '../../app/comments/reply-target.js';
import { EMPTY_FORM } from '../../render/theme/comment-form.js';
import type { ArticleDecorator } from '../site/site-app.js';
import { commentFormView } from './form-view.js';

export const HELD_NOTICE = 'Thank you. Your comment is awaiting moderation.';

/**
 * Adds the comment form to article pages whose comments are open; closed pages get no form at
 * all (the discussion sentence says why). `?replyto=ID` starts a reply without JavaScript.
 */
export function commentFormDecorator(deps: {
  app: Pick<AppDeps, 'repos' | 'clock'>;
  tokens: FormTokens;
  slots: Pick<TokenSlots, 'mark' | 'readerMark'>;
}): ArticleDecorator {
  const readerMarks = Object.fromEntries(
    READER_FIELDS.map((f) => [f, deps.slots.readerMark(f)]),
  ) as Record<ReaderField, string>;
  return async ({ model, settings, request }) => {
    if (!model.discussion.state.comments.open) return {};
    const query = new URL(request.url).searchParams;
    const replyId = /^\d{1,12}$/.test(query.get('replyto') ?? '')
      ? Number(query.get('replyto'))
      : null;
    const parent = replyId === null ? null : await replyTarget(deps.app, model.article.id, replyId);
    const replyTo = parent ? { id: parent.id, name: parent.authorName } : null;
    const form = await commentFormView(deps.tokens, model.article.id, deps.app.clock(), settings, {
      values: { ...EMPTY_FORM, parent: replyTo ? String(replyTo.id) : '' },
      notice: query.get('comment') === 'held' ? HELD_NOTICE : undefined,
      replyTo,
      tokenMark: deps.slots.mark(model.article.id),
      readerMarks,
    });
    // The form never depends on the cookie: its token and the reader's remembered details are
    // marks each response fills (app/comments/token-slots.ts), so one page serves every reader.
    const personal = replyTo !== null || query.has('comment');
    return { commentForm: form, headers: [['Vary', 'Cookie']], cacheable: !personal };
  };
}
