import { randomBytes } from 'node:crypto';
import type { FormTokens } from './form-token.js';

/**
 * Comment-form tokens on cached pages. A cached page must not carry the token minted when it was
 * rendered (that would make the minimum fill time meaningless), so the template marks where each
 * token goes, and each response gets tokens of its own time window.
 *
 * - The marks carry a random nonce made once per process and never sent: visitor text cannot
 *   contain a mark, so filling touches only the places the template made.
 * - A template is split at its marks once, when the page is cached; a response joins the parts
 *   with tokens and never searches or rewrites the body.
 * - Tokens are minted once per article per second (`windowMs`). A token's issue time is the
 *   window's start, so the minimum fill time and the maximum age are measured as precisely as the
 *   window is wide; that is the same check as a token per response, at one HMAC a second.
 */
export interface TokenTemplate {
  /** The page split at its marks: `parts.length === articleIds.length + 1`. */
  readonly parts: readonly string[];
  /** The article each mark asks a token for, in page order. */
  readonly articleIds: readonly number[];
}

export interface TokenSlots {
  /** The mark a template renders where the token for `articleId` goes. */
  mark(articleId: number): string;
  /** The template split at its marks, or null when it has none. */
  split(html: string): TokenTemplate | null;
  /** A token for this article, shared by every response in the current window. */
  mint(articleId: number): Promise<string>;
  /** A split template joined with this window's tokens (fresh renders). */
  join(template: TokenTemplate): Promise<string>;
  /** The template with its marks replaced by tokens: `split` then `join`. */
  fill(html: string): Promise<string>;
}

export function tokenSlots(
  tokens: Pick<FormTokens, 'issue'>,
  clock: () => Date,
  opts: { readonly windowMs?: number; readonly nonce?: string } = {},
): TokenSlots {
  const windowMs = opts.windowMs ?? 1_000;
  const nonce = opts.nonce ?? randomBytes(12).toString('hex');
  const markPattern = new RegExp(`__newsdesk_token_${nonce}_(\\d{1,12})__`, 'g');
  const minted = new Map<number, { readonly window: number; readonly token: Promise<string> }>();

  const mint = (articleId: number): Promise<string> => {
    const window = Math.floor(clock().getTime() / windowMs);
    const held = minted.get(articleId);
    if (held && held.window === window) return held.token;
    const token = tokens.issue(articleId, new Date(window * windowMs));
    // A failed mint (the secret could not be read) is never kept for the next response.
    token.catch(() => minted.delete(articleId));
    if (minted.size >= 10_000) minted.clear();
    minted.set(articleId, { window, token });
    return token;
  };

  const split = (html: string): TokenTemplate | null => {
    const parts: string[] = [];
    const articleIds: number[] = [];
    let from = 0;
    for (const m of html.matchAll(markPattern)) {
      parts.push(html.slice(from, m.index));
      articleIds.push(Number(m[1]));
      from = m.index + m[0].length;
    }
    if (articleIds.length === 0) return null;
    parts.push(html.slice(from));
    return { parts, articleIds };
  };

  const join = async (template: TokenTemplate): Promise<string> => {
    const filled = await Promise.all(template.articleIds.map(mint));
    return template.parts.reduce((out, part, i) => out + (filled[i - 1] ?? '') + part);
  };

  return {
    mark: (articleId) => `__newsdesk_token_${nonce}_${articleId}__`,
    split,
    mint,
    join,
    async fill(html) {
      const template = split(html);
      return template ? join(template) : html;
    },
  };
}
