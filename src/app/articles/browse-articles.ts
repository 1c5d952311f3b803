/**
 * The admin's article list: what an editor filters by, checked once here, and who sees what.
 * Editors and owners (article.edit-any) see every article; authors and contributors only those
 * they hold a byline on.
 */
import type { Article, ArticleKind, Author, Term } from '../../domain/article.js';
import { failure, type Failure } from '../../domain/failures.js';
import { can } from '../../domain/permissions.js';
import { err, ok, type Result } from '../../domain/result.js';
import type { AppDeps } from '../deps.js';
import { BROWSE_STATUSES, type BrowseFilter, type BrowseStatus } from './browse-ports.js';

export const BROWSE_PER_PAGE = 25;
/** Deep offsets cost the database and help nobody: narrow the filters instead. */
export const BROWSE_MAX_PAGE = 400;
export const BROWSE_MAX_TEXT = 200;

/** The filters as the list's form sends them: every one optional, each a string. */
export type RawBrowseQuery = Readonly<Record<string, string | undefined>>;

export interface BrowseQuery {
  readonly status?: BrowseStatus;
  readonly kind?: ArticleKind;
  readonly authorId?: number;
  readonly categoryId?: number;
  readonly tagId?: number;
  readonly text?: string;
  readonly page: number;
}

const ID = /^[1-9][0-9]{0,11}$/;

/**
 * The query, or every field that is wrong with a sentence each. Empty values mean "any". The
 * messages quote nothing of what was sent: the page shows the form again with it.
 */
export function parseBrowseQuery(raw: RawBrowseQuery): Result<BrowseQuery, Failure> {
  const fields: Record<string, string> = {};
  const value = (name: string) => (raw[name] ?? '').trim();
  const id = (name: string, label: string): number | undefined => {
    const v = value(name);
    if (v === '') return undefined;
    if (!ID.test(v)) fields[name] = `${label}: choose one from the list (an id such as 12)`;
    return Number(v);
  };
  const status = value('status');
  if (status !== '' && !(BROWSE_STATUSES as readonly string[]).includes(status)) {
    fields.status = `status: one of ${BROWSE_STATUSES.join(', ')}`;
  }
  const kind = value('type');
  if (kind !== '' && kind !== 'article' && kind !== 'page') {
    fields.type = 'type: article or page';
  }
  const text = value('q');
  if (text.length > BROWSE_MAX_TEXT) fields.q = `search: at most ${BROWSE_MAX_TEXT} characters`;
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  if (/[\u0000-\u001f\u007f]/.test(text)) fields.q = 'search: control characters are not allowed';
  const pageText = value('page');
  let page = 1;
  if (pageText !== '') {
    if (
      !/^[0-9]{1,6}$/.test(pageText) ||
      Number(pageText) < 1 ||
      Number(pageText) > BROWSE_MAX_PAGE
    )
      fields.page = `page: a number from 1 to ${BROWSE_MAX_PAGE}`;
    else page = Number(pageText);
  }
  const authorId = id('author', 'author');
  const categoryId = id('category', 'category');
  const tagId = id('tag', 'tag');
  if (Object.keys(fields).length > 0) {
    return err(
      failure(
        'invalid_input',
        `The filters could not be used: ${Object.values(fields).join('; ')}.`,
        {
          fields,
        },
      ),
    );
  }
  return ok({
    ...(status ? { status: status as BrowseStatus } : {}),
    ...(kind ? { kind: kind as ArticleKind } : {}),
    ...(authorId === undefined ? {} : { authorId }),
    ...(categoryId === undefined ? {} : { categoryId }),
    ...(tagId === undefined ? {} : { tagId }),
    ...(text ? { text } : {}),
    page,
  });
}

export interface BrowseRow {
  readonly article: Article;
  readonly bylines: readonly Author[];
  readonly categories: readonly Term[];
  readonly tags: readonly Term[];
}

export interface BrowseResult {
  readonly rows: readonly BrowseRow[];
  readonly total: number;
  readonly page: number;
  readonly pageCount: number;
  /** True when the list is only the viewer's own articles. */
  readonly ownOnly: boolean;
}

/** One page of the articles `viewer` may see that match `query`. */
export async function browseArticles(
  deps: Pick<AppDeps, 'repos'>,
  viewer: Pick<Author, 'id' | 'role'>,
  query: BrowseQuery,
): Promise<Result<BrowseResult, Failure>> {
  const all = can(viewer.role, 'article.edit-any');
  if (!all && !can(viewer.role, 'article.edit-own')) {
    return err(failure('forbidden', `a ${viewer.role} may not list articles`));
  }
  const { repos } = deps;
  const categoryIds =
    query.categoryId === undefined
      ? undefined
      : await repos.terms.withDescendants(query.categoryId);
  // An author filter narrows what a writer may see; it never widens it.
  const bylineOf = all ? query.authorId : viewer.id;
  if (!all && query.authorId !== undefined && query.authorId !== viewer.id) {
    return ok({ rows: [], total: 0, page: 1, pageCount: 1, ownOnly: true });
  }
  const filter: BrowseFilter = {
    ...(query.status ? { status: query.status } : {}),
    ...(query.kind ? { kind: query.kind } : {}),
    ...(bylineOf === undefined ? {} : { bylineOf }),
    ...(categoryIds ? { categoryIds } : {}),
    ...(query.tagId === undefined ? {} : { tagId: query.tagId }),
    ...(query.text ? { text: query.text } : {}),
    limit: BROWSE_PER_PAGE,
    offset: (query.page - 1) * BROWSE_PER_PAGE,
  };
  const found = await repos.articleBrowser.browse(filter);
  const pageCount = Math.min(
    BROWSE_MAX_PAGE,
    Math.max(1, Math.ceil(found.total / BROWSE_PER_PAGE)),
  );
  const ids = found.items.map((a) => a.id);
  const [bylineIds, terms] = await Promise.all([
    repos.articles.bylines(ids),
    repos.terms.forArticles(ids),
  ]);
  const users = new Map(
    (await repos.users.findByIds([...new Set([...bylineIds.values()].flat())])).map((u) => [
      u.id,
      u,
    ]),
  );
  const rows = found.items.map((article) => {
    const t = terms.get(article.id) ?? [];
    return {
      article,
      bylines: (bylineIds.get(article.id) ?? [])
        .map((id) => users.get(id))
        .filter((u): u is Author => u !== undefined),
      categories: t.filter((x) => x.kind === 'category'),
      tags: t.filter((x) => x.kind === 'tag'),
    };
  });
  return ok({ rows, total: found.total, page: query.page, pageCount, ownOnly: !all });
}
