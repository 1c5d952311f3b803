import { EXIT, type Command } from '../command.js';
import { parseFlags } from '../flags.js';

export const migrateCommand: Command = {
  name: 'migrate',
  usage: 'newsdesk migrate',
  async run(args, io, getConfig) {
    parseFlags(args, {});
    // The store and the migrations load only when migrating, not for --help.
    const { migrateDatabase } = await import('../../main/migrate.js');
    const applied = await migrateDatabase(getConfig());
    io.out(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
    return EXIT.ok;
  },
};
