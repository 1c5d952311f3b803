import { raw } from 'hono/html';
import { escapeHtml } from './escape.js';

export interface PaginationProps {
  readonly page: number;
  readonly pageCount: number;
  readonly hrefFor: (page: number) => string;
}

/** Older/newer links of a listing ('' when it has one page). */
export function paginationHtml({ page, pageCount, hrefFor }: PaginationProps): string {
  if (pageCount <= 1) return '';
  const older =
    page < pageCount
      ? `<a href="${escapeHtml(hrefFor(page + 1))}" rel="next">← Older stories</a>`
      : '';
  const newer =
    page > 1 ? `<a href="${escapeHtml(hrefFor(page - 1))}" rel="prev">Newer stories →</a>` : '';
  return `<nav class="pagination" aria-label="Pagination"><span>${older}</span><span class="meta">Page ${page} of ${pageCount}</span><span>${newer}</span></nav>`;
}

/** The same, for pages still written with hono/jsx (the search page). */
export function Pagination(props: PaginationProps) {
  return raw(paginationHtml(props));
}
