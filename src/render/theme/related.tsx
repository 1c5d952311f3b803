import type { ArticleSummary } from '../../app/site/view-models.js';
import { escapeHtml } from './escape.js';
import { formatDate } from './format.js';

/** "Related articles" under an article: a few sharing its tags or categories ('' for none). */
export function relatedArticlesHtml(
  stories: readonly Pick<ArticleSummary, 'title' | 'path' | 'publishedAt'>[],
  timezone: string,
): string {
  if (stories.length === 0) return '';
  let out =
    '<aside class="related" aria-labelledby="related-title"><h2 id="related-title">Related articles</h2><ul>';
  for (const s of stories) {
    out += `<li><a href="${escapeHtml(s.path)}">${escapeHtml(s.title)}</a> <time datetime="${s.publishedAt.toISOString()}">${escapeHtml(formatDate(s.publishedAt, timezone))}</time></li>`;
  }
  return `${out}</ul></aside>`;
}
