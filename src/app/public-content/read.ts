/**
 * The public content API's use cases: what the site shows, as data. Nothing here can reach a
 * draft, a scheduled, a trashed or an unpublished article: every read goes through the live
 * predicate (published, due, not deleted) and a single article is checked with `isLive`. Each
 * answer names the surrogate keys of what it showed, for the edge (domain/surrogate-keys.ts).
 */
import {
  isLive,
  type Article,
  type Author,
  type Term,
  type TermKind,
} from '../../domain/article.js';
import { failure, type Failure } from '../../domain/failures.js';
import { err, ok, type Result } from '../../domain/result.js';
import {
  ANY_AUTHOR_KEY,
  ANY_SUMMARY_KEY,
  ANY_TERM_KEY,
  articleKey,
  authorKey,
  HOME_KEY,
  PATHS_KEY,
  summaryKey,
  termKey,
} from '../../domain/surrogate-keys.js';
import { articleUrl } from '../articles/create-article.js';
import type { AppDeps } from '../deps.js';
import type { ArticleCursor, PublicContentQueries } from './ports.js';

export interface PublicDeps extends Pick<AppDeps, 'repos' | 'clock' | 'siteUrl' | 'timezone'> {
  readonly content: PublicContentQueries;
}

export interface Keyed<T> {
  readonly body: T;
  readonly keys: readonly string[];
  /** Epoch ms after which the answer is wrong whatever is purged (an unpublish-at time). */
  readonly until?: number;
}

export interface PersonRef {
  readonly id: number;
  readonly name: string;
  readonly slug: string;
}
export interface TermRef {
  readonly id: number;
  readonly name: string;
  readonly slug: string;
}

export interface PublicArticle {
  readonly id: number;
  readonly kind: 'article' | 'page';
  readonly slug: string;
  readonly url: string;
  readonly title: string;
  readonly standfirst: string;
  readonly excerpt: string;
  readonly publishedAt: string;
  readonly updatedAt: string;
  readonly authors: readonly PersonRef[];
  readonly categories: readonly TermRef[];
  readonly tags: readonly TermRef[];
  /** Only on a single article: its sanitised body, as the site shows it. */
  readonly bodyHtml?: string;
}

export interface ArticleList {
  readonly items: readonly PublicArticle[];
  /** Pass as `cursor` for the next page; null on the last. */
  readonly nextCursor: string | null;
}

