import type { ArticleLeadModel, ArticlePageModel, Linked } from '../../app/site/view-models.js';
import { discussionHtml, type DiscussionExtras } from './discussion.js';
import { escapeHtml } from './escape.js';
import { formatDate, formatDateTime } from './format.js';
import type { ItemFragments } from './item-fragments.js';
import { featuredFigureHtml } from './media-figure.js';
import { bylinesHtml } from './story-list.js';
import type { SiteContext } from './site-context.js';

/** JSON-LD for news readers and search engines; `<` escaped so the script cannot be closed early. */
export function newsArticleJsonLd(model: ArticleLeadModel, site: SiteContext): string {
  const corrections = model.corrections.filter((c) => c.kind === 'correction');
  const data = {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: model.article.title,
    description: model.article.excerpt,
    datePublished: model.article.publishedAt?.toISOString(),
    dateModified: model.modifiedAt.toISOString(),
    mainEntityOfPage: model.url,
    url: model.url,
    author: model.bylines.map((b) => ({
      '@type': 'Person',
      name: b.name,
      url: `${site.url}${b.path}`,
    })),
    publisher: {
      '@type': 'Organization',
      name: site.title,
      url: site.url,
      ...(site.logoUrl ? { logo: { '@type': 'ImageObject', url: site.logoUrl } } : {}),
    },
    articleSection: model.categories.map((c) => c.name),
    keywords: model.tags.map((t) => t.name),
    // schema.org: CreativeWork.correction, a CorrectionComment each. An update note is not a
    // correction of an error: it moves dateModified but is not listed here.
    ...(corrections.length > 0
      ? {
          correction: corrections.map((c) => ({
            '@type': 'CorrectionComment',
            text: c.note,
            datePublished: c.createdAt.toISOString(),
          })),
        }
      : {}),
    ...(model.featuredImage ? { image: [model.featuredImage.share.url] } : {}),
  };
  return JSON.stringify(data).replace(/</g, '\\u003c');
}

/** "Correction, 2 December 2026: …" for each note, oldest first, dated in the site's zone. */
function notesHtml(model: ArticleLeadModel, timezone: string): string {
  if (model.corrections.length === 0) return '';
  let out = '<aside class="corrections" aria-label="Corrections and updates">';
  for (const c of model.corrections) {
    out +=
      `<p class="correction correction-${escapeHtml(c.kind)}" id="correction-${c.id}"><strong>${c.kind === 'correction' ? 'Correction' : 'Update'}, ` +
      `<time datetime="${c.createdAt.toISOString()}">${escapeHtml(formatDate(c.createdAt, timezone))}</time>:</strong> ${escapeHtml(c.note)}</p>`;
  }
  return `${out}</aside>`;
}

function termListHtml(label: string, terms: readonly Linked[], rel: string): string {
  let out = `<div>${label}: <ul>`;
  for (const t of terms) {
    out += `<li><a class="p-category"${rel} href="${escapeHtml(t.path)}">${escapeHtml(t.name)}</a></li>`;
  }
  return `${out}</ul></div>`;
}

/** The article itself: kicker, headline, byline, image, body, notes and terms. */
export function articleBodyHtml(model: ArticleLeadModel, site: SiteContext): string {
  const { article } = model;
  const published = article.publishedAt ?? article.createdAt;
  const primary = model.categories[0];
  let out = '<article class="h-entry">';
  if (primary) {
    out += `<p class="kicker"><a href="${escapeHtml(primary.path)}">${escapeHtml(primary.name)}</a></p>`;
  }
  out += `<h1 class="headline p-name">${escapeHtml(article.title)}</h1>`;
  if (article.standfirst) {
    out += `<p class="standfirst p-summary">${escapeHtml(article.standfirst)}</p>`;
  }
  out +=
    `<p class="byline">By ${bylinesHtml(model.bylines)} · <a class="u-url" href="${escapeHtml(model.url)}">` +
    `<time class="dt-published" datetime="${published.toISOString()}">${escapeHtml(formatDateTime(published, site.timezone))}</time></a>`;
  if (model.modifiedAt.getTime() - published.getTime() > 60_000) {
    out += ` · Updated <time class="dt-updated" datetime="${model.modifiedAt.toISOString()}">${escapeHtml(formatDate(model.modifiedAt, site.timezone))}</time>`;
  }
  out += '</p>';
  if (model.featuredImage) out += featuredFigureHtml(model.featuredImage);
  out += `<div class="e-content">${article.bodyHtml}</div>${notesHtml(model, site.timezone)}`;
  if (model.categories.length + model.tags.length > 0) {
    out += '<footer class="terms">';
    if (model.categories.length > 0) out += termListHtml('Filed under', model.categories, '');
    if (model.tags.length > 0) out += termListHtml('Tags', model.tags, ' rel="tag"');
    out += '</footer>';
  }
  return `${out}</article>`;
}

/** The article page's content: the article, `afterHtml` (related articles), the discussion. */
export function articlePageHtml(
  model: ArticlePageModel,
  site: SiteContext,
  opts: {
    readonly extras?: DiscussionExtras;
    readonly fragments?: ItemFragments;
    readonly afterHtml?: string;
  } = {},
): string {
  return (
    articleBodyHtml(model, site) +
    (opts.afterHtml ?? '') +
    discussionHtml(model.discussion, site.timezone, opts.extras, opts.fragments)
  );
}
