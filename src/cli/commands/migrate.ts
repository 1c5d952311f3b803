import { silentLogger } from '../../app/ports.js';
import { createJobEngine } from '../../jobs/index.js';
import { openStore } from '../../store/database.js';
import { migrateToLatest } from '../../store/migrate.js';
import { EXIT, type Command } from '../command.js';
import { parseFlags } from '../flags.js';

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'bring the database schema up to date (safe to run twice)',
  usage: 'newsdesk migrate',
  async run(args, io, getConfig) {
    parseFlags(args, {});
    const config = getConfig();
    const store = openStore(config.database);
    try {
      const applied = await migrateToLatest(store);
      // The job engine's own schema (graphile-worker's under PostgreSQL) is installed here too.
      await createJobEngine(store, {
        clock: () => new Date(),
        logger: silentLogger,
        postgres: { schema: config.jobsSchema },
      }).prepare();
      io.out(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
      return EXIT.ok;
    } finally {
      await store.close();
    }
  },
};
