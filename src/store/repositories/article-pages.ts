/**
 * The article page's own reads in one statement each (app/public-content/ports.ts): the article
 * row with its bylines' users, its author, its terms, its correction notes and its fediverse
 * reactions aggregated as JSON arrays in subqueries, where the page otherwise ran one statement
 * for each. SQLite (json_group_array, 3.44+ for its ORDER BY) and PostgreSQL (json_agg) spell the
 * aggregate differently; the rows inside are the tables' own columns, mapped as their
 * repositories map them.
 *
 * Outside a transaction, what `bySlug` read is kept per slug with the article page's revision
 * (article_page_revisions, bumped by the database on every change to those rows: migration
 * 0027): the next read of the slug asks only for the article's id and revision, and hands out
 * the very same objects when both are unchanged, so a render after a write elsewhere on the
 * site maps nothing again and what is built from those objects can be compared by identity.
 */
import { CompiledQuery, PostgresAdapter, type Kysely, type Transaction } from 'kysely';
import type { ArticlePageExtras, ArticlePageReads } from '../../app/public-content/ports.js';
import type { Article } from '../../domain/article.js';
import type { Database } from '../schema.js';
import { toArticle } from './articles.js';
import { toCorrection } from './corrections.js';
import { toReaction } from './fediverse.js';
import { toTerm } from './terms.js';
import { toAuthor } from './users.js';
import { keptByRevision } from '../../app/kept-by-revision.js';

type Db = Kysely<Database> | Transaction<Database>;

// What toAuthor reads (never the password hash).
const USER_COLUMNS = ['id', 'email', 'name', 'slug', 'role', 'bio', 'url'];
const TERM_COLUMNS = ['id', 'kind', 'name', 'slug', 'parent_id', 'description'];
const CORRECTION_COLUMNS = ['id', 'article_id', 'kind', 'note', 'editor_id', 'created_at'];
const REACTION_COLUMNS = [
  'id',
  'article_id',
  'kind',
  'activity_id',
  'actor_id',
  'actor_host',
  'actor_handle',
  'actor_name',
  'profile_url',
  'icon_url',
  'created_at',
];

interface Dialect {
  readonly object: string;
  readonly array: (object: string, orderBy: string) => string;
  readonly parameter: string;
}

const SQLITE: Dialect = {
  object: 'json_object',
  array: (object, orderBy) => `json_group_array(${object} order by ${orderBy})`,
  parameter: '?',
};

const POSTGRES: Dialect = {
  object: 'json_build_object',
  array: (object, orderBy) => `coalesce(json_agg(${object} order by ${orderBy}), '[]'::json)`,
  parameter: '$1',
};

const objectOf = (d: Dialect, table: string, columns: readonly string[]): string =>
  `${d.object}(${columns.map((c) => `'${c}', "${table}"."${c}"`).join(', ')})`;

/** The select list after `"articles".*`: one JSON column per kind of extra. */
function extrasColumns(d: Dialect): string {
  const bylines =
    `(select ${d.array(objectOf(d, 'users', USER_COLUMNS), '"article_authors"."position"')}` +
    ` from "article_authors" join "users" on "users"."id" = "article_authors"."user_id"` +
    ` where "article_authors"."article_id" = "articles"."id") as "bylines_json"`;
  const author =
    `(select ${objectOf(d, 'users', USER_COLUMNS)} from "users"` +
    ` where "users"."id" = "articles"."author_id") as "author_json"`;
  const terms =
    `(select ${d.array(objectOf(d, 'terms', TERM_COLUMNS), '"terms"."name", "terms"."id"')}` +
    ` from "article_terms" join "terms" on "terms"."id" = "article_terms"."term_id"` +
    ` where "article_terms"."article_id" = "articles"."id") as "terms_json"`;
  const notes =
    `(select ${d.array(
      objectOf(d, 'article_corrections', CORRECTION_COLUMNS),
      '"article_corrections"."created_at", "article_corrections"."id"',
    )} from "article_corrections"` +
    ` where "article_corrections"."article_id" = "articles"."id") as "corrections_json"`;
  const reactions =
    `(select ${d.array(
      objectOf(d, 'fediverse_reactions', REACTION_COLUMNS),
      '"fediverse_reactions"."created_at", "fediverse_reactions"."id"',
    )} from "fediverse_reactions"` +
    ` where "fediverse_reactions"."article_id" = "articles"."id") as "reactions_json"`;
  return [bylines, author, terms, notes, reactions].join(', ');
}

