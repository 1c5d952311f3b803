import { migrateDatabase } from '../../main/migrate.js';
import { EXIT, type Command } from '../command.js';
import { parseFlags } from '../flags.js';

export const migrateCommand: Command = {
  name: 'migrate',
  usage: 'newsdesk migrate',
  async run(args, io, getConfig) {
    parseFlags(args, {});
    const applied = await migrateDatabase(getConfig());
    io.out(applied.length ? `applied: ${applied.join(', ')}` : 'schema is up to date');
    return EXIT.ok;
  },
};
