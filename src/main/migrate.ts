import { silentLogger } from '../app/ports.js';
import type { Config } from '../config/config.js';
import { createJobEngine } from '../jobs/index.js';
import { openStore } from '../store/database.js';
import { migrateToLatest } from '../store/migrate.js';

export { MigrationError } from '../store/migrate.js';

/**
 * Brings the schema up to date, the job engine's own schema (graphile-worker's under PostgreSQL)
 * included, and returns the names of the migrations it applied.
 */
export async function migrateDatabase(config: Config): Promise<string[]> {
  const store = openStore(config.database);
  try {
    const applied = await migrateToLatest(store);
    await createJobEngine(store, {
      clock: () => new Date(),
      logger: silentLogger,
      postgres: { schema: config.jobsSchema },
    }).prepare();
    return applied;
  } finally {
    await store.close();
  }
}
