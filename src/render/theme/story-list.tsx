import type { ArticleSummary } from '../../app/site/view-models.js';
import { formatDate, plural } from './format.js';

export function StoryList({
  stories,
  timezone,
}: {
  stories: readonly ArticleSummary[];
  timezone: string;
}) {
  if (stories.length === 0) return <p>No stories yet.</p>;
  return (
    <ol class="stories">
      {stories.map((s) => (
        <li class="story h-entry">
          {s.primaryCategory ? (
            <p class="kicker">
              <a href={s.primaryCategory.path}>{s.primaryCategory.name}</a>
            </p>
          ) : null}
          <h2 class="p-name">
            <a class="u-url" href={s.path}>
              {s.title}
            </a>
          </h2>
          <p class="p-summary">{s.excerpt}</p>
          <p class="meta">
            By{' '}
            {s.bylines.map((b, i) => (
              <>
                {i === 0 ? '' : i === s.bylines.length - 1 ? ' and ' : ', '}
                <a class="p-author h-card" href={b.path}>
                  {b.name}
                </a>
              </>
            ))}{' '}
            ·{' '}
            <time class="dt-published" datetime={s.publishedAt.toISOString()}>
              {formatDate(s.publishedAt, timezone)}
            </time>
            {s.discussionCount > 0 ? (
              <> · {plural(s.discussionCount, 'response', 'responses')}</>
            ) : null}
          </p>
        </li>
      ))}
    </ol>
  );
}
