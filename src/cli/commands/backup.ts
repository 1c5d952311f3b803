import { existsSync } from 'node:fs';
import { BackupError, backupSqlite, restoreSqlite, sqliteFileOf } from '../../main/backup.js';
import { EXIT, UsageError, type Command, type CommandIo, type ExitCode } from '../command.js';
import { parseFlags } from '../flags.js';

const PG_HINT = 'this site runs on PostgreSQL: back it up with pg_dump (see the README, "Backups")';

function failed(io: CommandIo, error: unknown): ExitCode {
  if (error instanceof BackupError) {
    io.err(`error: ${error.message}`);
    return EXIT.dataError;
  }
  throw error;
}

export const backupCommand: Command = {
  name: 'backup',
  usage: 'newsdesk backup FILE',
  async run(args, io, getConfig) {
    const f = parseFlags(args, {}, 1);
    const [file] = f._;
    if (!file) throw new UsageError('backup needs the file to write: newsdesk backup FILE');
    const source = sqliteFileOf(getConfig());
    if (!source) throw new UsageError(PG_HINT);
    try {
      const r = await backupSqlite(source, file);
      io.out(`backup written: ${r.file} (${r.bytes} bytes, schema ${r.schema})`);
      return EXIT.ok;
    } catch (error) {
      return failed(io, error);
    }
  },
};

export const restoreCommand: Command = {
  name: 'restore',
  usage: 'newsdesk restore FILE [--yes]',
  async run(args, io, getConfig) {
    const f = parseFlags(args, { yes: 'boolean' }, 1);
    const [file] = f._;
    if (!file) throw new UsageError('restore needs the backup file: newsdesk restore FILE');
    const target = sqliteFileOf(getConfig());
    if (!target) throw new UsageError(PG_HINT);
    if (existsSync(target) && !f.yes) {
      throw new UsageError(
        `restore replaces ${target}; stop the site and its workers, then run it again with --yes`,
      );
    }
    try {
      const r = restoreSqlite(file, target);
      io.out(
        `restored ${file} to ${r.file} (schema ${r.schema}); run newsdesk migrate, then start`,
      );
      return EXIT.ok;
    } catch (error) {
      return failed(io, error);
    }
  },
};
