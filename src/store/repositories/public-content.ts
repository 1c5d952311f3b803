import type { Kysely } from 'kysely';
import type { PublicContentQueries } from '../../app/public-content/ports.js';
import type { TermKind } from '../../domain/article.js';
import type { Database } from '../schema.js';
import { toArticle } from './articles.js';
import { toTerm } from './terms.js';
import { toDb } from './time.js';
import { usersRepository } from './users.js';

/** The public content API's reads: keyset pages of live articles, byline holders, terms. */
export function publicContentQueries(db: Kysely<Database>): PublicContentQueries {
  const live = (now: Date) =>
    db
      .selectFrom('articles')
      .where('status', '=', 'published')
      .where('deleted_at', 'is', null)
      .where('published_at', 'is not', null)
      .where('published_at', '<=', toDb(now));
  return {
    async liveArticles(now, kind, after, limit) {
      let q = live(now).selectAll().where('kind', '=', kind);
      if (after) {
        const at = toDb(after.publishedAt);
        q = q.where((eb) =>
          eb.or([
            eb('published_at', '<', at),
            eb.and([eb('published_at', '=', at), eb('id', '<', after.id)]),
          ]),
        );
      }
      const rows = await q
        .orderBy('published_at', 'desc')
        .orderBy('id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toArticle);
    },
    async liveAuthors(now) {
      const ids = await db
        .selectFrom('article_authors')
        .select('user_id')
        .distinct()
        .where('article_id', 'in', live(now).select('id'))
        .execute();
      const authors = await usersRepository(db).findByIds(ids.map((r) => r.user_id));
      return [...authors].sort((a, b) => a.name.localeCompare(b.name) || a.id - b.id);
    },
    async terms(kind: TermKind | null) {
      let q = db.selectFrom('terms').selectAll();
      if (kind) q = q.where('kind', '=', kind);
      const rows = await q.orderBy('name').orderBy('id').limit(5000).execute();
      return rows.map(toTerm);
    },
  };
}
