import type { Kysely, Selectable, Transaction } from 'kysely';
import type { AutosavesRepository, StoredAutosave } from '../../app/editor/ports.js';
import type { Database } from '../schema.js';
import { fromDb, fromDbOrNull, toDb } from './time.js';

type Db = Kysely<Database> | Transaction<Database>;

const toAutosave = (r: Selectable<Database['article_autosaves']>): StoredAutosave => ({
  articleId: r.article_id,
  userId: r.user_id,
  fields: r.fields,
  revision: r.revision,
  savedAt: fromDbOrNull(r.saved_at),
  seenAt: fromDb(r.seen_at),
});

export function autosavesRepository(db: Db) {
  return {
    async save(row, now) {
      const values = {
        fields: row.fields,
        revision: row.revision,
        saved_at: toDb(now),
        seen_at: toDb(now),
      };
      await db
        .insertInto('article_autosaves')
        .values({ article_id: row.articleId, user_id: row.userId, ...values })
        .onConflict((oc) => oc.columns(['article_id', 'user_id']).doUpdateSet(values))
        .execute();
    },
    async touch(articleId, userId, now) {
      await db
        .insertInto('article_autosaves')
        .values({ article_id: articleId, user_id: userId, seen_at: toDb(now) })
        .onConflict((oc) =>
          oc.columns(['article_id', 'user_id']).doUpdateSet({ seen_at: toDb(now) }),
        )
        .execute();
    },
    async find(articleId, userId) {
      const row = await db
        .selectFrom('article_autosaves')
        .selectAll()
        .where('article_id', '=', articleId)
        .where('user_id', '=', userId)
        .executeTakeFirst();
      return row && toAutosave(row);
    },
    async clear(articleId, userId) {
      await db
        .updateTable('article_autosaves')
        .set({ fields: null, revision: null, saved_at: null })
        .where('article_id', '=', articleId)
        .where('user_id', '=', userId)
        .execute();
    },
    async othersSince(articleId, userId, since) {
      const rows = await db
        .selectFrom('article_autosaves')
        .innerJoin('users', 'users.id', 'article_autosaves.user_id')
        .select(['article_autosaves.user_id', 'users.name', 'article_autosaves.seen_at'])
        .where('article_autosaves.article_id', '=', articleId)
        .where('article_autosaves.user_id', '<>', userId)
        .where('article_autosaves.seen_at', '>=', toDb(since))
        .orderBy('article_autosaves.seen_at', 'desc')
        .execute();
      return rows.map((r) => ({ userId: r.user_id, name: r.name, at: fromDb(r.seen_at) }));
    },
  } satisfies AutosavesRepository;
}
