/** Building an article page's model: author, terms, the discussion threaded and paginated. */
import type { Article, ArticleKind, Author, Correction, Term } from '../../domain/article.js';
import { paginateThreads } from '../../domain/comment-pages.js';
import { threadComments } from '../../domain/discussion-item.js';
import { discussionState } from '../../domain/discussion-policy.js';
import { articleKey, authorKey, termKey } from '../../domain/surrogate-keys.js';
import type { AppDeps } from '../deps.js';
import { featuredImages } from '../media/picture.js';
import type { ArticlePageExtras } from '../public-content/ports.js';
import type { SiteSettings } from '../site-settings.js';
import { pageSettings } from './settings-read.js';
import { findArticleByPath } from './find-by-path.js';
import type { KeptThreads } from './kept-threads.js';
import { authorPath, termPath } from './paths.js';
import type { ArticlePageModel, Linked } from './view-models.js';

type ReadDeps = Pick<AppDeps, 'repos' | 'clock' | 'timezone' | 'siteUrl'>;

export interface ArticlePage {
  readonly model: ArticlePageModel;
  readonly settings: SiteSettings;
}

const linkedTerm = (t: Term): Linked => ({ name: t.name, path: termPath(t) });

const STAFF: Author = {
  id: 0,
  email: '',
  name: 'Staff',
  slug: 'staff',
  role: 'author',
  bio: '',
  url: null,
};

/** What the caller has already, or keeps between renders. */
export interface ArticlePageKnown {
  /** The article's extras, read with it (app/public-content/ports.ts). */
  readonly extras?: ArticlePageExtras;
  /** The caller's kept comment threads (kept-threads.ts). */
  readonly threads?: KeptThreads;
}

/**
 * The page model of one article at its canonical `path`, showing comment page `commentPage`.
 * Pass the site settings when the caller has read them already.
 */
export async function articlePageModel(
  deps: ReadDeps,
  article: Article,
  path: string,
  commentPage = 1,
  knownSettings?: SiteSettings,
  known: ArticlePageKnown = {},
): Promise<ArticlePage> {
  const [settings, extras, items, featured] = await Promise.all([
    knownSettings ?? pageSettings(deps.repos.settings),
    known.extras ?? deps.repos.articlePages.extrasOf(article.id),
    deps.repos.discussion.listPublic(article.id),
    featuredImages(deps.repos, [article], deps.siteUrl),
  ]);
  const featuredImage = featured.get(article.id);
  const { bylines, corrections, reactions } = extras;
  // Rows written around the use cases (a raw import) may lack bylines: the article's author then.
  const authors = bylines.length > 0 ? bylines : extras.author ? [extras.author] : [];
  const articleTerms = extras.terms;
  // Fediverse replies thread with the comments (a reply may answer either).
  const comments = items.filter((i) => i.kind === 'comment' || i.kind === 'fediverse');
  const ordered = settings.comments.order === 'newest' ? [...comments].reverse() : comments;
  const threads = paginateThreads(
    known.threads
      ? known.threads.threads(article.id, ordered, settings.comments.maxDepth)
      : threadComments(ordered, settings.comments.maxDepth),
    commentPage,
    settings.comments.perPage,
  );
  const shown = authors.length > 0 ? authors : [STAFF];
  const [shownAuthor = STAFF] = shown;
  const model: ArticlePageModel = {
    article,
    author: shownAuthor,
    authorPath: authorPath(shownAuthor),
    bylines: shown.map((a) => ({ name: a.name, path: authorPath(a), author: a })),
    categories: articleTerms.filter((t) => t.kind === 'category').map(linkedTerm),
    tags: articleTerms.filter((t) => t.kind === 'tag').map(linkedTerm),
    path,
    url: `${deps.siteUrl}${path}`,
    corrections,
    modifiedAt: modifiedAt(article, corrections),
    discussion: {
      items,
      state: discussionState(article, settings.discussion, deps.clock()),
      comments: threads.nodes,
      commentCount: comments.length,
      commentPage: threads.page,
      commentPageCount: threads.pageCount,
      linkbacks: items.filter((i) => i.kind === 'linkback'),
      fediverseReactions: reactions,
    },
    ...(featuredImage ? { featuredImage } : {}),
    keys: [
      articleKey(article.id),
      ...articleTerms.map((t) => termKey(t.id)),
      ...authors.map((a) => authorKey(a.id)),
    ],
  };
  return { model, settings };
}

/** A silent fix leaves `updatedAt` alone (update-article.ts), so it never moves this date. */
function modifiedAt(article: Article, corrections: readonly Correction[]): Date {
  const times = [
    article.updatedAt.getTime(),
    (article.publishedAt ?? article.createdAt).getTime(),
    ...corrections.map((c) => c.createdAt.getTime()),
  ];
  return new Date(Math.max(...times));
}

export type ArticlePageLookup =
  | ({ readonly kind: 'article' } & ArticlePage)
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'gone'; readonly title: string; readonly articleKind: ArticleKind }
  | { readonly kind: 'not-found' };

/** The article page a request path asks for: found by path, then built. */
export async function articlePageAt(
  deps: ReadDeps,
  path: string,
  commentPage = 1,
  threads?: KeptThreads,
): Promise<ArticlePageLookup> {
  // The article and its extras are one statement (app/public-content/ports.ts).
  let read: { readonly article: Article; readonly extras: ArticlePageExtras } | undefined;
  const found = await findArticleByPath(deps, path, async (slug) => {
    read = await deps.repos.articlePages.bySlug(slug);
    return read?.article;
  });
  switch (found.kind) {
    case 'article': {
      const extras = read?.article === found.article ? read.extras : undefined;
      return {
        kind: 'article',
        ...(await articlePageModel(deps, found.article, found.path, commentPage, undefined, {
          ...(extras ? { extras } : {}),
          ...(threads ? { threads } : {}),
        })),
      };
    }
    case 'redirect':
      return { kind: 'redirect', location: found.location };
    default:
      return found;
  }
}
