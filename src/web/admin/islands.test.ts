import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { islandsApp, readIslands } from './islands.js';

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-islands-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function builtInto(name: string, manifest: unknown, files: Record<string, string> = {}) {
  const out = join(dir, name);
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest));
  for (const [file, text] of Object.entries(files)) writeFileSync(join(out, file), text);
  return out;
}

describe('the admin islands', () => {
  it('name each built island by its hashed file under /admin/assets', () => {
    const out = builtInto(
      'ok',
      { editor: { file: 'editor-ABCD1234.js' } },
      {
        'editor-ABCD1234.js': 'export {};',
      },
    );
    expect(readIslands(out).href('editor')).toBe('/admin/assets/editor-ABCD1234.js');
    expect(readIslands(out).href('other')).toBeNull();
  });

  it('have no URL when nothing was built, so pages work without them', () => {
    expect(readIslands(join(dir, 'missing')).href('editor')).toBeNull();
  });

  it('ignore a manifest entry that names a file outside the folder or one not built', () => {
    const out = builtInto('bad', {
      a: { file: '../../etc/passwd' },
      b: { file: 'gone-1.js' },
      c: { file: 42 },
    });
    const islands = readIslands(out);
    expect([islands.href('a'), islands.href('b'), islands.href('c')]).toEqual([null, null, null]);
  });

  it('serve a bundle for a year as immutable JavaScript, and its source map', async () => {
    const out = builtInto(
      'serve',
      { editor: { file: 'editor-ABCD1234.js' } },
      {
        'editor-ABCD1234.js': 'export const x = 1;',
        'editor-ABCD1234.js.map': '{"version":3}',
      },
    );
    const app = islandsApp(readIslands(out));
    const js = await app.request('/editor-ABCD1234.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await js.text()).toBe('export const x = 1;');
    const map = await app.request('/editor-ABCD1234.js.map');
    expect(map.headers.get('content-type')).toBe('application/json; charset=utf-8');
  });

  it('answer 404, not cached, for a file that is not a built island', async () => {
    const app = islandsApp(readIslands(builtInto('none', {})));
    const res = await app.request('/editor-ZZZZ0000.js');
    expect(res.status).toBe(404);
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
