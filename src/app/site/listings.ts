/** The read models of the listing pages: home, category and tag archives, author archives. */
import type { Article, Page, Term, TermKind } from '../../domain/article.js';
import { permalinkPath } from '../../domain/permalink.js';
import {
  authorKey,
  authorListKey,
  HOME_KEY,
  termKey,
  summaryKey,
  termListKey,
} from '../../domain/surrogate-keys.js';
import type { ArticleFilter } from '../articles/ports.js';
import type { AppDeps } from '../deps.js';
import { featuredImages } from '../media/picture.js';
import type { SiteSettings } from '../site-settings.js';
import { pageSettings } from './settings-read.js';
import { authorPath, termPath } from './paths.js';
import type { ArticleSummary, Linked } from './view-models.js';

type ReadDeps = Pick<AppDeps, 'repos' | 'clock' | 'timezone'>;

const linkedTerm = (t: Term): Linked => ({ name: t.name, path: termPath(t) });

const STAFF: Linked = { name: 'Staff', path: '/' };

async function summarise(
  deps: ReadDeps,
  articles: readonly Article[],
  keys: string[],
): Promise<ArticleSummary[]> {
  const ids = articles.map((a) => a.id);
  const [bylineIds, terms, counts, images] = await Promise.all([
    deps.repos.articles.bylines(ids),
    deps.repos.terms.forArticles(ids),
    deps.repos.discussion.publicCounts(ids),
    featuredImages(deps.repos, articles, ''),
  ]);
  const idsOf = (a: Article) => bylineIds.get(a.id) ?? [a.authorId];
  const authors = await deps.repos.users.findByIds([...new Set(articles.flatMap(idsOf))]);
  const byId = new Map(authors.map((a) => [a.id, a]));
  return articles.map((a) => {
    const bylines = idsOf(a).flatMap((id) => {
      const author = byId.get(id);
      return author ? [{ name: author.name, path: authorPath(author) }] : [];
    });
    const [first = STAFF] = bylines;
    const category = (terms.get(a.id) ?? []).find((t) => t.kind === 'category');
    keys.push(summaryKey(a.id));
    for (const id of idsOf(a)) if (byId.has(id)) keys.push(authorKey(id));
    if (category) keys.push(termKey(category.id));
    const publishedAt = a.publishedAt ?? a.createdAt;
    const image = images.get(a.id);
    return {
      ...(image ? { image } : {}),
      title: a.title,
      path: permalinkPath(a.slug, publishedAt, deps.timezone),
      excerpt: a.excerpt,
      publishedAt,
      author: first,
      bylines: bylines.length > 0 ? bylines : [STAFF],
      primaryCategory: category ? linkedTerm(category) : null,
      discussionCount: counts.get(a.id) ?? 0,
    };
  });
}

export interface ListingModel {
  readonly stories: readonly ArticleSummary[];
  readonly page: number;
  readonly pageCount: number;
  readonly settings: SiteSettings;
  /** The surrogate keys of what the page shows: its list, then each story's entities. */
  readonly keys: readonly string[];
}

async function listing(
  deps: ReadDeps,
  page: number,
  filter: ArticleFilter,
  listKeys: readonly string[],
): Promise<ListingModel | null> {
  const settings = await pageSettings(deps.repos.settings);
  const result: Page<Article> = await deps.repos.articles.listPublished(
    deps.clock(),
    page,
    settings.postsPerPage,
    filter,
  );
  if (page > 1 && page > result.pageCount) return null;
  const keys = [...listKeys];
  return {
    stories: await summarise(deps, result.items, keys),
    page,
    pageCount: result.pageCount,
    settings,
    keys: [...new Set(keys)],
  };
}

export const homePage = (deps: ReadDeps, page: number) => listing(deps, page, {}, [HOME_KEY]);

export async function termArchive(deps: ReadDeps, kind: TermKind, slug: string, page: number) {
  const term = await deps.repos.terms.findBySlug(kind, slug);
  if (!term) return null;
  const termIds = kind === 'category' ? await deps.repos.terms.withDescendants(term.id) : [term.id];
  const model = await listing(deps, page, { termIds }, [
    termKey(term.id),
    ...termIds.map(termListKey),
  ]);
  return model && { term, ...model };
}

export async function authorArchive(deps: ReadDeps, slug: string, page: number) {
  const author = await deps.repos.users.findBySlug(slug);
  if (!author) return null;
  const model = await listing(deps, page, { authorId: author.id }, [
    authorKey(author.id),
    authorListKey(author.id),
  ]);
  return model && { author, ...model };
}