interface ExtrasRow {
  readonly bylines_json: unknown;
  readonly author_json: unknown;
  readonly terms_json: unknown;
  readonly corrections_json: unknown;
  readonly reactions_json: unknown;
}

/** SQLite answers JSON as text; the PostgreSQL driver parses `json` columns itself. */
const parsed = <T>(value: unknown): T =>
  (typeof value === 'string' ? JSON.parse(value) : value) as T;

function toExtras(row: ExtrasRow): ArticlePageExtras {
  // The JSON objects carry the tables' own columns, so each repository's mapper reads them.
  type Rows<F extends (r: never) => unknown> = Parameters<F>[0][];
  const author = parsed<Parameters<typeof toAuthor>[0] | null>(row.author_json);
  return {
    bylines: parsed<Rows<typeof toAuthor>>(row.bylines_json).map(toAuthor),
    author: author ? toAuthor(author) : undefined,
    terms: parsed<Rows<typeof toTerm>>(row.terms_json).map(toTerm),
    corrections: parsed<Rows<typeof toCorrection>>(row.corrections_json).map(toCorrection),
    reactions: parsed<Rows<typeof toReaction>>(row.reactions_json).map(toReaction),
  };
}

const NO_EXTRAS: ArticlePageExtras = {
  bylines: [],
  author: undefined,
  terms: [],
  corrections: [],
  reactions: [],
};

/** Slugs whose reads are kept: the article's row and extras, a few KiB each. */
const KEPT_PAGES = 256;

type Read = { readonly article: Article; readonly extras: ArticlePageExtras } | undefined;

export function articlePagesRepository(db: Db): ArticlePageReads {
  const d = db.getExecutor().adapter instanceof PostgresAdapter ? POSTGRES : SQLITE;
  const bySlugSql = `select "articles".*, ${extrasColumns(d)} from "articles" where "slug" = ${d.parameter}`;
  const extrasSql = `select ${extrasColumns(d)} from "articles" where "id" = ${d.parameter}`;
  // The id is part of the revision: a slug that now names another article is read again.
  const revisionSql =
    `select "articles"."id", coalesce("article_page_revisions"."revision", 0) as "revision"` +
    ` from "articles" left join "article_page_revisions"` +
    ` on "article_page_revisions"."article_id" = "articles"."id" where "slug" = ${d.parameter}`;
  type ArticleRow = Parameters<typeof toArticle>[0];
  // Outside a transaction only: a transaction's reads may not be committed (or may roll back).
  const kept = db.isTransaction ? null : keptByRevision<string, Read>({ max: KEPT_PAGES });
  const read = async (slug: string): Promise<Read> => {
    const { rows } = await db.executeQuery<ArticleRow & ExtrasRow>(
      CompiledQuery.raw(bySlugSql, [slug]),
    );
    const [row] = rows;
    return row && { article: toArticle(row), extras: toExtras(row) };
  };
  const revision = async (slug: string): Promise<string> => {
    const { rows } = await db.executeQuery<{ id: number; revision: string | number }>(
      CompiledQuery.raw(revisionSql, [slug]),
    );
    const [row] = rows;
    return row ? `${row.id}:${row.revision}` : 'none';
  };
  return {
    bySlug(slug) {
      return kept
        ? kept.get(
            slug,
            () => revision(slug),
            () => read(slug),
          )
        : read(slug);
    },
    async extrasOf(articleId) {
      const { rows } = await db.executeQuery<ExtrasRow>(CompiledQuery.raw(extrasSql, [articleId]));
      const [row] = rows;
      return row ? toExtras(row) : NO_EXTRAS;
    },
  };
}
