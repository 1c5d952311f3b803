import type { ArticleEventSubscriber } from '../articles/events.js';
import { reindexArticle } from './document.js';

/**
 * Keeps the search index right on every article event (published, updated, unpublished,
 * deleted, restored): the entry is rebuilt from the article as the transaction now holds it, so
 * the index commits with the change or not at all.
 */
export const searchIndexSubscriber: ArticleEventSubscriber = (event, tx) =>
  reindexArticle(tx.repos, event.articleId);
