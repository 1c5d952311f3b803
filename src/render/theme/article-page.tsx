import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import type { ArticlePageModel } from '../../app/site/view-models.js';
import { Discussion, type DiscussionExtras } from './discussion.js';
import { formatDate, formatDateTime } from './format.js';
import type { ItemFragments } from './item-fragments.js';
import { FeaturedFigure } from './media-figure.js';
import type { SiteContext } from './site-context.js';

/** JSON-LD for news readers and search engines; `<` escaped so the script cannot be closed early. */
export function newsArticleJsonLd(model: ArticlePageModel, site: SiteContext): string {
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

/** "A", "A and B", "A, B and C". */
function Bylines({ bylines }: { bylines: ArticlePageModel['bylines'] }) {
  return (
    <>
      {bylines.map((b, i) => (
        <>
          {i === 0 ? '' : i === bylines.length - 1 ? ' and ' : ', '}
          <a class="p-author h-card" href={b.path}>
            {b.name}
          </a>
        </>
      ))}
    </>
  );
}

/** "Correction, 2 December 2026: …" for each note, oldest first, dated in the site's zone. */
function Notes({ model, timezone }: { model: ArticlePageModel; timezone: string }) {
  if (model.corrections.length === 0) return null;
  return (
    <aside class="corrections" aria-label="Corrections and updates">
      {model.corrections.map((c) => (
        <p class={`correction correction-${c.kind}`} id={`correction-${c.id}`}>
          <strong>
            {c.kind === 'correction' ? 'Correction' : 'Update'},{' '}
            <time datetime={c.createdAt.toISOString()}>{formatDate(c.createdAt, timezone)}</time>:
          </strong>{' '}
          {c.note}
        </p>
      ))}
    </aside>
  );
}

export function ArticlePage({
  model,
  site,
  extras,
  fragments,
  after,
}: {
  model: ArticlePageModel;
  site: SiteContext;
  extras?: DiscussionExtras;
  fragments?: ItemFragments;
  /** Shown between the article and its discussion (related articles). */
  after?: Child;
}) {
  const { article } = model;
  const published = article.publishedAt ?? article.createdAt;
  const primary = model.categories[0];
  return (
    <>
      <article class="h-entry">
        {primary ? (
          <p class="kicker">
            <a href={primary.path}>{primary.name}</a>
          </p>
        ) : null}
        <h1 class="headline p-name">{article.title}</h1>
        {article.standfirst ? <p class="standfirst p-summary">{article.standfirst}</p> : null}
        <p class="byline">
          By <Bylines bylines={model.bylines} /> ·{' '}
          <a class="u-url" href={model.url}>
            <time class="dt-published" datetime={published.toISOString()}>
              {formatDateTime(published, site.timezone)}
            </time>
          </a>
          {model.modifiedAt.getTime() - published.getTime() > 60_000 ? (
            <>
              {' '}
              · Updated{' '}
              <time class="dt-updated" datetime={model.modifiedAt.toISOString()}>
                {formatDate(model.modifiedAt, site.timezone)}
              </time>
            </>
          ) : null}
        </p>
        {model.featuredImage ? <FeaturedFigure image={model.featuredImage} /> : null}
        <div class="e-content">{raw(article.bodyHtml)}</div>
        <Notes model={model} timezone={site.timezone} />
        {model.categories.length + model.tags.length > 0 ? (
          <footer class="terms">
            {model.categories.length > 0 ? (
              <div>
                Filed under:{' '}
                <ul>
                  {model.categories.map((c) => (
                    <li>
                      <a class="p-category" href={c.path}>
                        {c.name}
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
            {model.tags.length > 0 ? (
              <div>
                Tags:{' '}
                <ul>
                  {model.tags.map((t) => (
                    <li>
                      <a class="p-category" rel="tag" href={t.path}>
                        {t.name}
                      </a>
                    </li>
                  ))}
                </ul>
              </div>
            ) : null}
          </footer>
        ) : null}
      </article>
      {after}
      <Discussion
        model={model.discussion}
        timezone={site.timezone}
        extras={extras}
        {...(fragments ? { fragments } : {})}
      />
    </>
  );
}
