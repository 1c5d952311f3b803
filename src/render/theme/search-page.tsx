import type { SearchModel } from '../../app/search/search-articles.js';
import type { TextSegment } from '../../domain/search-text.js';
import { formatDate, plural } from './format.js';
import { Pagination } from './pagination.js';

/** Original text with the matched words in <mark> (escaped like all text). */
function Marked({ segments }: { segments: readonly TextSegment[] }) {
  return <>{segments.map((s) => (s.hit ? <mark>{s.text}</mark> : s.text))}</>;
}

export function SearchPage({
  model,
  hrefFor,
  timezone,
}: {
  model: SearchModel;
  hrefFor: (page: number) => string;
  timezone: string;
}) {
  return (
    <>
      <h1 class="archive-title">Search</h1>
      <form class="search-form" role="search" action="/search/" method="get">
        <label for="search-q">Search for</label>{' '}
        <input id="search-q" type="search" name="q" maxlength={200} value={model.query} />{' '}
        <button type="submit">Search</button>
      </form>
      {model.terms.length === 0 ? (
        model.query.trim() === '' ? null : (
          <p>Type a word or two to search for.</p>
        )
      ) : (
        <p class="search-summary">
          {model.total === 0
            ? `Nothing found for “${model.query}”.`
            : `${model.totalIsLowerBound ? 'More than ' : ''}${plural(model.total, 'result', 'results')} for “${model.query}”.`}
        </p>
      )}
      {model.results.length > 0 ? (
        <ol class="stories search-results">
          {model.results.map((r) => (
            <li class="story">
              <h2>
                <a href={r.path}>
                  <Marked segments={r.titleSegments} />
                </a>
              </h2>
              <p class="snippet">
                <Marked segments={r.snippet} />
              </p>
              {r.publishedAt ? (
                <p class="meta">
                  <time datetime={r.publishedAt.toISOString()}>
                    {formatDate(r.publishedAt, timezone)}
                  </time>
                </p>
              ) : null}
            </li>
          ))}
        </ol>
      ) : null}
      {model.total > 0 ? (
        <Pagination page={model.page} pageCount={model.pageCount} hrefFor={hrefFor} />
      ) : null}
    </>
  );
}
