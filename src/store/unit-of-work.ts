import type { Transaction } from 'kysely';
import type { JobRequest, Repositories, UnitOfWork } from '../app/ports.js';
import type { Store } from './database.js';
import { repositories } from './repositories/index.js';
import type { Database } from './schema.js';

/** Anything that can enqueue a job inside a given transaction (the job queue does). */
export interface TransactionalEnqueuer {
  enqueue(job: JobRequest, tx: Transaction<Database>): Promise<void>;
}

export function unitOfWork(store: Store, jobs: TransactionalEnqueuer): UnitOfWork<Repositories> {
  return {
    run: (work) =>
      store.db
        .transaction()
        .execute((trx) =>
          work({ repos: repositories(trx), enqueue: (job) => jobs.enqueue(job, trx) }),
        ),
  };
}
