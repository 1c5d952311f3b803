/** Building feeds from the store: which articles or discussion items, and what each entry says. */
import { featuredImages } from '../media/picture.js';
import type { Article, Author, Term } from '../../domain/article.js';
import { isPublic, type DiscussionItem } from '../../domain/discussion-item.js';
import { articlePath } from '../articles/create-article.js';
import type { AppDeps } from '../deps.js';
import { findArticleByPath } from '../site/find-by-path.js';
import { authorPath, termPath } from '../site/paths.js';
import { feedPaths, tagUri, type Feed, type FeedEntry } from './feed-model.js';

/** Entries in every feed. */
export const FEED_SIZE = 20;
const EPOCH = new Date(0);

type ReadDeps = Pick<AppDeps, 'repos' | 'clock' | 'timezone' | 'siteUrl'>;

export interface FeedSite {
  readonly title: string;
  readonly description: string;
  readonly language: string;
}

export type ArticlesFeedSubject =
  | { readonly kind: 'site' }
  | { readonly kind: 'category' | 'tag' | 'author'; readonly slug: string };

const STAFF = { name: 'Staff' };

/** The newest visible change of each article: its edit time or its newest correction note. */
export async function lastModified(
  deps: Pick<AppDeps, 'repos'>,
  articles: readonly Article[],
): Promise<Map<number, Date>> {
  const notes = await deps.repos.corrections.forArticles(articles.map((a) => a.id));
  const out = new Map<number, Date>();
  for (const a of articles) {
    let at = a.updatedAt;
    for (const n of notes.get(a.id) ?? []) if (n.createdAt > at) at = n.createdAt;
    out.set(a.id, at);
  }
  return out;
}

const newest = (entries: readonly FeedEntry[]) =>
  entries.reduce((at, e) => (e.updated > at ? e.updated : at), EPOCH);

async function articleEntries(deps: ReadDeps, articles: readonly Article[]): Promise<FeedEntry[]> {
  const ids = articles.map((a) => a.id);
  const [bylines, terms, counts, modified, images] = await Promise.all([
    deps.repos.articles.bylines(ids),
    deps.repos.terms.forArticles(ids),
    deps.repos.discussion.publicCounts(ids),
    lastModified(deps, articles),
    featuredImages(deps.repos, articles, deps.siteUrl),
  ]);
  const userIds = [
    ...new Set([...bylines.values()].flat().concat(articles.map((a) => a.authorId))),
  ];
  const users = new Map((await deps.repos.users.findByIds(userIds)).map((u) => [u.id, u]));
  return articles.map((a) => {
    const path = articlePath(deps, a);
    const url = `${deps.siteUrl}${path}`;
    const feeds = feedPaths(path);
    const people = (bylines.get(a.id) ?? [a.authorId]).flatMap((id) => {
      const u = users.get(id);
      return u ? [u] : [];
    });
    const person = (u: Author) => ({ name: u.name, url: `${deps.siteUrl}${authorPath(u)}` });
    const image = images.get(a.id)?.share;
    return {
      ...(image ? { image } : {}),
      id: tagUri(deps.siteUrl, a.createdAt, `article:${a.id}`),
      title: a.title,
      url,
      summary: a.standfirst || a.excerpt,
      contentHtml: a.bodyHtml,
      published: a.publishedAt ?? a.createdAt,
      updated: modified.get(a.id) ?? a.updatedAt,
      authors: people.length > 0 ? people.map(person) : [STAFF],
      categories: (terms.get(a.id) ?? []).map((t: Term) => ({
        term: t.slug,
        label: t.name,
        url: `${deps.siteUrl}${termPath(t)}`,
      })),
      discussion: {
        pageUrl: `${url}#discussion`,
        rssUrl: `${deps.siteUrl}${feeds.rss}`,
        atomUrl: `${deps.siteUrl}${feeds.atom}`,
        count: counts.get(a.id) ?? 0,
      },
    };
  });
}

const absolute = (deps: ReadDeps, paths: ReturnType<typeof feedPaths>) => ({
  rss: `${deps.siteUrl}${paths.rss}`,
  atom: `${deps.siteUrl}${paths.atom}`,
  json: `${deps.siteUrl}${paths.json}`,
});

