/**
 * What a verified source says about our target (microformats2 h-entry, as webmention.rocks reads it): the representative h-entry,
 * its type against our target, author, dates, title, sanitised content and a plain excerpt
 * around the link. Pages without microformats become a plain mention titled by `<title>`
 * (else the URL). Pure: an author known only by URL comes back as `authorPageUrl` for the
 * caller to fetch through the guarded fetcher.
 */
import { collapseWhitespace } from '../html/text.js';
import { documentBaseUrl, documentTitle, parseHtmlDocument, textContent } from '../html/dom.js';
import { isHtmlType } from '../media-type.js';
import { matchKey, parseHttpUrl } from '../url.js';
import { findAuthor, type LinkbackAuthor } from './author.js';
import { classifyEntry, type LinkbackType, type RsvpValue } from './classify.js';
import { excerptAroundLink, leadingExcerpt } from './excerpt.js';
import { findTargetLinks } from './link-elements.js';
import { firstString, isHtml, parseMf2, propertyUrls, type Mf2Item } from './mf2.js';
import { findRepresentativeEntry } from './representative-entry.js';
import { sanitizeContent, textToSanitizedHtml, type SanitizedHtml } from './sanitize-content.js';

export interface LinkbackContentInput {
  readonly body: string;
  /** The source URL after redirects: base for every relative URL. */
  readonly finalUrl: string | URL;
  readonly target: string | URL;
  readonly contentType?: string | undefined;
}

export interface LinkbackContent {
  readonly type: LinkbackType;
  readonly rsvp?: RsvpValue;
  /** True when a representative h-entry (or h-event/h-cite) was found. */
  readonly hasEntry: boolean;
  /** The entry's own http(s) `url`, else the final source URL. */
  readonly url: string;
  /** The entry's `name`, only when it is a real title (not a prefix of the content). */
  readonly name?: string;
  /** What to show as a title: name, else page `<title>`, else the URL. */
  readonly title: string;
  readonly pageTitle?: string;
  readonly author?: LinkbackAuthor;
  readonly authorPageUrl?: string;
  /** Raw mf2 `published`/`updated` text (offset kept; parse it where the clock lives). */
  readonly published?: string;
  readonly updated?: string;
  readonly content?: SanitizedHtml;
  readonly contentText?: string;
  readonly summary?: string;
  /** Plain text around the link (≈100 characters each side). */
  readonly excerpt: string;
  /** http(s) photo URLs, raw: the display side proxies them instead of hotlinking. */
  readonly photos: readonly string[];
}

export function extractLinkback(input: LinkbackContentInput): LinkbackContent {
  const fallbackUrl = new URL(input.finalUrl).href;
  if (!isHtmlType(input.contentType)) {
    return {
      type: 'mention',
      hasEntry: false,
      url: fallbackUrl,
      title: fallbackUrl,
      excerpt: '',
      photos: [],
    };
  }
  const document = parseHtmlDocument(input.body);
  const base = documentBaseUrl(document, input.finalUrl);
  const pageTitle = documentTitle(document);
  const mf2 = parseMf2(input.body, input.finalUrl);
  const chosen = findRepresentativeEntry(mf2, input.finalUrl);
  const entry = chosen?.entry;

  const targetKey = matchKey(String(input.target));
  const links = targetKey === null ? [] : findTargetLinks(document, base, targetKey);
  const link = links.find((l) => l.inEntry) ?? links[0];
  const { content, contentText } = readContent(entry, base);
  const bodyText = textContent(document);
  const excerpt =
    link !== undefined ? excerptAroundLink(link) : leadingExcerpt(contentText ?? bodyText);

  const name = entry === undefined ? undefined : realName(entry, contentText);
  const classification =
    entry === undefined ? { type: 'mention' as const } : classifyEntry(entry, input.target, base);
  const { author, authorPageUrl } = findAuthor(entry, chosen?.feed, mf2, base);
  const entryUrl = entry === undefined ? undefined : httpUrls(entry, 'url', base)[0];
  const published = entry === undefined ? undefined : firstString(entry, 'published');
  const updated = entry === undefined ? undefined : firstString(entry, 'updated');
  const summary = entry === undefined ? undefined : firstString(entry, 'summary');

  return {
    ...classification,
    hasEntry: entry !== undefined,
    url: entryUrl ?? fallbackUrl,
    ...(name === undefined ? {} : { name }),
    title: name ?? pageTitle ?? fallbackUrl,
    ...(pageTitle === undefined ? {} : { pageTitle }),
    ...(author === undefined ? {} : { author }),
    ...(authorPageUrl === undefined ? {} : { authorPageUrl }),
    ...(published === undefined ? {} : { published }),
    ...(updated === undefined ? {} : { updated }),
    ...(content === undefined ? {} : { content, contentText }),
    ...(summary === undefined ? {} : { summary: collapseWhitespace(summary) }),
    excerpt,
    photos: entry === undefined ? [] : httpUrls(entry, 'photo', base),
  };
}

function readContent(
  entry: Mf2Item | undefined,
  base: URL,
): { content?: SanitizedHtml; contentText?: string } {
  const value = entry?.properties['content']?.[0];
  if (value === undefined) return {};
  if (isHtml(value)) {
    return {
      content: sanitizeContent(value.html, base),
      contentText: collapseWhitespace(value.value),
    };
  }
  const text = firstString(entry as Mf2Item, 'content');
  return text === undefined
    ? {}
    : { content: textToSanitizedHtml(text), contentText: collapseWhitespace(text) };
}

/** Drops `name` when it merely repeats the start of the content (a note, not an article). */
function realName(entry: Mf2Item, contentText: string | undefined): string | undefined {
  const name = firstString(entry, 'name');
  if (name === undefined) return undefined;
  if (contentText === undefined) return collapseWhitespace(name);
  const squash = (s: string): string => s.replace(/(?:…|\.\.\.)\s*$/u, '').replace(/\s+/gu, '');
  return squash(contentText).startsWith(squash(name)) ? undefined : collapseWhitespace(name);
}

function httpUrls(entry: Mf2Item, property: string, base: URL): string[] {
  return propertyUrls(entry, property)
    .map((u) => parseHttpUrl(u, base)?.href)
    .filter((u): u is string => u !== undefined);
}
