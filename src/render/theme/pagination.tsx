export interface PaginationProps {
  readonly page: number;
  readonly pageCount: number;
  readonly hrefFor: (page: number) => string;
}

export function Pagination({ page, pageCount, hrefFor }: PaginationProps) {
  if (pageCount <= 1) return null;
  return (
    <nav class="pagination" aria-label="Pagination">
      <span>
        {page < pageCount ? (
          <a href={hrefFor(page + 1)} rel="next">
            ← Older stories
          </a>
        ) : null}
      </span>
      <span class="meta">
        Page {page} of {pageCount}
      </span>
      <span>
        {page > 1 ? (
          <a href={hrefFor(page - 1)} rel="prev">
            Newer stories →
          </a>
        ) : null}
      </span>
    </nav>
  );
}
