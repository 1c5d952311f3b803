/**
 * How WordPress's records become ours: pure decisions, one place (docs/wordpress-import.md has
 * the same table for people).
 */
import type { ArticleKind, ArticleStatus } from '../../domain/article.js';
import type {
  DiscussionKind,
  DiscussionType,
  LinkbackProtocol,
  ModerationStatus,
} from '../../domain/discussion-item.js';
import { slugify } from '../../domain/slug.js';
import type { WxrComment, WxrItem } from './wxr-records.js';

/** Post types that are not content: why each is left out. */
const SKIPPED_TYPES: Readonly<Record<string, string>> = {
  nav_menu_item: 'menu entry (nav_menu_item): menus are the theme’s, not content',
  wp_navigation: 'block-theme navigation menu (wp_navigation)',
  wp_template: 'block-theme template (wp_template)',
  wp_template_part: 'block-theme template part (wp_template_part)',
  wp_global_styles: 'block-theme styles (wp_global_styles)',
  wp_block: 'reusable block (wp_block)',
  wp_font_family: 'font (wp_font_family)',
  wp_font_face: 'font (wp_font_face)',
  revision: 'WordPress revision: the current version is imported',
  custom_css: 'theme CSS (custom_css)',
  customize_changeset: 'customizer changeset',
  oembed_cache: 'oEmbed cache entry',
  user_request: 'privacy request (user_request)',
};

/** Why an item is not imported as an article, page or attachment; null when it is. */
export function skipReason(item: WxrItem): string | null {
  const type = item.postType || 'post';
  const status = item.status;
  if (type === 'attachment') return null;
  if (type !== 'post' && type !== 'page') {
    return SKIPPED_TYPES[type] ?? `post type ${type} is not one Newsdesk has`;
  }
  if (status === 'auto-draft') return 'auto-draft: WordPress’s unsaved placeholder';
  if (status === 'trash') return 'in WordPress’s trash';
  if (status === 'inherit') return 'revision (status inherit)';
  return null;
}

export const articleKindOf = (item: WxrItem): ArticleKind =>
  item.postType === 'page' ? 'page' : 'article';

export interface StatusDecision {
  readonly status: ArticleStatus;
  /** Why the WordPress status became something else, for the import's notes. */
  readonly note: string | null;
}

/**
 * publish → published, future → scheduled; draft, pending and private → draft (we have no
 * private or review state); a password-protected post → draft too, since we cannot ask readers
 * for WordPress's password: an editor decides whether it goes public.
 */
export function statusOf(item: WxrItem): StatusDecision {
  const s = item.status || 'publish';
  if (item.postPassword !== '' && (s === 'publish' || s === 'future' || s === 'private')) {
    return { status: 'draft', note: 'password-protected in WordPress: imported as a draft' };
  }
  if (s === 'publish') return { status: 'published', note: null };
  if (s === 'future') return { status: 'scheduled', note: null };
  if (s === 'private')
    return { status: 'draft', note: 'private in WordPress: imported as a draft' };
  if (s === 'pending')
    return { status: 'draft', note: 'pending review in WordPress: imported as a draft' };
  if (s === 'draft') return { status: 'draft', note: null };
  return { status: 'draft', note: `WordPress status ${s}: imported as a draft` };
}

/** `open` → true, `closed` (or anything else WordPress wrote) → false, absent → the default. */
export function switchOf(value: string, fallback: boolean): boolean {
  if (value === '') return fallback;
  return value === 'open';
}

/** WordPress's comment_approved onto our moderation statuses. */
export function moderationOf(approved: string): ModerationStatus {
  switch (approved) {
    case '1':
    case 'approve':
    case 'approved':
      return 'approved';
    case 'spam':
      return 'spam';
    case 'trash':
    case 'post-trashed':
      return 'trash';
    default:
      return 'pending';
  }
}

export interface CommentShape {
  readonly kind: DiscussionKind;
  readonly protocol: LinkbackProtocol | null;
  readonly type: DiscussionType;
}

/** An ordinary comment, a pingback, a trackback or a webmention (the plugin's type); else null. */
export function commentShape(c: WxrComment): CommentShape | null {
  switch (c.commentType) {
    case '':
    case 'comment':
      return { kind: 'comment', protocol: null, type: 'comment' };
    case 'pingback':
      return { kind: 'linkback', protocol: 'pingback', type: 'pingback' };
    case 'trackback':
      return { kind: 'linkback', protocol: 'trackback', type: 'trackback' };
    case 'webmention':
      return { kind: 'linkback', protocol: 'webmention', type: 'mention' };
    default:
      return null;
  }
}

function decodePercent(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Our slug for a WordPress slug (which may be percent-encoded UTF-8), else for the name. */
export function slugFrom(wpSlug: string, name: string, fallback: string): string {
  for (const candidate of [decodePercent(wpSlug), name]) {
    const s = slugify(candidate);
    if (candidate.trim() !== '' && s !== 'untitled') return s;
  }
  return slugify(fallback);
}

/**
 * The key an item is known by in the import map: its post id (the site's own key), else its
 * guid, else its link. Guids are not unique in real exports (copied posts keep them).
 */
export function itemKey(item: WxrItem): string {
  if (/^\d+$/.test(item.postId)) return `id:${item.postId}`;
  if (item.guid) return `guid:${item.guid}`;
  if (item.link) return `link:${item.link}`;
  return `item:${item.postDate}:${item.title}`;
}

export function commentKey(item: WxrItem, c: WxrComment, position: number): string {
  return `${itemKey(item)}#${/^\d+$/.test(c.id) ? c.id : `n${position}`}`;
}

/** The site an export comes from, as the import map's namespace: `https://host/path`. */
export function sourceOf(urls: readonly string[]): string {
  for (const raw of urls) {
    try {
      const u = new URL(raw.trim());
      if (u.protocol !== 'http:' && u.protocol !== 'https:') continue;
      return `${u.protocol}//${u.host.toLowerCase()}${u.pathname.replace(/\/+$/, '')}`.slice(
        0,
        300,
      );
    } catch {
      // not a URL: try the next
    }
  }
  return 'unknown-site';
}

/**
 * Parents before children, so each reply finds the id its parent got; replies whose parent is
 * not in the export keep their place and become top-level.
 */
export function parentsFirst<T extends { readonly id: string; readonly parent: string }>(
  comments: readonly T[],
): T[] {
  const ids = new Set(comments.map((c) => c.id));
  const done = new Set<string>();
  const out: T[] = [];
  let rest = [...comments];
  while (rest.length > 0) {
    const next: T[] = [];
    for (const c of rest) {
      const p = c.parent;
      if (p === '' || p === '0' || !ids.has(p) || done.has(p) || p === c.id) {
        out.push(c);
        done.add(c.id);
      } else next.push(c);
    }
    if (next.length === rest.length) {
      out.push(...next); // a cycle: keep them, unthreaded
      break;
    }
    rest = next;
  }
  return out;
}

/** Absolute http(s) links in a body that point away from the source site. */
export function externalLinks(html: string, sourceHost: string): string[] {
  const out = new Set<string>();
  for (const m of html.matchAll(/\bhref\s*=\s*["'](https?:\/\/[^"'\s<>]+)["']/gi)) {
    const href = (m[1] ?? '').replace(/&amp;/g, '&');
    try {
      const u = new URL(href);
      if (u.host.toLowerCase() === sourceHost) continue;
      out.add(u.toString());
    } catch {
      // not a URL
    }
    if (out.size >= 100) break;
  }
  return [...out];
}
