import type { Child } from 'hono/jsx';
import type { FormTokens } from '../../app/comments/form-token.js';
import type { ReaderField } from '../../app/comments/token-slots.js';
import { FIELD_LIMITS, HONEYPOT_FIELD } from '../../app/comments/comment-input.js';
import type { SiteSettings } from '../../app/site-settings.js';
import { CommentForm, type CommentFormValues } from '../../render/theme/comment-form.js';

export interface FormState {
  readonly values: CommentFormValues;
  readonly errors?: Readonly<Record<string, string>>;
  readonly message?: string;
  readonly notice?: string;
  readonly replyTo?: { readonly id: number; readonly name: string } | null;
  /** Render this mark instead of a token; every response fills in a fresh one (cached pages). */
  readonly tokenMark?: string;
  /** Render these marks instead of the reader's details; every response fills in its reader's. */
  readonly readerMarks?: Readonly<Record<ReaderField, string>>;
}

/** The comment form for one article, with a freshly signed token. */
export async function commentFormView(
  tokens: FormTokens,
  articleId: number,
  now: Date,
  settings: SiteSettings,
  state: FormState,
): Promise<Child> {
  return (
    <CommentForm
      action={`/comments/${articleId}`}
      token={state.tokenMark ?? (await tokens.issue(articleId, now))}
      honeypotName={HONEYPOT_FIELD}
      values={state.values}
      errors={state.errors ?? {}}
      message={state.message}
      notice={state.notice}
      replyTo={state.replyTo}
      cancelReplyHref="?#respond"
      maxLength={settings.comments.maxLength}
      limits={FIELD_LIMITS}
      readerMarks={state.readerMarks}
    />
  );
}
