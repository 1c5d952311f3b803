import type { ArticleSummary, Linked } from '../../app/site/view-models.js';
import { escapeHtml } from './escape.js';
import { formatDate, plural } from './format.js';
import { storyImageHtml } from './media-figure.js';

/** "A", "A and B", "A, B and C", each a link to the author's archive. */
export function bylinesHtml(bylines: readonly Linked[]): string {
  let out = '';
  bylines.forEach((b, i) => {
    out += i === 0 ? '' : i === bylines.length - 1 ? ' and ' : ', ';
    out += `<a class="p-author h-card" href="${escapeHtml(b.path)}">${escapeHtml(b.name)}</a>`;
  });
  return out;
}

export function storyListHtml(stories: readonly ArticleSummary[], timezone: string): string {
  if (stories.length === 0) return '<p>No stories yet.</p>';
  let out = '<ol class="stories">';
  stories.forEach((s, i) => {
    out += '<li class="story h-entry">';
    if (s.image) out += storyImageHtml(s.image, i === 0);
    if (s.primaryCategory) {
      out += `<p class="kicker"><a href="${escapeHtml(s.primaryCategory.path)}">${escapeHtml(s.primaryCategory.name)}</a></p>`;
    }
    out +=
      `<h2 class="p-name"><a class="u-url" href="${escapeHtml(s.path)}">${escapeHtml(s.title)}</a></h2>` +
      `<p class="p-summary">${escapeHtml(s.excerpt)}</p><p class="meta">By ${bylinesHtml(s.bylines)} · ` +
      `<time class="dt-published" datetime="${s.publishedAt.toISOString()}">${escapeHtml(formatDate(s.publishedAt, timezone))}</time>`;
    if (s.discussionCount > 0) {
      out += ` · ${escapeHtml(plural(s.discussionCount, 'response', 'responses'))}`;
    }
    out += '</p></li>';
  });
  return `${out}</ol>`;
}
