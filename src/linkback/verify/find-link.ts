/**
 * Does a fetched source link to our target? (W3C Webmention §3.2.2.)
 * Rule: resolve each candidate URL against the response URL and `<base href>`, drop the
 * fragment on both sides, and compare exactly after WHATWG URL normalisation (lowercase host,
 * default port dropped, empty path = "/"). Stricter than a substring search (a target inside
 * another site's query string is not a link), looser than webmention.rocks (relative hrefs
 * count). XRay's spam rule on top: if the page has an h-entry, the link must be inside one.
 * JSON: any string value equal to the target; plain text: substring, as the spec says.
 */
import { documentBaseUrl, parseHtmlDocument } from '../html/dom.js';
import { isHtmlType, isJsonType, isPlainTextType } from '../media-type.js';
import { matchKey, parseHttpUrl, withoutFragment } from '../url.js';
import { findTargetLinks, hasEntryRoot, type LinkElementKind } from './link-elements.js';

export interface LinkCheckInput {
  readonly body: string;
  readonly contentType: string | undefined;
  /** The source URL after redirects. */
  readonly finalUrl: string | URL;
  readonly target: string | URL;
}

export type LinkCheckResult =
  | { readonly found: true; readonly where: LinkElementKind | 'json' | 'text' }
  | {
      readonly found: false;
      readonly reason: 'no_link' | 'link_outside_entry' | 'unsupported_content_type';
    };

/** Nesting bound for JSON walks; deeper structures are not documents we verify. */
const MAX_JSON_DEPTH = 64;

export function findLinkToTarget(input: LinkCheckInput): LinkCheckResult {
  const targetKey = matchKey(String(input.target));
  if (targetKey === null) return { found: false, reason: 'no_link' };
  if (isHtmlType(input.contentType)) return checkHtml(input, targetKey);
  if (isJsonType(input.contentType)) {
    return jsonContains(input.body, targetKey) ? { found: true, where: 'json' } : notFound;
  }
  if (isPlainTextType(input.contentType)) {
    return textContains(input.body, String(input.target))
      ? { found: true, where: 'text' }
      : notFound;
  }
  return { found: false, reason: 'unsupported_content_type' };
}

const notFound: LinkCheckResult = { found: false, reason: 'no_link' };

function checkHtml(input: LinkCheckInput, targetKey: string): LinkCheckResult {
  const document = parseHtmlDocument(input.body);
  const links = findTargetLinks(document, documentBaseUrl(document, input.finalUrl), targetKey);
  const first = links[0];
  if (first === undefined) return notFound;
  if (!hasEntryRoot(document)) return { found: true, where: first.kind };
  const inEntry = links.find((l) => l.inEntry);
  return inEntry === undefined
    ? { found: false, reason: 'link_outside_entry' }
    : { found: true, where: inEntry.kind };
}

function jsonContains(body: string, targetKey: string): boolean {
  let data: unknown;
  try {
    data = JSON.parse(body);
  } catch {
    return false;
  }
  const stack: Array<{ value: unknown; depth: number }> = [{ value: data, depth: 0 }];
  while (stack.length > 0) {
    const { value, depth } = stack.pop() as { value: unknown; depth: number };
    if (typeof value === 'string') {
      if (matchKey(value) === targetKey) return true;
    } else if (value !== null && typeof value === 'object' && depth < MAX_JSON_DEPTH) {
      for (const child of Object.values(value)) stack.push({ value: child, depth: depth + 1 });
    }
  }
  return false;
}

/** Substring of the target as given, or of its fragment-less normalised form. */
function textContains(body: string, target: string): boolean {
  const url = parseHttpUrl(target);
  const candidates = [target.trim()];
  if (url !== null) candidates.push(withoutFragment(url), target.trim().split('#')[0] ?? '');
  return candidates.some((c) => c !== '' && body.includes(c));
}
