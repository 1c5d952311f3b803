/**
 * Fetches a linkback source through the guarded fetcher and says what it shows about our target
 * (W3C Webmention §3.2.2): gone (410 or meta-410), no link, linked (with extracted content), unavailable
 * (404/5xx/timeout: maybe transient) or refused (an address or redirect chain we never follow).
 * No database here: `verify-linkback.ts` decides what each answer does to a stored row.
 */
import {
  authorFromAuthorPage,
  extractLinkback,
  findLinkToTarget,
  isGoneMarker,
  isHtmlType,
  type LinkbackAuthor,
  type LinkbackContent,
} from '../../linkback/index.js';
import type { SourceFetcher } from './ports.js';

export type SourceCheck =
  | {
      readonly kind: 'linked';
      readonly content: LinkbackContent;
      readonly author: LinkbackAuthor | undefined;
      readonly finalUrl: string;
    }
  | { readonly kind: 'gone' }
  | {
      readonly kind: 'no-link';
      readonly reason: string;
      /** The page was larger than the fetch cap; only its start was searched. */
      readonly truncated?: boolean;
    }
  | {
      readonly kind: 'unavailable';
      readonly reason: string;
      readonly missing: boolean;
      /** Our own outbound limits refused the fetch: nothing is known about the source. */
      readonly busy?: boolean;
      /** The HTTP status, when the source answered one (404: the page is not there). */
      readonly status?: number;
    }
  | { readonly kind: 'refused'; readonly reason: string };

const ACCEPT = 'text/html, application/xhtml+xml;q=0.9, application/json;q=0.5, text/plain;q=0.3';
const AUTHOR_PAGE_MAX_BYTES = 256 * 1024;

export interface CheckSourceInput {
  readonly source: string;
  readonly target: string;
  /** Aborts the fetch (reported as a timeout). */
  readonly signal?: AbortSignal;
  /** At most one author-page fetch, through the same fetcher (no second-order SSRF). */
  readonly fetchAuthorPage: boolean;
}

const REFUSED: readonly string[] = ['invalid_url', 'scheme_not_allowed', 'userinfo_not_allowed'];

function failureCheck(code: string): SourceCheck {
  if (REFUSED.includes(code)) return { kind: 'refused', reason: 'source_not_allowed' };
  switch (code) {
    case 'too_many_redirects':
      return { kind: 'refused', reason: 'too_many_redirects' };
    case 'unsupported_content_type':
      return { kind: 'no-link', reason: 'unsupported_content_type' };
    case 'unreachable':
      // A refused address or port, a name that does not resolve and a closed port all read the
      // same, so that a sender learns nothing about our network from the answer.
      return { kind: 'unavailable', reason: 'source_unreachable', missing: true };
    case 'timeout':
      return { kind: 'unavailable', reason: 'source_timeout', missing: false };
    case 'rate_limited':
      return { kind: 'unavailable', reason: 'source_host_busy', missing: false, busy: true };
    default:
      return { kind: 'unavailable', reason: 'source_unreachable', missing: false };
  }
}

export async function checkSource(
  fetch: SourceFetcher,
  input: CheckSourceInput,
): Promise<SourceCheck> {
  const res = await fetch({
    url: input.source,
    headers: { Accept: ACCEPT },
    ...(input.signal ? { signal: input.signal } : {}),
  });
  if (!res.ok) return failureCheck(res.error.code);
  const { status, body, contentType, url: finalUrl, truncated } = res.value;
  if (status === 410) return { kind: 'gone' };
  if (status === 404 || status === 400 || status === 401 || status === 403) {
    return {
      kind: 'unavailable',
      reason: `source_not_found: HTTP ${status}`,
      missing: true,
      status,
    };
  }
  if (status < 200 || status > 299) {
    return {
      kind: 'unavailable',
      reason: `source_error: HTTP ${status}`,
      missing: status < 500,
      status,
    };
  }
  if (isHtmlType(contentType) && isGoneMarker(body)) return { kind: 'gone' };
  const link = findLinkToTarget({ body, contentType, finalUrl, target: input.target });
  if (!link.found) {
    const reason =
      link.reason === 'link_outside_entry'
        ? 'no_link_found: the only link is outside the h-entry'
        : link.reason === 'unsupported_content_type'
          ? 'unsupported_content_type'
          : truncated
            ? 'no_link_found: not in the part of the page that was read'
            : 'no_link_found';
    return { kind: 'no-link', reason, truncated };
  }
  const content = extractLinkback({ body, contentType, finalUrl, target: input.target });
  let author = content.author;
  if (input.fetchAuthorPage && content.authorPageUrl !== undefined) {
    author = { ...author, ...(await readAuthorPage(fetch, content.authorPageUrl, input.signal)) };
  }
  return { kind: 'linked', content, author, finalUrl };
}

async function readAuthorPage(
  fetch: SourceFetcher,
  url: string,
  signal: AbortSignal | undefined,
): Promise<LinkbackAuthor | undefined> {
  const res = await fetch({
    url,
    headers: { Accept: 'text/html, application/xhtml+xml;q=0.9' },
    accept: ['text/html', 'application/xhtml+xml'],
    maxBytes: AUTHOR_PAGE_MAX_BYTES,
    maxRedirects: 2,
    ...(signal ? { signal } : {}),
  });
  if (!res.ok || res.value.status < 200 || res.value.status > 299) return undefined;
  return authorFromAuthorPage(res.value.body, res.value.url);
}
