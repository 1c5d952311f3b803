/**
 * TrackBack 1.2 receiver (cases F80–F90). The spec defines no validation; ours: the ping URL
 * names a live article with linkbacks open, `url` is required (title defaults to it), charsets
 * are honoured and UTF-7 refused, one ping per (article, source). Unlike WordPress we verify:
 * the row is pending until the worker finds a link back, and unverified pings are never shown.
 */
import { parseTrackbackForm } from '../../linkback/index.js';
import { ownArticleId, targetById } from '../discussion/target.js';
import type { LinkbackDeps } from './deps.js';
import { registerLinkback } from './register-linkback.js';

export type TrackbackAnswer =
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'accepted'; readonly itemId: number }
  | { readonly kind: 'error'; readonly message: string };

export interface TrackbackInput {
  readonly articleId: string;
  /** GET is only a browser following the ping URL: it is sent to the article. */
  readonly method: 'GET' | 'POST';
  readonly body: Uint8Array;
  readonly contentType: string | undefined;
  readonly clientIp: string | null;
  readonly userAgent: string | null;
}

const error = (message: string): TrackbackAnswer => ({ kind: 'error', message });

const FORM_ERRORS: Record<string, string> = {
  missing_url: 'The url field is required.',
  invalid_url: 'The url field must be an absolute http(s) URL.',
  unsupported_charset: 'That charset is not supported (UTF-7 is refused); use UTF-8.',
  invalid_content_type: 'Send the ping as application/x-www-form-urlencoded.',
};

export async function receiveTrackback(
  deps: LinkbackDeps,
  input: TrackbackInput,
): Promise<TrackbackAnswer> {
  const id = /^[1-9]\d{0,11}$/.test(input.articleId) ? Number(input.articleId) : null;
  const target = id === null ? null : await targetById(deps, id);
  if (!target) return error('I really need the ID of a published article for this to work.');
  const { article, state, settings } = target;
  if (input.method === 'GET') return { kind: 'redirect', location: target.url };
  if (!settings.linkbacks.receiveTrackbacks) {
    return error('TrackBacks are not accepted on this site.');
  }

  const form = parseTrackbackForm(input.body, input.contentType);
  if (!form.ok) return error(FORM_ERRORS[form.error.code] ?? form.error.message);
  const source = new URL(form.value.url);
  if ((await ownArticleId(deps, source)) === article.id) {
    return error('An article cannot send a TrackBack to itself.');
  }
  const outcome = await registerLinkback(deps, {
    protocol: 'trackback',
    article,
    linkbacksOpen: state.linkbacks.open,
    settings: settings.linkbacks,
    source,
    target: new URL(target.url),
    clientIp: input.clientIp,
    userAgent: input.userAgent,
    trackback: {
      title: form.value.title,
      excerpt: form.value.excerpt,
      blogName: form.value.blogName,
    },
    verifyMode: 'always',
  });
  switch (outcome.kind) {
    case 'closed':
      return error('Sorry, trackbacks are closed for this item.');
    case 'blocked':
      return error('Access denied.');
    case 'duplicate':
      return error('There is already a ping from that URL for this post.');
    default:
      return { kind: 'accepted', itemId: outcome.itemId };
  }
}
