/**
 * WordPress uploads onto the media library, with no I/O: which file under `wp-content/uploads` an
 * attachment names, and the rewriting of a post body's links to those files (the full file, the
 * size variants WordPress made such as `photo-300x200.jpg`, `srcset` lists) into our `/media/`
 * URLs. A URL that names no imported file is left exactly as it was.
 */
import {
  fallbackFormat,
  mediaPath,
  originalKey,
  variantKey,
  variantWidths,
  type MediaItem,
} from '../../domain/media.js';
import { htmlToText } from './html-text.js';
import type { WxrItem } from './wxr-records.js';

const UPLOADS = '/wp-content/uploads/';

function decoded(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * The attachment's path below `wp-content/uploads`: its `_wp_attached_file`, else what follows
 * `wp-content/uploads/` in its URL, else a WordPress.com-style `/YYYY/MM/name` URL path; '' when
 * none of them says.
 */
export function uploadsPathOf(item: WxrItem): string {
  const meta = item.meta.find((m) => m.key === '_wp_attached_file')?.value.trim();
  if (meta) return meta.replace(/^\/+/, '');
  const url = item.attachmentUrl || item.guid;
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return '';
  }
  const at = path.indexOf(UPLOADS);
  if (at >= 0) return decoded(path.slice(at + UPLOADS.length));
  return /^\/\d{4}\/\d{2}\/[^/]+$/.test(path) ? decoded(path.slice(1)) : '';
}

/** An attachment's alt text, caption (its excerpt) and title, as plain text. */
export function attachmentText(item: WxrItem): { alt: string; caption: string; title: string } {
  return {
    alt: htmlToText(item.meta.find((m) => m.key === '_wp_attachment_image_alt')?.value ?? ''),
    caption: htmlToText(item.excerpt),
    title: htmlToText(item.title),
  };
}

// `name-300x200.jpg` is WordPress's 300-pixel size of `name.jpg`; `-scaled` and `-rotated` name
// the big-image and rotated copies WordPress 5.3+ keeps beside the original.
const SIZED = /^(.*?)(?:-(\d{1,5})x(\d{1,5}))?(?:-(?:scaled|rotated))?(\.[A-Za-z0-9]{2,5})$/;

function stemOf(rel: string): { key: string; width: number | null } {
  const m = SIZED.exec(rel);
  if (!m) return { key: rel, width: null };
  return { key: `${m[1] ?? ''}${m[4] ?? ''}`, width: m[2] ? Number(m[2]) : null };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** What a body rewrite gives: the new HTML and the library items it now shows. */
export interface Rewritten {
  readonly html: string;
  readonly mediaIds: readonly number[];
}

/** The imported uploads of one import, and the rewriting of bodies to them. */
export class UploadsMap {
  /** `host/path/` prefixes the uploads were served under (scheme left out: http, https, `//`). */
  private readonly bases = new Set<string>();
  private readonly exact = new Map<string, MediaItem>();
  private readonly stems = new Map<string, MediaItem>();
  /** The URL pattern over the bases (global, for bodies) and the same anchored (one URL). */
  private pattern: { readonly all: RegExp; readonly one: RegExp } | null = null;

  get size(): number {
    return this.exact.size;
  }

  /** Records that the attachment at `url` (file `rel` under uploads) became `item`. */
  add(url: string, rel: string, item: MediaItem): void {
    this.exact.set(rel, item);
    const { key } = stemOf(rel);
    if (!this.stems.has(key)) this.stems.set(key, item);
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      return;
    }
    const path = decoded(u.pathname);
    const at = u.pathname.indexOf(UPLOADS);
    const base =
      at >= 0
        ? u.pathname.slice(0, at + UPLOADS.length)
        : path.endsWith(`/${rel}`)
          ? u.pathname.slice(0, u.pathname.length - encodeURI(rel).length)
          : null;
    if (base === null) return;
    const prefix = `${u.host.toLowerCase()}${base.endsWith('/') ? base : `${base}/`}`;
    if (!this.bases.has(prefix)) {
      this.bases.add(prefix);
      this.pattern = null;
    }
  }

  /** Our URL for a file below the uploads folder, or null when it names nothing imported. */
  urlFor(rel: string): { url: string; width: number; item: MediaItem } | null {
    const whole = this.exact.get(rel);
    if (whole) return { url: mediaPath(originalKey(whole)), width: whole.width, item: whole };
    const { key, width } = stemOf(rel);
    const item = this.stems.get(key);
    if (!item) return null;
    if (width === null) return { url: mediaPath(originalKey(item)), width: item.width, item };
    // The narrowest of our widths that is at least as wide as WordPress's size (else the widest).
    const widths = variantWidths(item.width);
    const w = widths.find((x) => x >= width) ?? item.width;
    return { url: mediaPath(variantKey(item.hash, w, fallbackFormat(item))), width: w, item };
  }

  private regex(): { readonly all: RegExp; readonly one: RegExp } | null {
    if (this.bases.size === 0) return null;
    if (!this.pattern) {
      const source = `(?:https?:)?//(?:${[...this.bases].map(escapeRe).join('|')})([^\\s"'<>()\\[\\]?#,]+)(?:[?#][^\\s"'<>,]*)?`;
      this.pattern = { all: new RegExp(source, 'gi'), one: new RegExp(`^${source}$`, 'i') };
    }
    return this.pattern;
  }

  /** The body with every link to an imported upload made ours. */
  rewrite(html: string): Rewritten {
    const re = this.regex();
    if (!re || !html.includes('//')) return { html, mediaIds: [] };
    const { all, one: single } = re;
    const used = new Set<number>();
    const one = (rel: string) => {
      const hit = this.urlFor(decoded(rel));
      if (!hit) return null;
      used.add(hit.item.id);
      return hit;
    };
    // srcset first: each candidate's width descriptor is set to the width our file has.
    let out = html.replace(
      /(\ssrcset\s*=\s*)(["'])([^"']*)\2/gi,
      (whole, lead: string, q: string, list: string) => {
        const seen = new Set<string>();
        const candidates: string[] = [];
        for (const candidate of list.split(/,\s+|,(?=\S)/)) {
          const [url = '', descriptor = ''] = candidate.trim().split(/\s+/, 2);
          const m = single.exec(url);
          const hit = m ? one(m[1] ?? '') : null;
          const next = hit
            ? `${hit.url}${/^\d+w$/.test(descriptor) ? ` ${hit.width}w` : descriptor ? ` ${descriptor}` : ''}`
            : candidate.trim();
          const urlPart = next.split(/\s+/)[0] ?? next;
          if (seen.has(urlPart)) continue;
          seen.add(urlPart);
          candidates.push(next);
        }
        return `${lead}${q}${candidates.join(', ')}${q}`;
      },
    );
    out = out.replace(all, (match, rel: string) => one(rel)?.url ?? match);
    return { html: out, mediaIds: [...used] };
  }
}
