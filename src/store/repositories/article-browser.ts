import { type Kysely, type Transaction } from 'kysely';
import type { ArticleBrowser, BrowseFilter, BrowsePage } from '../../app/articles/browse-ports.js';
import type { Database } from '../schema.js';
import { toArticle } from './articles.js';
import { likeText } from './like.js';

type Db = Kysely<Database> | Transaction<Database>;

/** The admin's article list: every filter in one statement, counted with another. */
export function articleBrowser(db: Db): ArticleBrowser {
  const matching = (f: BrowseFilter) => {
    let q = db.selectFrom('articles');
    q =
      f.status === 'trashed'
        ? q.where('deleted_at', 'is not', null)
        : q.where('deleted_at', 'is', null);
    if (f.status === 'draft') q = q.where('status', '=', 'draft').where('withdrawn_at', 'is', null);
    if (f.status === 'unpublished')
      q = q.where('status', '=', 'draft').where('withdrawn_at', 'is not', null);
    if (f.status === 'scheduled' || f.status === 'published') q = q.where('status', '=', f.status);
    if (f.kind) q = q.where('kind', '=', f.kind);
    const byline = f.bylineOf;
    if (byline !== undefined) {
      q = q.where('id', 'in', (eb) =>
        eb.selectFrom('article_authors').select('article_id').where('user_id', '=', byline),
      );
    }
    const categories = f.categoryIds;
    if (categories && categories.length > 0) {
      q = q.where('id', 'in', (eb) =>
        eb.selectFrom('article_terms').select('article_id').where('term_id', 'in', categories),
      );
    }
    const tag = f.tagId;
    if (tag !== undefined) {
      q = q.where('id', 'in', (eb) =>
        eb.selectFrom('article_terms').select('article_id').where('term_id', '=', tag),
      );
    }
    if (f.text) {
      const text = f.text;
      q = q.where((eb) =>
        eb.or([likeText('title', text, 'contains'), likeText('slug', text, 'contains')]),
      );
    }
    return q;
  };
  return {
    async browse(f: BrowseFilter): Promise<BrowsePage> {
      // One after the other: inside a transaction both would share one connection anyway.
      const count = await matching(f)
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow();
      const rows = await matching(f)
        .selectAll()
        .orderBy('updated_at', 'desc')
        .orderBy('id', 'desc')
        .limit(f.limit)
        .offset(f.offset)
        .execute();
      return { total: Number(count.n), items: rows.map(toArticle) };
    },
  };
}
