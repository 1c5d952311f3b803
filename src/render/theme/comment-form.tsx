/** The comment form: plain HTML that works without JavaScript; errors sit beside their fields. */
import { raw } from 'hono/html';
import type { ReaderField } from '../../app/comments/token-slots.js';
import { markupOnly } from './child-html.js';
import { escapeHtml } from './escape.js';

export interface CommentFormValues {
  readonly name: string;
  readonly email: string;
  readonly url: string;
  readonly text: string;
  readonly parent: string;
  readonly remember: boolean;
}

export const EMPTY_FORM: CommentFormValues = {
  name: '',
  email: '',
  url: '',
  text: '',
  parent: '',
  remember: false,
};

export interface CommentFormProps {
  readonly action: string;
  readonly token: string;
  readonly honeypotName: string;
  readonly values: CommentFormValues;
  readonly errors: Readonly<Record<string, string>>;
  /** A problem with the whole submission (shown above the form). */
  readonly message?: string | undefined;
  /** A success notice, such as "awaiting moderation". */
  readonly notice?: string | undefined;
  readonly replyTo?: { readonly id: number; readonly name: string } | null | undefined;
  readonly cancelReplyHref: string;
  readonly maxLength: number;
  readonly limits: { readonly name: number; readonly email: number; readonly url: number };
  /**
   * Marks written, as they are, where a remembered reader's name, email, website and "remember"
   * tick go (in place of `values`), so each response fills them for its own reader
   * (app/comments/token-slots.ts).
   */
  readonly readerMarks?: Readonly<Record<ReaderField, string>> | undefined;
}

const attr = (name: string, value: string | number | boolean | undefined): string =>
  value === undefined || value === false
    ? ''
    : ` ${name}="${value === true ? '' : escapeHtml(String(value))}"`;

function fieldErrorHtml(id: string, message: string | undefined): string {
  return message ? `<p class="error" id="${escapeHtml(id)}">${escapeHtml(message)}</p>` : '';
}

function fieldHtml(props: {
  name: 'name' | 'email' | 'url';
  label: string;
  type: string;
  value: string;
  /** Written instead of the escaped value (a reader mark). */
  mark: string | undefined;
  error: string | undefined;
  required: boolean;
  maxLength: number;
  autocomplete: string;
  hint?: string;
}): string {
  const errId = `comment-${props.name}-error`;
  const hint = props.hint ? `<span class="meta"> (${escapeHtml(props.hint)})</span>` : '';
  return (
    `<p><label for="comment-${props.name}">${escapeHtml(props.label)}${hint}</label>` +
    `<input${attr('id', `comment-${props.name}`)}${attr('name', props.name)}${attr('type', props.type)}` +
    `${props.mark === undefined ? attr('value', props.value) : ` value="${props.mark}"`}${attr('required', props.required)}${attr('maxlength', props.maxLength)}` +
    `${attr('autocomplete', props.autocomplete)}${attr('aria-invalid', props.error ? 'true' : undefined)}` +
    `${attr('aria-describedby', props.error ? errId : undefined)}/>` +
    `${fieldErrorHtml(errId, props.error)}</p>`
  );
}

/**
 * The form as markup, built as a string: it is on every fresh render of an open article, and
 * building it through JSX cost more than the rest of the page around it. Escaped as hono/jsx
 * escapes (escape.ts), so the bytes are the same.
 */
export function commentFormHtml(p: CommentFormProps): string {
  const v = p.values;
  const heading = p.replyTo ? `Reply to ${p.replyTo.name}` : 'Leave a comment';
  const textHelp = p.errors.text ? 'comment-text-error comment-text-help' : 'comment-text-help';
  return (
    `<section class="respond" id="respond" aria-labelledby="respond-title"><h3 id="respond-title">${escapeHtml(heading)}</h3>` +
    (p.notice ? `<p class="notice" role="status">${escapeHtml(p.notice)}</p>` : '') +
    (p.message
      ? `<p class="notice error" role="alert" id="comment-form-error">${escapeHtml(p.message)}</p>`
      : '') +
    (p.replyTo
      ? `<p class="meta"><a href="${escapeHtml(p.cancelReplyHref)}">Cancel reply</a></p>`
      : '') +
    `<form class="comment-form" method="post" action="${escapeHtml(p.action)}" accept-charset="utf-8">` +
    `<input type="hidden" name="token" value="${escapeHtml(p.token)}"/>` +
    `<input type="hidden" name="parent" value="${escapeHtml(v.parent)}"/>` +
    fieldErrorHtml('comment-parent-error', p.errors.parent) +
    fieldHtml({
      name: 'name',
      label: 'Name',
      type: 'text',
      value: v.name,
      mark: p.readerMarks?.name,
      error: p.errors.name,
      required: true,
      maxLength: p.limits.name,
      autocomplete: 'name',
    }) +
    fieldHtml({
      name: 'email',
      label: 'Email',
      hint: 'not published',
      type: 'email',
      value: v.email,
      mark: p.readerMarks?.email,
      error: p.errors.email,
      required: true,
      maxLength: p.limits.email,
      autocomplete: 'email',
    }) +
    fieldHtml({
      name: 'url',
      label: 'Website',
      hint: 'optional',
      type: 'url',
      value: v.url,
      mark: p.readerMarks?.url,
      error: p.errors.url,
      required: false,
      maxLength: p.limits.url,
      autocomplete: 'url',
    }) +
    `<p><label for="comment-text">Comment</label><textarea id="comment-text" name="text" required="" maxlength="${p.maxLength}" rows="8"` +
    `${attr('aria-invalid', p.errors.text ? 'true' : undefined)}${attr('aria-describedby', textHelp)}>` +
    `${escapeHtml(v.text)}</textarea>${fieldErrorHtml('comment-text-error', p.errors.text)}` +
    `<span class="meta" id="comment-text-help">Plain text; *emphasis*, **strong**, \`code\`, &gt; quotes, lists and links work. At most ${p.maxLength.toLocaleString('en-GB')} characters.</span></p>` +
    `<div class="hp" aria-hidden="true"><label for="comment-hp">Leave this empty</label><input id="comment-hp"${attr('name', p.honeypotName)} type="text" value="" tabindex="-1" autocomplete="off"/></div>` +
    `<p><label><input type="checkbox" name="remember" value="1"${p.readerMarks ? p.readerMarks.remember : attr('checked', v.remember)}/> Remember my name, email and website in this browser (sets a cookie)</label></p>` +
    `<button type="submit">Post comment</button></form></section>`
  );
}

/** The form as a hono/jsx component (markup only: the page takes its string as it is). */
export const CommentForm = markupOnly((p: CommentFormProps) => raw(commentFormHtml(p)));
