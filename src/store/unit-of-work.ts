import type { Transaction } from 'kysely';
import type { ArticleEvent, ArticleEventSubscriber } from '../app/articles/events.js';
import type { DiscussionEvent, DiscussionEventSubscriber } from '../app/discussion/events.js';
import type { JobRequest, Repositories, UnitOfWork } from '../app/ports.js';
import type { Store } from './database.js';
import { statementCache } from './repositories/bulk-insert.js';
import { repositories } from './repositories/index.js';
import type { Database } from './schema.js';

/** Anything that can enqueue a job inside a given transaction (the job queue does). */
export interface TransactionalEnqueuer {
  enqueue(job: JobRequest, tx: Transaction<Database>): Promise<void>;
}

/**
 * Transactions for the use cases. An event emitted inside one is logged and handed to every
 * subscriber in the same transaction, so what they enqueue commits with the change.
 */
export function unitOfWork(
  store: Store,
  jobs: TransactionalEnqueuer,
  subscribers: readonly ArticleEventSubscriber[] = [],
  discussionSubscribers: readonly DiscussionEventSubscriber[] = [],
): UnitOfWork<Repositories> {
  // Compiled bulk INSERTs, shared by this store's transactions (one dialect, so one text each).
  const statements = statementCache();
  return {
    run: (work) =>
      store.db.transaction().execute((trx) => {
        const repos = repositories(trx, statements);
        const enqueue = (job: JobRequest) => jobs.enqueue(job, trx);
        const emit = async (event: ArticleEvent) => {
          await repos.articleEvents.record(event);
          for (const subscriber of subscribers) await subscriber(event, { repos, enqueue });
        };
        const emitDiscussion = async (event: DiscussionEvent) => {
          for (const subscriber of discussionSubscribers)
            await subscriber(event, { repos, enqueue });
        };
        return work({ repos, enqueue, emit, emitDiscussion });
      }),
  };
}
