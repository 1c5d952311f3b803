/**
 * Post author, following the IndieWeb authorship algorithm (indieweb.org/authorship-spec,
 * the IndieWeb authorship algorithm, indieweb.org/authorship-spec) without any fetching: `author` on the entry (or its h-feed) as an h-card, a
 * URL or a plain name; else the first `rel=author` link. When only a URL is known and no
 * h-card on this page carries it, `authorPageUrl` is returned: the caller may fetch that page
 * through the guarded fetcher (a second-order SSRF otherwise, as CVE-2026-0686 was) and call `authorFromAuthorPage`.
 * Photo and URL values are kept only when they are http(s).
 */
import { parseHttpUrl } from '../url.js';
import {
  firstString,
  hasType,
  isItem,
  parseMf2,
  propertyUrls,
  stringValue,
  type Mf2Document,
  type Mf2Item,
} from './mf2.js';

export interface LinkbackAuthor {
  readonly name?: string;
  readonly url?: string;
  readonly photo?: string;
}

export interface AuthorLookup {
  readonly author?: LinkbackAuthor;
  /** Set when the author is known only by URL: fetching it may yield name and photo. */
  readonly authorPageUrl?: string;
}

export function findAuthor(
  entry: Mf2Item | undefined,
  feed: Mf2Item | undefined,
  document: Mf2Document,
  base: string | URL,
): AuthorLookup {
  const value = entry?.properties['author']?.[0] ?? feed?.properties['author']?.[0];
  if (isItem(value)) return { author: cardToAuthor(value, base) };
  const text = stringValue(value)?.trim();
  if (text !== undefined && text !== '') {
    const url = parseHttpUrl(text);
    return url === null ? { author: { name: text } } : byUrl(url.href, document, base);
  }
  const relAuthor = document.rels['author']?.[0];
  const url = relAuthor === undefined ? null : parseHttpUrl(relAuthor, base);
  return url === null ? {} : byUrl(url.href, document, base);
}

/** After fetching `authorPageUrl`: the representative h-card of that page, if any. */
export function authorFromAuthorPage(body: string, pageUrl: string): LinkbackAuthor | undefined {
  const document = parseMf2(body, pageUrl);
  const cards = allCards(document.items);
  const page = sameUrl(pageUrl, pageUrl);
  const relMe = document.rels['me'] ?? [];
  const card =
    cards.find((c) => urlsOf(c, 'url').some(page) && urlsOf(c, 'uid').some(page)) ??
    cards.find((c) => urlsOf(c, 'url').some((u) => relMe.some(sameUrl(u, pageUrl)))) ??
    cards.find((c) => urlsOf(c, 'url').some(page));
  return card === undefined ? undefined : cardToAuthor(card, pageUrl);
}

function byUrl(url: string, document: Mf2Document, base: string | URL): AuthorLookup {
  const card = allCards(document.items).find((c) => urlsOf(c, 'url').some(sameUrl(url, base)));
  if (card !== undefined) return { author: { ...cardToAuthor(card, base), url } };
  return { author: { url }, authorPageUrl: url };
}

function cardToAuthor(card: Mf2Item, base: string | URL): LinkbackAuthor {
  const url = urlsOf(card, 'url')
    .map((u) => parseHttpUrl(u, base)?.href)
    .find(Boolean);
  const photo = urlsOf(card, 'photo')
    .map((u) => parseHttpUrl(u, base)?.href)
    .find(Boolean);
  let name = firstString(card, 'name');
  if (name === undefined && typeof card.value === 'string' && parseHttpUrl(card.value) === null) {
    name = card.value.trim() || undefined;
  }
  return {
    ...(name === undefined ? {} : { name }),
    ...(url === undefined ? {} : { url }),
    ...(photo === undefined ? {} : { photo }),
  };
}

function urlsOf(card: Mf2Item, property: string): string[] {
  return propertyUrls(card, property);
}

/** A predicate: does a candidate URL name the same resource as `url`? */
function sameUrl(url: string, base: string | URL): (candidate: string) => boolean {
  const key = parseHttpUrl(url, base)?.href.replace(/#.*$/, '').replace(/\/$/, '');
  return (candidate) =>
    key !== undefined &&
    parseHttpUrl(candidate, base)?.href.replace(/#.*$/, '').replace(/\/$/, '') === key;
}

/** Every h-card in the tree: top-level items, children and property values, depth-bounded. */
function allCards(items: readonly Mf2Item[], depth = 0): Mf2Item[] {
  if (depth > 8) return [];
  const cards: Mf2Item[] = [];
  for (const item of items) {
    if (hasType(item, 'h-card')) cards.push(item);
    const nested = Object.values(item.properties).flat().filter(isItem);
    cards.push(...allCards([...(item.children ?? []), ...nested], depth + 1));
  }
  return cards;
}
