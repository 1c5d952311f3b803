import { sql, type Kysely } from 'kysely';
import type { AdminContentQueries } from '../../app/admin-content/ports.js';
import type { Database } from '../schema.js';
import { toArticle } from './articles.js';
import { toMediaItem } from './media.js';

/** `%`, `_` and the escape character itself taken literally in a LIKE pattern. */
const likeLiteral = (text: string) => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);

/** The admin API's keyset pages (newest id first), the same statements on both dialects. */
export function adminContentQueries(db: Kysely<Database>): AdminContentQueries {
  return {
    async articles(f) {
      let q = db.selectFrom('articles').selectAll().where('kind', '=', f.kind);
      q = f.trashed ? q.where('deleted_at', 'is not', null) : q.where('deleted_at', 'is', null);
      if (f.status) q = q.where('status', '=', f.status);
      if (f.beforeId !== undefined) q = q.where('id', '<', f.beforeId);
      if (f.authorId !== undefined) {
        const authorId = f.authorId;
        q = q.where((eb) =>
          eb.exists(
            eb
              .selectFrom('article_authors')
              .select('article_authors.article_id')
              .whereRef('article_authors.article_id', '=', 'articles.id')
              .where('article_authors.user_id', '=', authorId),
          ),
        );
      }
      if (f.text) {
        const pattern = `%${likeLiteral(f.text.toLowerCase())}%`;
        q = q.where(sql<boolean>`lower(title) like ${pattern} escape '\\'`);
      }
      const rows = await q.orderBy('id', 'desc').limit(f.limit).execute();
      return rows.map(toArticle);
    },
    async media(f) {
      let q = db.selectFrom('media').selectAll();
      if (f.beforeId !== undefined) q = q.where('id', '<', f.beforeId);
      const rows = await q.orderBy('id', 'desc').limit(f.limit).execute();
      return rows.map(toMediaItem);
    },
  };
}
