import type { Kysely, Selectable, Transaction } from 'kysely';
import type { CorrectionsRepository } from '../../app/articles/ports.js';
import type { Correction } from '../../domain/article.js';
import type { Database } from '../schema.js';
import { compiledOnce } from './compiled-query.js';
import { fromDb, toDb } from './time.js';

type Db = Kysely<Database> | Transaction<Database>;

export const toCorrection = (r: Selectable<Database['article_corrections']>): Correction => ({
  id: r.id,
  articleId: r.article_id,
  kind: r.kind as Correction['kind'],
  note: r.note,
  createdAt: fromDb(r.created_at),
});

type CorrectionRow = Selectable<Database['article_corrections']>;

export function correctionsRepository(db: Db) {
  const query = (d: Db, ids: readonly number[]) =>
    d
      .selectFrom('article_corrections')
      .selectAll()
      .where('article_id', 'in', ids)
      .orderBy('created_at')
      .orderBy('id');
  // One article's notes are read on every article page: built and compiled once.
  const ofOne = compiledOnce<[number], CorrectionRow>(db, (d) => query(d, [0]));
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
      const [only] = articleIds;
      const rows =
        articleIds.length === 1 && only !== undefined
          ? await ofOne(only)
          : await query(db, articleIds).execute();
      for (const r of rows) {
        const list = map.get(r.article_id) ?? [];
        list.push(toCorrection(r));
        map.set(r.article_id, list);
      }
      return map;
    },
  } satisfies CorrectionsRepository;
}