/** An opaque cursor: base64url of `<publishedAt ISO>|<id>`. */
export function encodeCursor(c: ArticleCursor): string {
  return Buffer.from(`${c.publishedAt.toISOString()}|${c.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(value: string): ArticleCursor | null {
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(value)) return null;
  const text = Buffer.from(value, 'base64url').toString('utf8');
  const m = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z)\|(\d{1,12})$/.exec(text);
  if (!m) return null;
  const publishedAt = new Date(m[1] ?? '');
  if (Number.isNaN(publishedAt.getTime())) return null;
  return { publishedAt, id: Number(m[2]) };
}

const person = (a: Author): PersonRef => ({ id: a.id, name: a.name, slug: a.slug });
const termRef = (t: Term): TermRef => ({ id: t.id, name: t.name, slug: t.slug });

async function present(
  deps: PublicDeps,
  articles: readonly Article[],
  withBody: boolean,
): Promise<{ items: PublicArticle[]; keys: string[] }> {
  const ids = articles.map((a) => a.id);
  const [bylines, terms] = await Promise.all([
    deps.repos.articles.bylines(ids),
    deps.repos.terms.forArticles(ids),
  ]);
  const people = new Map(
    (await deps.repos.users.findByIds([...new Set([...bylines.values()].flat())])).map((u) => [
      u.id,
      u,
    ]),
  );
  const keys: string[] = [];
  const items = articles.map((a) => {
    const authors = (bylines.get(a.id) ?? [a.authorId])
      .map((id) => people.get(id))
      .filter((u): u is Author => u !== undefined);
    const own = terms.get(a.id) ?? [];
    keys.push(withBody ? articleKey(a.id) : summaryKey(a.id));
    for (const u of authors) keys.push(authorKey(u.id));
    for (const t of own) keys.push(termKey(t.id));
    return {
      id: a.id,
      kind: a.kind,
      slug: a.slug,
      url: articleUrl(deps, a),
      title: a.title,
      standfirst: a.standfirst,
      excerpt: a.excerpt,
      publishedAt: (a.publishedAt ?? a.createdAt).toISOString(),
      updatedAt: a.updatedAt.toISOString(),
      authors: authors.map(person),
      categories: own.filter((t) => t.kind === 'category').map(termRef),
      tags: own.filter((t) => t.kind === 'tag').map(termRef),
      ...(withBody ? { bodyHtml: String(a.bodyHtml) } : {}),
    };
  });
  return { items, keys };
}

/** A page of live articles (or pages), newest first. */
export async function listPublicArticles(
  deps: PublicDeps,
  req: {
    readonly kind: 'article' | 'page';
    readonly cursor: string | null;
    readonly limit: number;
  },
): Promise<Result<Keyed<ArticleList>, Failure>> {
  const after = req.cursor === null ? null : decodeCursor(req.cursor);
  if (req.cursor !== null && after === null) {
    return err(failure('invalid_input', 'cursor: not a cursor this API gave out'));
  }
  const rows = await deps.content.liveArticles(deps.clock(), req.kind, after, req.limit + 1);
  const page = rows.slice(0, req.limit);
  const last = page[page.length - 1];
  const { items, keys } = await present(deps, page, false);
  const nextCursor =
    rows.length > req.limit && last
      ? encodeCursor({ publishedAt: last.publishedAt ?? last.createdAt, id: last.id })
      : null;
  // A list changes when anything is published or withdrawn: `ss` is purged by every article event.
  const listKeys =
    req.kind === 'article' ? [HOME_KEY, ANY_SUMMARY_KEY] : [ANY_SUMMARY_KEY, PATHS_KEY];
  return ok({ body: { items, nextCursor }, keys: [...listKeys, ...keys] });
}

/** One live article or page, by id or by slug. */
export async function getPublicArticle(
  deps: PublicDeps,
  ref: { readonly id: number } | { readonly slug: string },
): Promise<Result<Keyed<PublicArticle>, Failure>> {
  const found =
    'id' in ref
      ? await deps.repos.articles.findById(ref.id)
      : await deps.repos.articles.findBySlug(ref.slug);
  const now = deps.clock();
  if (!found || !isLive(found, now)) return err(failure('not_found', 'no such article'));
  const { items, keys } = await present(deps, [found], true);
  const item = items[0];
  if (!item) return err(failure('not_found', 'no such article'));
  return ok({
    body: item,
    keys,
    ...(found.unpublishAt ? { until: found.unpublishAt.getTime() } : {}),
  });
}

export async function listPublicAuthors(
  deps: PublicDeps,
): Promise<Keyed<{ items: readonly (PersonRef & { bio: string; url: string | null })[] }>> {
  const authors = await deps.content.liveAuthors(deps.clock());
  return {
    body: { items: authors.map((a) => ({ ...person(a), bio: a.bio, url: a.url })) },
    keys: [ANY_SUMMARY_KEY, ANY_AUTHOR_KEY, ...authors.map((a) => authorKey(a.id))],
  };
}

export async function listPublicTerms(
  deps: PublicDeps,
  kind: TermKind | null,
): Promise<
  Keyed<{
    items: readonly (TermRef & { kind: TermKind; parentId: number | null; description: string })[];
  }>
> {
  const terms = await deps.content.terms(kind);
  return {
    body: {
      items: terms.map((t) => ({
        ...termRef(t),
        kind: t.kind,
        parentId: t.parentId,
        description: t.description,
      })),
    },
    keys: [ANY_SUMMARY_KEY, ANY_TERM_KEY, ...terms.map((t) => termKey(t.id))],
  };
}
