import { createReadStream } from 'node:fs';
import { sql } from 'kysely';
import { importWxr, type ImportWxrOptions } from '../../src/app/import/import-wxr.js';
import { silentLogger } from '../../src/app/ports.js';
import { loadConfig } from '../../src/config/config.js';
import { importDeps } from '../../src/main/import.js';
import { openRuntime, type Runtime } from '../../src/main/runtime.js';
import type { TestDialect, TestStore } from './dialects.js';

export const FIXTURES = 'test/fixtures/wxr';
export const fixture = (name: string) => `${FIXTURES}/${name}`;

export interface ImportRig {
  readonly rt: Runtime;
  readonly store: TestStore;
  close(): Promise<void>;
}

export async function openRig(
  dialect: TestDialect,
  env: Record<string, string> = {},
  runtime: Parameters<typeof openRuntime>[2] = {},
): Promise<ImportRig> {
  const store = await dialect.open();
  const config = loadConfig({
    ...store.env,
    NEWSDESK_SITE_URL: 'http://news.test',
    NEWSDESK_LOG_LEVEL: 'silent',
    ...env,
  });
  const rt = await openRuntime(config, silentLogger, runtime);
  return {
    rt,
    store,
    async close() {
      await rt.close();
      await store.dispose();
    },
  };
}

export function importFile(rt: Runtime, file: string, opts: Partial<ImportWxrOptions> = {}) {
  return importWxr(importDeps(rt), { open: () => createReadStream(file), ...opts });
}

export function importBytes(rt: Runtime, bytes: Uint8Array | string) {
  const data = typeof bytes === 'string' ? Buffer.from(bytes) : bytes;
  return importWxr(importDeps(rt), {
    open: async function* () {
      for (let i = 0; i < data.length; i += 65_536) yield data.subarray(i, i + 65_536);
    },
  });
}

const TABLES = [
  'users',
  'articles',
  'article_revisions',
  'article_authors',
  'terms',
  'article_terms',
  'slug_history',
  'discussion_items',
  'outbound_linkbacks',
  'import_map',
  'import_attachments',
  'jobs',
] as const;

/** Rows per table: what "the database as it was" is compared by. */
export async function rowCounts(rt: Runtime): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of TABLES) {
    const r = await sql<{ n: string | number }>`select count(*) as n from ${sql.table(t)}`.execute(
      rt.store.db,
    );
    out[t] = Number(r.rows[0]?.n ?? 0);
  }
  return out;
}

export async function countWhere(rt: Runtime, query: string): Promise<number> {
  const r = await sql<{ n: string | number }>`${sql.raw(query)}`.execute(rt.store.db);
  return Number(r.rows[0]?.n ?? 0);
}
