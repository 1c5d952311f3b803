import type { Article, Author, Page, Term, TermKind } from '../../domain/article.js';
import { discussionState } from '../../domain/discussion-policy.js';
import { paginateThreads } from '../../domain/comment-pages.js';
import { threadComments } from '../../domain/discussion-item.js';
import { parsePermalinkPath, permalinkPath, zonedYearMonth } from '../../domain/permalink.js';
import type { ArticlePageModel, ArticleSummary, Linked } from './view-models.js';
import type { AppDeps } from '../deps.js';
import { loadSiteSettings, type SiteSettings } from '../site-settings.js';

export const termPath = (t: Pick<Term, 'kind' | 'slug'>): string =>
  `/${t.kind === 'category' ? 'category' : 'tag'}/${t.slug}/`;
export const authorPath = (a: Pick<Author, 'slug'>): string => `/author/${a.slug}/`;
const linkedTerm = (t: Term): Linked => ({ name: t.name, path: termPath(t) });

type ReadDeps = Pick<AppDeps, 'repos' | 'clock' | 'timezone' | 'siteUrl'>;

async function summarise(deps: ReadDeps, articles: readonly Article[]): Promise<ArticleSummary[]> {
  const ids = articles.map((a) => a.id);
  const [authors, terms, counts] = await Promise.all([
    deps.repos.users.findByIds([...new Set(articles.map((a) => a.authorId))]),
    deps.repos.terms.forArticles(ids),
    deps.repos.discussion.publicCounts(ids),
  ]);
  const byId = new Map(authors.map((a) => [a.id, a]));
  return articles.map((a) => {
    const author = byId.get(a.authorId);
    const category = (terms.get(a.id) ?? []).find((t) => t.kind === 'category');
    const publishedAt = a.publishedAt ?? a.createdAt;
    return {
      title: a.title,
      path: permalinkPath(a.slug, publishedAt, deps.timezone),
      excerpt: a.excerpt,
      publishedAt,
      author: author
        ? { name: author.name, path: authorPath(author) }
        : { name: 'Staff', path: '/' },
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
}

async function listing(
  deps: ReadDeps,
  page: number,
  filter: Parameters<AppDeps['repos']['articles']['listPublished']>[3],
): Promise<ListingModel | null> {
  const settings = await loadSiteSettings(deps.repos.settings);
  const result: Page<Article> = await deps.repos.articles.listPublished(
    deps.clock(),
    page,
    settings.postsPerPage,
    filter,
  );
  if (page > 1 && page > result.pageCount) return null;
  return {
    stories: await summarise(deps, result.items),
    page,
    pageCount: result.pageCount,
    settings,
  };
}

export const homePage = (deps: ReadDeps, page: number) => listing(deps, page, {});

export async function termArchive(deps: ReadDeps, kind: TermKind, slug: string, page: number) {
  const term = await deps.repos.terms.findBySlug(kind, slug);
  if (!term) return null;
  const termIds = kind === 'category' ? await deps.repos.terms.withDescendants(term.id) : [term.id];
  const model = await listing(deps, page, { termIds });
  return model && { term, ...model };
}

export async function authorArchive(deps: ReadDeps, slug: string, page: number) {
  const author = await deps.repos.users.findBySlug(slug);
  if (!author) return null;
  const model = await listing(deps, page, { authorId: author.id });
  return model && { author, ...model };
}

export type ArticleLookup =
  | { readonly kind: 'article'; readonly model: ArticlePageModel; readonly settings: SiteSettings }
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'gone'; readonly title: string }
  | { readonly kind: 'not-found' };

/** True when the article is visible to the public at `now`. */
export function isLive(a: Article, now: Date): boolean {
  return (
    a.status === 'published' &&
    !a.deletedAt &&
    a.publishedAt !== null &&
    a.publishedAt.getTime() <= now.getTime()
  );
}

/** Maps a request path to an article page, a permanent redirect, a tombstone or nothing. */
export async function articleByPath(
  deps: ReadDeps,
  path: string,
  commentPage = 1,
): Promise<ArticleLookup> {
  const parts = parsePermalinkPath(path);
  if (!parts) return { kind: 'not-found' };
  const now = deps.clock();
  const article = await deps.repos.articles.findBySlug(parts.slug);
  if (!article || (!isLive(article, now) && !article.deletedAt)) {
    const moved = await deps.repos.articles.findByOldPath(
      `/${parts.year}/${parts.month}/${parts.slug}/`,
    );
    if (moved && isLive(moved, now)) {
      return {
        kind: 'redirect',
        location: permalinkPath(moved.slug, moved.publishedAt ?? now, deps.timezone),
      };
    }
    return { kind: 'not-found' };
  }
  if (article.deletedAt) return { kind: 'gone', title: article.title };
  const publishedAt = article.publishedAt ?? now;
  const canonical = permalinkPath(article.slug, publishedAt, deps.timezone);
  const ym = zonedYearMonth(publishedAt, deps.timezone);
  if (ym.year !== parts.year || ym.month !== parts.month || !path.endsWith('/')) {
    return { kind: 'redirect', location: canonical };
  }
  return { kind: 'article', ...(await articlePageModel(deps, article, canonical, commentPage)) };
}

export async function articlePageModel(
  deps: ReadDeps,
  article: Article,
  path: string,
  commentPage = 1,
) {
  const settings = await loadSiteSettings(deps.repos.settings);
  const [author, terms, items] = await Promise.all([
    deps.repos.users.findById(article.authorId),
    deps.repos.terms.forArticles([article.id]),
    deps.repos.discussion.listPublic(article.id),
  ]);
  const articleTerms = terms.get(article.id) ?? [];
  const comments = items.filter((i) => i.kind === 'comment');
  const ordered = settings.comments.order === 'newest' ? [...comments].reverse() : comments;
  const state = discussionState(article, settings.discussion, deps.clock());
  const threads = paginateThreads(
    threadComments(ordered, settings.comments.maxDepth),
    commentPage,
    settings.comments.perPage,
  );
  const safeAuthor: Author = author ?? {
    id: 0,
    email: '',
    name: 'Staff',
    slug: 'staff',
    role: 'author',
    bio: '',
    url: null,
  };
  const model: ArticlePageModel = {
    article,
    author: safeAuthor,
    authorPath: authorPath(safeAuthor),
    categories: articleTerms.filter((t) => t.kind === 'category').map(linkedTerm),
    tags: articleTerms.filter((t) => t.kind === 'tag').map(linkedTerm),
    path,
    url: `${deps.siteUrl}${path}`,
    discussion: {
      state,
      comments: threads.nodes,
      commentCount: comments.length,
      commentPage: threads.page,
      commentPageCount: threads.pageCount,
      linkbacks: items.filter((i) => i.kind === 'linkback'),
    },
  };
  return { model, settings };
}
