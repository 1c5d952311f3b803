import { sql, type Kysely } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema
type AnyDb = Kysely<any>;

/**
 * A revision per article page's own rows, bumped by the database on every change to what the
 * page reads with the article (repositories/article-pages.ts): the article row, its bylines, its
 * terms, its correction notes, its fediverse reactions, and the terms and users those point at
 * (a category renamed, a byline's name changed). The page can then keep the article and its
 * extras between renders and ask one indexed row whether they still hold; writes elsewhere on
 * the site leave it valid. Like discussion_revisions (0022): no foreign key, and an article
 * with no row has not changed since this migration (revision 0).
 *
 * Inserting an article bumps nothing: no page of it was read before. Deleting one does, so an
 * article made later with the same id (SQLite may reuse the largest rowid) and the same slug is
 * never taken for the deleted one.
 */

/** Each child table and the column naming its article. */
const CHILD_TABLES = [
  'article_authors',
  'article_terms',
  'article_corrections',
  'fediverse_reactions',
];

/** A statement adding one to the revision of every article `select` gives (one column). */
const bumpEach = (select: string): string =>
  `insert into article_page_revisions (article_id, revision) ${select}
   on conflict (article_id) do update set revision = article_page_revisions.revision + 1;`;

const bumpOne = (articleId: string): string => bumpEach(`select ${articleId}, 1 where true`);

const ofTerm = (row: 'old' | 'new'): string =>
  bumpEach(`select article_id, 1 from article_terms where term_id = ${row}.id`);

const ofUser = (row: 'old' | 'new'): string =>
  bumpEach(
    `select id, 1 from articles where author_id = ${row}.id
     union select article_id, 1 from article_authors where user_id = ${row}.id`,
  );

export function articlePageRevisionsMigration(caps: StoreCapabilities) {
  return {
    async up(db: AnyDb): Promise<void> {
      await db.schema
        .createTable('article_page_revisions')
        .addColumn('article_id', 'integer', (c) => c.primaryKey())
        .addColumn('revision', 'bigint', (c) => c.notNull().defaultTo(0))
        .execute();
      if (caps.dialect === 'postgres') {
        await postgresTriggers(db);
        return;
      }
      const trigger = (name: string, timing: string, table: string, body: string) =>
        sql`create trigger ${sql.raw(name)} ${sql.raw(timing)} on ${sql.table(table)}
          for each row begin ${sql.raw(body)} end`.execute(db);
      await trigger('articles_page_revision_update', 'after update', 'articles', bumpOne('old.id'));
      await trigger('articles_page_revision_delete', 'after delete', 'articles', bumpOne('old.id'));
      for (const table of CHILD_TABLES) {
        await trigger(
          `${table}_page_revision_insert`,
          'after insert',
          table,
          bumpOne('new.article_id'),
        );
        await trigger(
          `${table}_page_revision_delete`,
          'after delete',
          table,
          bumpOne('old.article_id'),
        );
        await trigger(
          `${table}_page_revision_update`,
          'after update',
          table,
          bumpOne('old.article_id') + bumpOne('new.article_id'),
        );
      }
      // Before a delete: the rows pointing at the term or user may go with it (cascades).
      await trigger('terms_page_revision_update', 'after update', 'terms', ofTerm('new'));
      await trigger('terms_page_revision_delete', 'before delete', 'terms', ofTerm('old'));
      await trigger('users_page_revision_update', 'after update', 'users', ofUser('new'));
      await trigger('users_page_revision_delete', 'before delete', 'users', ofUser('old'));
    },
  };
}

async function postgresTriggers(db: AnyDb): Promise<void> {
  const fn = async (name: string, body: string) => {
    await sql`create or replace function ${sql.raw(name)}() returns trigger language plpgsql as
      ${sql.lit(`begin ${body} return null; end`)}`.execute(db);
  };
  const on = async (name: string, timing: string, table: string, fnName: string) => {
    await sql`create trigger ${sql.raw(name)} ${sql.raw(timing)} on ${sql.table(table)}
      for each row execute function ${sql.raw(fnName)}()`.execute(db);
  };
  await fn(
    'newsdesk_article_page_revision_of_article',
    `if tg_op <> 'INSERT' then ${bumpOne('old.id')} end if;`,
  );
  await on(
    'articles_page_revision',
    'after update or delete',
    'articles',
    'newsdesk_article_page_revision_of_article',
  );
  await fn(
    'newsdesk_article_page_revision_of_child',
    `if tg_op <> 'INSERT' then ${bumpOne('old.article_id')} end if;
     if tg_op <> 'DELETE' then ${bumpOne('new.article_id')} end if;`,
  );
  for (const table of CHILD_TABLES) {
    await on(
      `${table}_page_revision`,
      'after insert or update or delete',
      table,
      'newsdesk_article_page_revision_of_child',
    );
  }
  // A BEFORE trigger's result decides whether the row changes: it must hand the row back.
  const before = async (name: string, body: string) => {
    await sql`create or replace function ${sql.raw(name)}() returns trigger language plpgsql as
      ${sql.lit(`begin ${body} if tg_op = 'DELETE' then return old; end if; return new; end`)}`.execute(
      db,
    );
  };
  await before(
    'newsdesk_article_page_revision_of_term',
    `if tg_op = 'DELETE' then ${ofTerm('old')} else ${ofTerm('new')} end if;`,
  );
  await on(
    'terms_page_revision',
    'before update or delete',
    'terms',
    'newsdesk_article_page_revision_of_term',
  );
  await before(
    'newsdesk_article_page_revision_of_user',
    `if tg_op = 'DELETE' then ${ofUser('old')} else ${ofUser('new')} end if;`,
  );
  await on(
    'users_page_revision',
    'before update or delete',
    'users',
    'newsdesk_article_page_revision_of_user',
  );
}
