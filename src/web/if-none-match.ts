/**
 * Does an If-None-Match header match a response's entity tag? RFC 9110 §13.1.2: `*` matches any
 * current representation, otherwise the list is compared with the weak comparison (a `W/` prefix
 * on either side is ignored). The one matcher for rendered pages and the cached fast path.
 */
export function ifNoneMatchHits(header: string | undefined | null, etag: string | null): boolean {
  if (!header || !etag) return false;
  if (header.trim() === '*') return true;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare);
}
