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
    const store = openStore(getConfig().database);
    try {
      const applied = await migrateToLatest(store);
      io.out(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
      return EXIT.ok;
    } finally {
      await store.close();
    }
  },
};
