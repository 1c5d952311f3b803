import type { ArticleSummary } from '../../app/site/view-models.js';
import { formatDate } from './format.js';

/** "Related articles" under an article: a few sharing its tags or categories. */
export function RelatedArticles({
  stories,
  timezone,
}: {
  stories: readonly Pick<ArticleSummary, 'title' | 'path' | 'publishedAt'>[];
  timezone: string;
}) {
  if (stories.length === 0) return null;
  return (
    <aside class="related" aria-labelledby="related-title">
      <h2 id="related-title">Related articles</h2>
      <ul>
        {stories.map((s) => (
          <li>
            <a href={s.path}>{s.title}</a>{' '}
            <time datetime={s.publishedAt.toISOString()}>
              {formatDate(s.publishedAt, timezone)}
            </time>
          </li>
        ))}
      </ul>
    </aside>
  );
}
