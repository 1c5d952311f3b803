import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema
type AnyDb = Kysely<any>;

/**
 * The editor's autosaves: one row per article and user, holding the fields typed since the last
 * save (JSON) and the revision they were typed over. Not a revision: nothing here is published or
 * kept in the history. A row with no fields is presence only (the user opened the article), which
 * the editor reads to say who else is editing it.
 */
export function articleAutosavesMigration() {
  return {
    async up(db: AnyDb): Promise<void> {
      await db.schema
        .createTable('article_autosaves')
        .ifNotExists()
        .addColumn('article_id', 'integer', (c) =>
          c.notNull().references('articles.id').onDelete('cascade'),
        )
        .addColumn('user_id', 'integer', (c) =>
          c.notNull().references('users.id').onDelete('cascade'),
        )
        .addColumn('fields', 'text')
        .addColumn('revision', 'integer')
        .addColumn('saved_at', 'varchar(30)')
        .addColumn('seen_at', 'varchar(30)', (c) => c.notNull())
        .addPrimaryKeyConstraint('article_autosaves_pk', ['article_id', 'user_id'])
        .execute();
      await db.schema
        .createIndex('article_autosaves_seen')
        .ifNotExists()
        .on('article_autosaves')
        .columns(['article_id', 'seen_at'])
        .execute();
    },
  };
}
