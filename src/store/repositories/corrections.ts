import type { Kysely, Selectable, Transaction } from 'kysely';
import type { CorrectionsRepository } from '../../app/articles/ports.js';
import type { Correction } from '../../domain/article.js';
import type { Database } from '../schema.js';
import { fromDb, toDb } from './time.js';

type Db = Kysely<Database> | Transaction<Database>;

const toCorrection = (r: Selectable<Database['article_corrections']>): Correction => ({
  id: r.id,
  articleId: r.article_id,
  kind: r.kind as Correction['kind'],
  note: r.note,
  createdAt: fromDb(r.created_at),
});

export function correctionsRepository(db: Db) {
  return {
    async add(c, now) {
      const row = await db
        .insertInto('article_corrections')
        .values({
          article_id: c.articleId,
          kind: c.kind,
          note: c.note,
          editor_id: c.editorId,
          created_at: toDb(now),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      return toCorrection(row);
    },
    async forArticles(articleIds: readonly number[]): Promise<Map<number, Correction[]>> {
      const map = new Map<number, Correction[]>();
      if (articleIds.length === 0) return map;
      const rows = await db
        .selectFrom('article_corrections')
        .selectAll()
        .where('article_id', 'in', articleIds)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      for (const r of rows) {
        const list = map.get(r.article_id) ?? [];
        list.push(toCorrection(r));
        map.set(r.article_id, list);
      }
      return map;
    },
  } satisfies CorrectionsRepository;
}
