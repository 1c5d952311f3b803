import type { Config } from '../config/config.js';

export {
  BackupError,
  backupSqlite,
  checkSqliteBackup,
  restoreSqlite,
  type BackupReport,
} from '../store/sqlite-backup.js';

/** The SQLite file the configuration names, or null for PostgreSQL (backed up with pg_dump). */
export function sqliteFileOf(config: Config): string | null {
  return config.database.kind === 'sqlite' ? config.database.file : null;
}
