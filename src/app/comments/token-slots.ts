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
 * - A form never carries a reader's remembered details either: it carries reader marks
 *   (`readerMark`), and each response fills them with the details of the reader who asked
 *   (`ReaderFill`, from their cookie) or with nothing. So one rendered page serves every reader,
 *   and what one reader's cookie holds is never kept, let alone sent to another.
 */

/** The places a comment form shows what a reader's "remember me" cookie holds. */
export const READER_FIELDS = ['name', 'email', 'url', 'remember'] as const;
export type ReaderField = (typeof READER_FIELDS)[number];

/** The markup each reader mark stands for in one response (already escaped; '' for nothing). */
export type ReaderFill = Readonly<Record<ReaderField, string>>;

/** What a mark asks for: the token for an article (its id), or one of the reader's details. */
export type Slot = number | ReaderField;

export interface TokenTemplate {
  /** The page split at its marks: `parts.length === slots.length + 1`. */
  readonly parts: readonly string[];
  /** What each mark stands for, in page order. */
  readonly slots: readonly Slot[];
}

export interface TokenSlots {
  /** The mark a template renders where the token for `articleId` goes. */
  mark(articleId: number): string;
  /** The mark a template renders where a reader's own detail goes. */
  readerMark(field: ReaderField): string;
  /** The template split at its marks, or null when it has none. */
  split(html: string): TokenTemplate | null;
  /** A token for this article, shared by every response in the current window. */
  mint(articleId: number): Promise<string>;
  /** A split template joined with this window's tokens and the reader's details, if any. */
  join(template: TokenTemplate, reader?: ReaderFill | null): Promise<string>;
  /** The template with its marks replaced: `split` then `join`. */
  fill(html: string, reader?: ReaderFill | null): Promise<string>;
}

export function tokenSlots(
  tokens: Pick<FormTokens, 'issue'>,
  clock: () => Date,
  opts: { readonly windowMs?: number; readonly nonce?: string } = {},
): TokenSlots {
  const windowMs = opts.windowMs ?? 1_000;
  const nonce = opts.nonce ?? randomBytes(12).toString('hex');
  // Sticky: tried only where `indexOf` found the marks' common prefix, which is much faster over
  // a whole page than a global regex search.
  const markPattern = new RegExp(
    `__newsdesk_(?:token_${nonce}_(\\d{1,12})|reader_${nonce}_(${READER_FIELDS.join('|')}))__`,
    'y',
  );
  const MARK_PREFIX = '__newsdesk_';
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
    const slots: Slot[] = [];
    let from = 0;
    for (let at = html.indexOf(MARK_PREFIX); at !== -1; at = html.indexOf(MARK_PREFIX, at + 1)) {
      markPattern.lastIndex = at;
      const m = markPattern.exec(html);
      if (!m) continue;
      parts.push(html.slice(from, at));
      slots.push(m[1] !== undefined ? Number(m[1]) : (m[2] as ReaderField));
      from = at + m[0].length;
      at = from - 1;
    }
    if (slots.length === 0) return null;
    parts.push(html.slice(from));
    return { parts, slots };
  };

  const join = async (template: TokenTemplate, reader?: ReaderFill | null): Promise<string> => {
    const filled = await Promise.all(
      template.slots.map((slot) =>
        typeof slot === 'number' ? mint(slot) : (reader?.[slot] ?? ''),
      ),
    );
    return template.parts.reduce((out, part, i) => out + (filled[i - 1] ?? '') + part);
  };

  return {
    mark: (articleId) => `__newsdesk_token_${nonce}_${articleId}__`,
    readerMark: (field) => `__newsdesk_reader_${nonce}_${field}__`,
    split,
    mint,
    join,
    async fill(html, reader) {
      const template = split(html);
      return template ? join(template, reader) : html;
    },
  };
}
