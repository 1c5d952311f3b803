import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  jpegHtmlPolyglot,
  jpegWithGps,
  pngBomb,
  pngWithAlpha,
  svgWithScript,
} from './support/media-files.js';
import { cliRunner } from './support/cli-child.js';

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-media-cli-'));
const db = join(dir, 'site.sqlite');
const mediaDir = join(dir, 'media');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const newsdesk = cliRunner(db);

const files = () =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.parentPath.startsWith(mediaDir))
    .map((e) => e.name);

describe('newsdesk media', () => {
  const path = (name: string) => join(dir, name);
  beforeAll(async () => {
    writeFileSync(path('photo.jpg'), await jpegWithGps(1400, 900));
    writeFileSync(path('logo.jpg'), await pngWithAlpha(500, 300)); // a PNG named .jpg
    writeFileSync(path('evil.svg'), svgWithScript);
    writeFileSync(path('bomb.png'), pngBomb(60_000));
    writeFileSync(path('polyglot.jpg'), await jpegHtmlPolyglot());
    writeFileSync(path('empty.jpg'), '');
    writeFileSync(path('body.md'), 'Words.\n\n![](media:2)\n');
    expect(newsdesk(['migrate']).code).toBe(0);
    const user = newsdesk([
      'user',
      'add',
      '--email',
      'a@example.org',
      '--name',
      'A',
      '--role',
      'author',
    ]);
    expect(user.code, user.err).toBe(0);
  }, 60_000);

  it('adds a file with alt, caption and credit, into the media folder beside the database', () => {
    const r = newsdesk([
      'media',
      'add',
      path('photo.jpg'),
      '--alt',
      'Crowd at the town hall',
      '--caption',
      'The vote.',
      '--credit',
      'A. Photographer',
    ]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/^media 1 added: jpeg 1400x900, variants queued$/m);
    expect(r.out).toMatch(/^\/media\/[0-9a-f]{16}\/1400\.jpg$/m);
    expect(files()).toEqual(['1400.jpg']);
  });

  it('sniffs a PNG named .jpg as a PNG and warns that it has no alt text', () => {
    const r = newsdesk(['media', 'add', path('logo.jpg')]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('media 2 added: png 500x300');
    expect(r.err).toContain('has no alt text');
  });

  it.each([
    ['evil.svg', 65, /SVG is not accepted/],
    ['bomb.png', 65, /60000×60000 pixels/],
    ['polyglot.jpg', 65, /polyglot/],
    ['empty.jpg', 65, /empty/],
    ['missing.jpg', 66, /cannot read/],
  ])('refuses %s (exit %i) and stores nothing', (name, code, message) => {
    const before = files();
    const r = newsdesk(['media', 'add', path(name)]);
    expect(r.code).toBe(code);
    expect(r.err).toMatch(message);
    expect(files()).toEqual(before);
    expect(newsdesk(['media', 'list']).out.trim().split('\n')).toHaveLength(2);
  });

  it('refuses to publish an article whose inline image has no alt text (exit 65), then publishes once it has', () => {
    const args = ['article', 'create', '--title', 'Logo story', '--body-file', path('body.md')];
    const base = [...args, '--author', 'a@example.org', '--featured-image', '1', '--publish'];
    const refused = newsdesk(base);
    expect(refused.code).toBe(65);
    expect(refused.err).toContain('alt text is required before publishing: media 2 (inline)');
    expect(newsdesk(['media', 'update', '2', '--alt', 'The council logo']).code).toBe(0);
    const created = newsdesk(base);
    expect(created.code, created.err).toBe(0);
    expect(created.out).toMatch(/^https:\/\/news\.example\/\d{4}\/\d{2}\/logo-story\/$/m);
  });

  it('lists, shows the uses and variants, and will not delete media in use (exit 65)', () => {
    const list = JSON.parse(newsdesk(['media', 'list', '--json']).out);
    expect(list.map((m: { id: number; format: string }) => [m.id, m.format])).toEqual([
      [2, 'png'],
      [1, 'jpeg'],
    ]);
    const show = newsdesk(['media', 'show', '1']);
    expect(show.out).toContain('used by: article 1 (featured)');
    expect(show.out).toMatch(/stored \t\/media\/[0-9a-f]{16}\/1400\.jpg/);
    expect(show.out).toMatch(/pending\t\/media\/[0-9a-f]{16}\/320\.avif/);
    const del = newsdesk(['media', 'delete', '1']);
    expect(del.code).toBe(65);
    expect(del.err).toContain('media 1 is in use: article 1 (featured)');
    expect(newsdesk(['media', 'show', '99']).code).toBe(66);
    expect(newsdesk(['media', 'show', 'abc']).code).toBe(64);
  });

  it('purges unused media: --dry-run lists, then the purge removes rows and files', async () => {
    writeFileSync(path('spare.png'), await pngWithAlpha(200, 100));
    expect(newsdesk(['media', 'add', path('spare.png'), '--alt', 'spare']).code).toBe(0);
    const dry = newsdesk(['media', 'purge-unused', '--dry-run']);
    expect(dry.out).toMatch(/^3\tpng\t200x100/m);
    expect(dry.out).toContain('1 unused media item(s) would be removed');
    expect(files()).toContain('200.png');
    const purge = newsdesk(['media', 'purge-unused']);
    expect(purge.out).toContain('1 unused media item(s) removed');
    expect(files()).not.toContain('200.png');
    expect(newsdesk(['media', 'show', '3']).code).toBe(66);
    expect(newsdesk(['media', 'show', '1']).code).toBe(0);
  });

  it('answers usage errors with 64', () => {
    expect(newsdesk(['media']).code).toBe(64);
    expect(newsdesk(['media', 'add']).code).toBe(64);
    expect(newsdesk(['media', 'update', '1']).code).toBe(64);
    expect(newsdesk(['article', 'create', '--featured-image', 'x']).code).toBe(64);
  });
});
