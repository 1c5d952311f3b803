import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations predate the typed schema
type AnyDb = Kysely<any>;

/**
 * Indexes for listing pages at any site size.
 *
 * - `articles_live`: every listing asks for `status = 'published' and deleted_at is null and
 *   published_at <= now`, newest first. The old index lacked `deleted_at`, so each candidate row
 *   was read from the table (its body columns come before `deleted_at`); this one answers the
 *   filter and the order from the index.
 * - `article_terms_term_article`: an archive's "is this article filed under the term" check and
 *   its list of the term's articles, both from the index alone.
 * - `terms_parent`: a category's subcategories, found by walking down from it rather than by
 *   reading every term.
 */
export function listingIndexesMigration() {
  return {
    async up(db: AnyDb): Promise<void> {
      await db.schema
        .createIndex('articles_live')
        .on('articles')
        .columns(['status', 'deleted_at', 'published_at'])
        .execute();
      await db.schema
        .createIndex('article_terms_term_article')
        .on('article_terms')
        .columns(['term_id', 'article_id'])
        .execute();
      await db.schema.createIndex('terms_parent').on('terms').column('parent_id').execute();
    },
  };
}
