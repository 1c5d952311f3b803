/**
 * Online backups of a SQLite database, and restoring one. The copy is made with SQLite's own
 * backup API (node:sqlite `backup`) in a single step, so it is one consistent snapshot of the
 * database even while the site keeps writing (WAL mode: the copy reads, writers carry on). A copy
 * is written beside its destination, checked (`integrity_check`, and our migration table), then
 * renamed into place, so a destination never holds half a backup.
 */
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { backup, DatabaseSync } from 'node:sqlite';
import { migrations } from './migrations/index.js';
import { SQLITE } from './capabilities.js';

export class BackupError extends Error {}

export interface BackupReport {
  readonly file: string;
  readonly bytes: number;
  /** The newest migration the copy has. */
  readonly schema: string;
}

const KNOWN = new Set(Object.keys(migrations(SQLITE)));

/** Checks a file is a whole SQLite database of ours; returns its newest migration. */
export function checkSqliteBackup(file: string): string {
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new BackupError(`no backup file at ${file}`);
  }
  let db: DatabaseSync;
  try {
    db = new DatabaseSync(file, { readOnly: true });
  } catch (error) {
    throw new BackupError(`${file} is not a SQLite database (${(error as Error).message})`);
  }
  try {
    let check: unknown;
    try {
      check = db.prepare('pragma integrity_check').get();
    } catch (error) {
      throw new BackupError(`${file} is not a SQLite database (${(error as Error).message})`);
    }
    const verdict = Object.values(check as Record<string, unknown>)[0];
    if (verdict !== 'ok') throw new BackupError(`${file} is damaged: ${String(verdict)}`);
    let names: string[];
    try {
      names = (
        db.prepare('select name from kysely_migration order by name').all() as {
          name: string;
        }[]
      ).map((r) => r.name);
    } catch {
      throw new BackupError(`${file} is a SQLite database, but not a Newsdesk one`);
    }
    const unknown = names.filter((n) => !KNOWN.has(n));
    if (unknown.length > 0) {
      throw new BackupError(
        `${file} was made by a newer Newsdesk (migrations ${unknown.join(', ')} are unknown here)`,
      );
    }
    const newest = names.at(-1);
    if (!newest) throw new BackupError(`${file} has no migrations: not a Newsdesk database`);
    return newest;
  } finally {
    db.close();
  }
}

/** Copies the live database at `source` to `destination` (replaced only once complete). */
export async function backupSqlite(source: string, destination: string): Promise<BackupReport> {
  if (!existsSync(source)) throw new BackupError(`no database at ${source}`);
  if (existsSync(destination) && statSync(destination).isDirectory()) {
    throw new BackupError(`${destination} is a folder; name the backup file`);
  }
  const partial = `${destination}.partial`;
  rmSync(partial, { force: true });
  const db = new DatabaseSync(source, { readOnly: true, timeout: 15_000 });
  try {
    // Every page in one step, one snapshot: in small steps another process's write restarts the
    // copy, and a busy site could keep it from ever finishing.
    await backup(db, partial, { rate: 1_000_000_000 });
  } catch (error) {
    rmSync(partial, { force: true });
    throw new BackupError(`the backup failed: ${(error as Error).message}`);
  } finally {
    db.close();
  }
  try {
    const schema = checkSqliteBackup(partial);
    renameSync(partial, destination);
    return { file: destination, bytes: statSync(destination).size, schema };
  } catch (error) {
    rmSync(partial, { force: true });
    throw error;
  }
}

/**
 * Puts a checked backup in place of the database at `target`. The site and its workers must be
 * stopped first: a process with the old file open would go on writing to it.
 */
export function restoreSqlite(backupFile: string, target: string): BackupReport {
  const schema = checkSqliteBackup(backupFile);
  const partial = `${target}.restoring`;
  rmSync(partial, { force: true });
  const db = new DatabaseSync(backupFile, { readOnly: true });
  try {
    // VACUUM INTO writes a fresh, complete copy (no WAL of the backup's to carry along).
    db.exec(`vacuum into '${partial.replace(/'/g, "''")}'`);
  } finally {
    db.close();
  }
  for (const suffix of ['-wal', '-shm']) rmSync(`${target}${suffix}`, { force: true });
  renameSync(partial, target);
  return { file: target, bytes: statSync(target).size, schema };
}
