/**
 * `import wxr --uploads DIR`: a local copy of wp-content/uploads with real image bytes, a WXR
 * that names them (attachments after the post that shows them, as WordPress writes them), and
 * the files an import must not take: a symlink out of the folder, a `..` path, a missing file,
 * a PDF, a file with a hostile name. A recording connector and resolver stand for the network.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { originalKey, variantPlan } from '../src/domain/media.js';
import type { ImportSummary } from '../src/app/import/import-wxr.js';
import { testDialects } from './support/dialects.js';
import { jpegWithGps, pngWithAlpha } from './support/media-files.js';
import { recordingConnector } from './support/net-kit.js';
import { countWhere, importFile, openRig, rowCounts, type ImportRig } from './support/wxr-kit.js';

const OLD = 'https://old.example/wp-content/uploads/2024/05';
const HOSTILE_NAME = '"><svg onload=alert(1)>.jpg';

function wxr(): string {
  const attachment = (id: number, file: string, meta = file, parent = 10) => `
<item><title><![CDATA[${file}]]></title><link>https://old.example/?attachment_id=${id}</link>
<guid isPermaLink="false"><![CDATA[https://old.example/wp-content/uploads/${file}]]></guid>
<excerpt:encoded><![CDATA[Caption of ${id}]]></excerpt:encoded>
<wp:post_id>${id}</wp:post_id><wp:post_parent>${parent}</wp:post_parent><wp:status><![CDATA[inherit]]></wp:status>
<wp:post_type><![CDATA[attachment]]></wp:post_type>
<wp:attachment_url><![CDATA[https://old.example/wp-content/uploads/${file}]]></wp:attachment_url>
<wp:postmeta><wp:meta_key><![CDATA[_wp_attached_file]]></wp:meta_key><wp:meta_value><![CDATA[${meta}]]></wp:meta_value></wp:postmeta>
<wp:postmeta><wp:meta_key><![CDATA[_wp_attachment_image_alt]]></wp:meta_key><wp:meta_value><![CDATA[Alt of ${id}]]></wp:meta_value></wp:postmeta>
</item>`;
  const body = `<a href="${OLD}/harbour.jpg"><img src="${OLD}/harbour-300x200.jpg" srcset="${OLD}/harbour-300x200.jpg 300w, ${OLD}/harbour-768x512.jpg 768w, http://old.example/wp-content/uploads/2024/05/harbour.jpg 1200w" sizes="(max-width: 300px) 100vw, 300px" alt="Boats" width="300" height="200"></a>

The chart: <img src="//old.example/wp-content/uploads/2024/05/chart.png" alt="Chart">

<a href="${OLD}/report.pdf">The report</a> and <a href="${OLD}/gone.jpg">a lost photo</a>.`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>Old site</title><link>https://old.example</link><wp:wxr_version>1.2</wp:wxr_version>
<wp:base_site_url>https://old.example</wp:base_site_url><wp:base_blog_url>https://old.example</wp:base_blog_url>
<item><title><![CDATA[Harbour at dawn]]></title><link>https://old.example/2024/05/harbour-at-dawn/</link>
<dc:creator><![CDATA[editor]]></dc:creator>
<content:encoded><![CDATA[${body}]]></content:encoded><excerpt:encoded><![CDATA[]]></excerpt:encoded>
<wp:post_id>10</wp:post_id><wp:post_date_gmt><![CDATA[2024-05-02 06:00:00]]></wp:post_date_gmt>
<wp:post_name><![CDATA[harbour-at-dawn]]></wp:post_name><wp:status><![CDATA[publish]]></wp:status><wp:post_type><![CDATA[post]]></wp:post_type>
<wp:postmeta><wp:meta_key><![CDATA[_thumbnail_id]]></wp:meta_key><wp:meta_value><![CDATA[21]]></wp:meta_value></wp:postmeta>
</item>
${attachment(21, '2024/05/harbour.jpg')}
${attachment(22, '2024/05/chart.png')}
${attachment(23, '2024/05/report.pdf')}
${attachment(24, '2024/05/escape.jpg')}
${attachment(25, '2024/05/gone.jpg')}
${attachment(26, '2024/05/dotdot.jpg', '../outside/secret.jpg')}
${attachment(27, `2024/05/${HOSTILE_NAME.replace(/[<>"]/g, '_')}`, `2024/05/${HOSTILE_NAME}`)}
</channel></rss>`;
}

const scratch = mkdtempSync(join(tmpdir(), 'newsdesk-wxr-uploads-'));
const uploads = join(scratch, 'uploads');
const file = join(scratch, 'export.xml');
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
let secretSha = '';

beforeAll(async () => {
  mkdirSync(join(uploads, '2024/05'), { recursive: true });
  mkdirSync(join(scratch, 'outside'));
  writeFileSync(join(uploads, '2024/05/harbour.jpg'), await jpegWithGps(1200, 800));
  writeFileSync(join(uploads, '2024/05/chart.png'), await pngWithAlpha(500, 300));
  writeFileSync(join(uploads, '2024/05/report.pdf'), '%PDF-1.4\n% not an image\n');
  writeFileSync(join(uploads, '2024/05', HOSTILE_NAME), await jpegWithGps(200, 150));
  // A real image outside the folder: reachable only by escaping it.
  const secret = await pngWithAlpha(64, 64);
  secretSha = sha(secret);
  writeFileSync(join(scratch, 'outside/secret.jpg'), secret);
  symlinkSync(join(scratch, 'outside/secret.jpg'), join(uploads, '2024/05/escape.jpg'));
  writeFileSync(file, wxr());
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function rig(dialect: Parameters<typeof openRig>[0]) {
  const mediaDir = mkdtempSync(join(scratch, 'media-'));
  const network = recordingConnector();
  const resolved: string[] = [];
  const r = await openRig(
    dialect,
    { NEWSDESK_MEDIA_DIR: mediaDir },
    {
      fetcher: {
        connect: network.connect,
        resolve: async (host) => {
          resolved.push(host);
          return [];
        },
      },
    },
  );
  return { rig: r, network, resolved };
}

async function imported(rig: ImportRig, opts: { uploads?: boolean; dryRun?: boolean } = {}) {
  const r = await importFile(rig.rt, file, {
    ...(opts.uploads === false ? {} : { uploadsDir: uploads }),
    dryRun: opts.dryRun ?? false,
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
}

const skippedCount = (s: ImportSummary, text: string) =>
  s.skipped.filter((g) => g.reason.includes(text)).reduce((n, g) => n + g.count, 0);

describe.each(testDialects())('WordPress import with --uploads on $name', (dialect) => {
  let env: Awaited<ReturnType<typeof rig>>;
  let first: ImportSummary;
  beforeAll(async () => {
    env = await rig(dialect);
  });
  afterAll(() => env.rig.close());

  it('a dry run finds which files are missing or refused and writes nothing', async () => {
    const before = await rowCounts(env.rig.rt);
    const s = await imported(env.rig, { dryRun: true });
    expect(skippedCount(s, 'is missing from the uploads folder')).toBe(1);
    expect(skippedCount(s, 'is outside the uploads folder')).toBe(2);
    expect(await rowCounts(env.rig.rt)).toEqual(before);
    expect(await countWhere(env.rig.rt, 'select count(*) as n from media')).toBe(0);
  });

  it('takes the three images into the library and skips the rest with a reason each', async () => {
    first = await imported(env.rig);
    expect(first.created).toMatchObject({ articles: 1, attachments: 7, media: 3, featured: 1 });
    expect(skippedCount(first, 'is missing from the uploads folder')).toBe(1);
    // The symlink out of the folder and the `..` path.
    expect(skippedCount(first, 'is outside the uploads folder')).toBe(2);
    expect(skippedCount(first, 'is not an image the media library takes')).toBe(1);
    expect(await countWhere(env.rig.rt, 'select count(*) as n from media')).toBe(3);
    expect(
      await countWhere(env.rig.rt, `select count(*) as n from media where sha256 = '${secretSha}'`),
    ).toBe(0);
    // Every attachment is kept as a reference; the three imported ones name their item.
    expect(
      await countWhere(
        env.rig.rt,
        'select count(*) as n from import_attachments where media_id is not null',
      ),
    ).toBe(3);
  });

  it('makes every variant of the imported images during the import', async () => {
    const items = await env.rig.rt.deps.repos.media.list(10);
    for (const item of items) {
      expect(item.variantsReadyAt).not.toBeNull();
      for (const v of variantPlan(item))
        expect(await env.rig.rt.media.storage.has(v.key)).toBe(true);
    }
    const hostile = items.find((m) => m.width === 200);
    expect(hostile?.originalName).toBe(HOSTILE_NAME);
  });

  it('points the body’s links, size variants and srcset at our files, and leaves the rest', async () => {
    const [article] = await env.rig.rt.deps.repos.articles.listAll(5, 'published');
    const items = await env.rig.rt.deps.repos.media.list(10);
    const harbour = items.find((m) => m.width === 1200)!;
    const chart = items.find((m) => m.format === 'png')!;
    const html = article?.bodyHtml ?? '';
    const h = `/media/${harbour.hash}`;
    expect(html).toContain(`href="/media/${originalKey(harbour)}"`);
    expect(html).toContain(`src="${h}/320.jpg"`);
    expect(html).toContain(`srcset="${h}/320.jpg 320w, ${h}/960.jpg 960w, ${h}/1200.jpg 1200w"`);
    expect(html).toContain(`src="/media/${chart.hash}/500.png"`);
    expect(html).not.toMatch(/old\.example\/wp-content\/uploads\/2024\/05\/(harbour|chart)/);
    // Not imported: still the old addresses, never fetched.
    expect(html).toContain(`${OLD}/report.pdf`);
    expect(html).toContain(`${OLD}/gone.jpg`);
    expect(article?.featuredMediaId).toBe(harbour.id);
    const uses = await env.rig.rt.deps.repos.media.uses(chart.id);
    expect(uses).toEqual([{ articleId: article?.id, role: 'inline' }]);
  });

  it('contacts nothing on the network', () => {
    expect(env.network.attempts).toEqual([]);
    expect(env.resolved).toEqual([]);
  });

  it('creates nothing new when the same file and folder are imported again', async () => {
    const before = await rowCounts(env.rig.rt);
    const again = await imported(env.rig);
    expect(again.created).toMatchObject({ articles: 0, attachments: 0, media: 0, featured: 0 });
    expect(again.existing).toMatchObject({ posts: 1, attachments: 7, media: 3 });
    expect(await rowCounts(env.rig.rt)).toEqual(before);
    expect(await countWhere(env.rig.rt, 'select count(*) as n from media')).toBe(3);
  });
});

describe.each(testDialects())('WordPress import without --uploads on $name', (dialect) => {
  let env: Awaited<ReturnType<typeof rig>>;
  beforeAll(async () => {
    env = await rig(dialect);
  });
  afterAll(() => env.rig.close());

  it('records the attachments as references and keeps the old image addresses', async () => {
    const s = await imported(env.rig, { uploads: false });
    expect(s.created).toMatchObject({ articles: 1, attachments: 7, media: 0, featured: 0 });
    expect(await countWhere(env.rig.rt, 'select count(*) as n from media')).toBe(0);
    expect(
      await countWhere(
        env.rig.rt,
        "select count(*) as n from import_attachments where media_id is null and url like 'https://old.example/%'",
      ),
    ).toBe(7);
    const [article] = await env.rig.rt.deps.repos.articles.listAll(5, 'published');
    expect(article?.bodyHtml).toContain(`${OLD}/harbour-300x200.jpg`);
    expect(article?.featuredMediaId ?? null).toBeNull();
  });

  it('a later run with --uploads gives the references their library items', async () => {
    const s = await imported(env.rig);
    expect(s.created).toMatchObject({ articles: 0, attachments: 0, media: 3 });
    expect(
      await countWhere(
        env.rig.rt,
        'select count(*) as n from import_attachments where media_id is not null',
      ),
    ).toBe(3);
    expect(env.network.attempts).toEqual([]);
    expect(env.resolved).toEqual([]);
  });
});
