import { Image, PropertyValue } from '@fedify/vocab';

/** A link shown among an actor's profile fields (Mastodon's "profile metadata"). */
export interface ProfileLink {
  readonly name: string;
  readonly url: string;
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Types Mastodon shows as avatars and headers, guessed from the file name (none: unnamed). */
const IMAGE_TYPES: Readonly<Record<string, string>> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
};

/** An actor's icon or header, or null when there is no usable http(s) URL. */
export function profileImage(url: string | null): Image | null {
  if (url === null) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return null;
  const ext = /\.([a-z0-9]+)$/i.exec(parsed.pathname)?.[1]?.toLowerCase() ?? '';
  return new Image({ url: parsed, mediaType: IMAGE_TYPES[ext] ?? null });
}

/**
 * The profile fields as PropertyValues: the value is a link, the HTML Mastodon expects
 * (`rel="me"` lets it verify the link once the page links back).
 */
export function profileFields(links: readonly ProfileLink[]): PropertyValue[] {
  return links.map(
    (l) =>
      new PropertyValue({
        name: l.name,
        value: `<a href="${escapeHtml(l.url)}" rel="me nofollow noopener" target="_blank">${escapeHtml(l.url.replace(/^https?:\/\//, '').replace(/\/$/, ''))}</a>`,
      }),
  );
}

/** Plain text (a bio, a site description) as the HTML an actor's summary is. */
export function summaryHtml(text: string): string | null {
  const t = text.trim();
  return t === '' ? null : `<p>${escapeHtml(t)}</p>`;
}
