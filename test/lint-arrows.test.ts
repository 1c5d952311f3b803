/**
 * The architecture's arrows are enforced by lint: a file that imports a folder it may not fails
 * `npm run lint`. Each case lints a deliberate violation through ESLint's Node API, with the
 * repository's own eslint.config.js, as if the text were a file in that folder.
 */
import { readFileSync } from 'node:fs';
import { ESLint } from 'eslint';
import { beforeAll, describe, expect, it } from 'vitest';

const root = new URL('..', import.meta.url);
type Arrows = Readonly<Record<string, readonly string[]>>;

let eslint: ESLint;
let arrows: Arrows;

beforeAll(async () => {
  eslint = new ESLint({ cwd: root.pathname });
  const config = (await import(new URL('eslint.config.js', root).href)) as { ARROWS: Arrows };
  arrows = config.ARROWS;
});

async function importErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? [])
    .filter((m) => m.ruleId === 'no-restricted-imports')
    .map((m) => m.message);
}

/** A type-only import of `target/` from a file one folder down in `folder/`. */
const typeImport = (target: string) =>
  `import type { Probe } from '../../${target}/probe.js';\nexport type Again = Probe;\n`;

describe('lint enforces the import arrows between the folders of src/', () => {
  it('fails a type-only import of store/ from a use case', async () => {
    const errors = await importErrors(
      'src/app/linkbacks/lint-probe.ts',
      "import type { Store } from '../../store/database.js';\nexport type S = Store;\n",
    );
    expect(errors).toEqual([expect.stringContaining('app/ must not import store/')]);
  });

  it('fails an import of net/ from a use case, and passes one of linkback/', async () => {
    expect(await importErrors('src/app/linkbacks/lint-probe.ts', typeImport('net'))).toHaveLength(
      1,
    );
    expect(await importErrors('src/app/linkbacks/lint-probe.ts', typeImport('linkback'))).toEqual(
      [],
    );
  });

  it('fails every import the arrows do not allow and passes every one they do', async () => {
    const folders = Object.keys(arrows);
    expect(folders.length).toBeGreaterThanOrEqual(12);
    const wrong: string[] = [];
    for (const folder of folders) {
      for (const target of folders.filter((f) => f !== folder)) {
        const allowed = arrows[folder]?.includes(target) ?? false;
        const errors = await importErrors(`src/${folder}/sub/lint-probe.ts`, typeImport(target));
        if (allowed !== (errors.length === 0)) wrong.push(`${folder} → ${target}`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('keeps the README table of arrows in step with the lint rules', () => {
    const readme = readFileSync(new URL('README.md', root), 'utf8');
    const section = readme.slice(readme.indexOf('### Architecture'));
    const rows = [...section.matchAll(/^\| `src\/([a-z]+)` +\| ([^|]*)\|/gm)].map(
      (m) =>
        [
          m[1] ?? '',
          (m[2] ?? '')
            .replace(/`/g, '')
            .split(',')
            .map((s) => s.trim().replace(/\/$/, ''))
            .filter((s) => s !== '' && s !== 'nothing' && s !== 'everything')
            .sort(),
        ] as const,
    );
    const expected = Object.entries(arrows).map(([f, to]) => [f, [...to].sort()] as const);
    expect(Object.fromEntries(rows.filter(([f]) => f !== 'main'))).toEqual(
      Object.fromEntries(expected.filter(([f]) => f !== 'main')),
    );
    expect(rows.map(([f]) => f).sort()).toEqual(Object.keys(arrows).sort());
  });
});

describe('lint keeps packages in their one folder', () => {
  it.each([
    ['src/app/lint-probe.ts', "import { request } from 'undici';", 'src/net'],
    ['src/web/lint-probe.ts', "import { connect } from 'node:net';", 'src/net'],
    ['src/app/lint-probe.ts', "import pg from 'pg';", 'src/store'],
    ['src/app/lint-probe.ts', "import { sql } from 'kysely';", 'src/store'],
    ['src/app/lint-probe.ts', "import nodemailer from 'nodemailer';", 'src/adapters'],
    ['src/app/lint-probe.ts', "import { Hono } from 'hono';", 'web/'],
    ['src/domain/lint-probe.ts', "import { randomUUID } from 'node:crypto';", 'domain/ is pure'],
  ])('%s: %s fails', async (filePath, line, reason) => {
    const errors = await importErrors(filePath, `${line}\n`);
    expect(errors).toEqual([expect.stringContaining(reason)]);
  });

  it('lets the web layer listen with node:http but never fetch with it elsewhere', async () => {
    const server = "import { createServer } from 'node:http';\nexport const s = createServer;\n";
    expect(await importErrors('src/web/lint-probe.ts', server)).toEqual([]);
    expect(await importErrors('src/app/lint-probe.ts', server)).toHaveLength(1);
  });
});