/** The feed of the site, a category (with its subcategories), a tag or an author; null: no such. */
export async function articlesFeed(
  deps: ReadDeps,
  site: FeedSite,
  subject: ArticlesFeedSubject,
): Promise<Feed | null> {
  let filter: { termIds?: number[]; authorId?: number } = {};
  let title = site.title;
  let description = site.description;
  let base = '/';
  if (subject.kind === 'category' || subject.kind === 'tag') {
    const term = await deps.repos.terms.findBySlug(subject.kind, subject.slug);
    if (!term) return null;
    const termIds =
      subject.kind === 'category' ? await deps.repos.terms.withDescendants(term.id) : [term.id];
    filter = { termIds };
    title = `${site.title} — ${term.name}`;
    description = term.description || description;
    base = termPath(term);
  } else if (subject.kind === 'author') {
    const author = await deps.repos.users.findBySlug(subject.slug);
    if (!author) return null;
    filter = { authorId: author.id };
    title = `${site.title} — ${author.name}`;
    description = author.bio || description;
    base = authorPath(author);
  }
  const page = await deps.repos.articles.listPublished(deps.clock(), 1, FEED_SIZE, filter);
  const entries = await articleEntries(deps, page.items);
  return {
    id: `${deps.siteUrl}${base}`,
    title,
    description,
    homeUrl: `${deps.siteUrl}${base}`,
    links: absolute(deps, feedPaths(base)),
    language: site.language,
    updated: newest(entries),
    generator: 'Newsdesk',
    entries,
  };
}

const KIND_WORD: Record<DiscussionItem['kind'], string> = {
  comment: 'Comment',
  linkback: 'Mention',
  fediverse: 'Reply',
};

function itemEntry(deps: ReadDeps, item: DiscussionItem, article: Article): FeedEntry {
  const path = articlePath(deps, article);
  const articleUrl = `${deps.siteUrl}${path}`;
  const anchor = item.kind === 'linkback' ? `mention-${item.id}` : `comment-${item.id}`;
  const by = item.authorName || (item.sourceUrl ? new URL(item.sourceUrl).hostname : 'Someone');
  const at = item.publishedAt ?? item.createdAt;
  return {
    id: tagUri(deps.siteUrl, item.createdAt, `discussion:${item.id}`),
    title: `${KIND_WORD[item.kind]} by ${by} on “${article.title}”`,
    url: item.kind === 'linkback' && item.sourceUrl ? item.sourceUrl : `${articleUrl}#${anchor}`,
    summary: item.title ?? '',
    contentHtml: item.contentHtml,
    published: at,
    updated: item.updatedAt > at ? item.updatedAt : at,
    authors: [{ name: by, ...(item.authorUrl ? { url: item.authorUrl } : {}) }],
    categories: [
      { term: item.kind, label: item.kind },
      ...(item.type !== item.kind ? [{ term: item.type, label: item.type }] : []),
    ],
    inReplyTo: {
      id: tagUri(deps.siteUrl, article.createdAt, `article:${article.id}`),
      url: articleUrl,
      title: article.title,
    },
    itemKind: item.kind,
  };
}

export type DiscussionFeedLookup =
  | { readonly kind: 'feed'; readonly feed: Feed; readonly articleId: number }
  | { readonly kind: 'redirect'; readonly location: string }
  | { readonly kind: 'gone' }
  | { readonly kind: 'not-found' };

/** One article's discussion (approved comments and linkbacks, newest first), by its path. */
export async function articleDiscussionFeed(
  deps: ReadDeps,
  site: FeedSite,
  path: string,
): Promise<DiscussionFeedLookup> {
  const found = await findArticleByPath(deps, path);
  if (found.kind === 'redirect') return { kind: 'redirect', location: found.location };
  if (found.kind !== 'article') return { kind: found.kind };
  const { article } = found;
  const items = (await deps.repos.discussion.listPublic(article.id)).filter(isPublic);
  const entries = items
    .slice(-FEED_SIZE * 5)
    .reverse()
    .map((i) => itemEntry(deps, i, article));
  return {
    kind: 'feed',
    articleId: article.id,
    feed: {
      id: `${deps.siteUrl}${found.path}#discussion`,
      title: `Discussion of “${article.title}” — ${site.title}`,
      description: `Comments and mentions of “${article.title}”.`,
      homeUrl: `${deps.siteUrl}${found.path}`,
      links: absolute(deps, feedPaths(found.path)),
      language: site.language,
      updated: newest(entries),
      generator: 'Newsdesk',
      entries,
    },
  };
}

/** The discussion of the whole site: the newest approved comments and linkbacks. */
export async function siteDiscussionFeed(deps: ReadDeps, site: FeedSite): Promise<Feed> {
  const items = await deps.repos.reader.recentPublicItems(deps.clock(), FEED_SIZE * 2);
  const articles = new Map<number, Article>();
  for (const id of new Set(items.map((i) => i.articleId))) {
    const a = await deps.repos.articles.findById(id);
    if (a) articles.set(id, a);
  }
  const entries = items.flatMap((i) => {
    const a = articles.get(i.articleId);
    return a ? [itemEntry(deps, i, a)] : [];
  });
  return {
    id: `${deps.siteUrl}/#discussion`,
    title: `Discussion — ${site.title}`,
    description: `The newest comments and mentions on ${site.title}.`,
    homeUrl: `${deps.siteUrl}/`,
    links: absolute(deps, feedPaths('/comments/')),
    language: site.language,
    updated: newest(entries),
    generator: 'Newsdesk',
    entries,
  };
}
