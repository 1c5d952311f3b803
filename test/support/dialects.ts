import { describe, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { openPostgres, openSqlite, type Store } from '../../src/store/database.js';

export interface TestDialect {
  readonly name: 'sqlite' | 'postgres';
  /** A fresh, empty, isolated store (a new SQLite file, or a new PostgreSQL schema). */
  open(): Promise<TestStore>;
}

export interface TestStore extends Store {
  /** The same database as a NEWSDESK_DATABASE_URL value, for child processes. */
  readonly databaseUrl: string;
  /** Environment that points a runtime or child process at this store (and its job schema). */
  readonly env: Readonly<Record<string, string>>;
  dispose(): Promise<void>;
}

const PG_URL = process.env.NEWSDESK_TEST_PG_URL;
let warned = false;

function sqliteDialect(): TestDialect {
  return {
    name: 'sqlite',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'newsdesk-test-'));
      const file = join(dir, 'test.sqlite');
      const store = openSqlite(file);
      return {
        ...store,
        databaseUrl: file,
        env: { NEWSDESK_DATABASE_URL: file },
        async dispose() {
          await store.close().catch(() => {});
          rmSync(dir, { recursive: true, force: true });
        },
      };
    },
  };
}

/** Each PostgreSQL test store is its own schema, put first on the search path. */
function postgresDialect(url: string): TestDialect {
  return {
    name: 'postgres',
    async open() {
      const schema = `t_${randomBytes(6).toString('hex')}`;
      const admin = new pg.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      await admin.end();
      const scoped = new URL(url);
      scoped.searchParams.set('options', `-c search_path=${schema}`);
      const store = openPostgres(scoped.toString(), 5);
      return {
        ...store,
        databaseUrl: scoped.toString(),
        env: { NEWSDESK_DATABASE_URL: scoped.toString(), NEWSDESK_PG_JOBS_SCHEMA: `gw_${schema}` },
        async dispose() {
          await store.close().catch(() => {});
          const c = new pg.Client({ connectionString: url });
          await c.connect();
          await c.query(`drop schema if exists ${schema} cascade`);
          await c.query(`drop schema if exists gw_${schema} cascade`);
          await c.end();
        },
      };
    },
  };
}

/** SQLite always; PostgreSQL when NEWSDESK_TEST_PG_URL is set, otherwise a visible skip notice. */
export function testDialects(): TestDialect[] {
  if (!PG_URL && !warned) {
    warned = true;
    console.warn(
      '[newsdesk] PostgreSQL tests skipped: set NEWSDESK_TEST_PG_URL=postgres://… to run them.',
    );
  }
  return PG_URL ? [sqliteDialect(), postgresDialect(PG_URL)] : [sqliteDialect()];
}

/**
 * Declares the same suite once per dialect. Without NEWSDESK_TEST_PG_URL the PostgreSQL copy is
 * declared as skipped, so the runner lists it as skipped instead of leaving it out silently.
 */
export function describeEachDialect(title: string, body: (dialect: TestDialect) => void): void {
  for (const dialect of testDialects()) describe(`${title} [${dialect.name}]`, () => body(dialect));
  if (!PG_URL) {
    describe.skip(`${title} [postgres: skipped, NEWSDESK_TEST_PG_URL is unset]`, () => {
      it('runs against PostgreSQL when NEWSDESK_TEST_PG_URL is set', () => {});
    });
  }
}
