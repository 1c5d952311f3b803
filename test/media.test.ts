import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createArticle } from '../src/app/articles/create-article.js';
import { publishScheduledArticle } from '../src/app/articles/publish-scheduled.js';
import { addMedia } from '../src/app/media/add-media.js';
import { setFeaturedImage } from '../src/app/media/featured-image.js';
import { deleteMedia, purgeUnusedMedia, updateMedia } from '../src/app/media/library.js';
import { MEDIA_VARIANTS_TASK } from '../src/app/media/generate-variants.js';
import {
  FORMAT_EXT,
  mediaPath,
  originalKey,
  variantPlan,
  WIDTH_LADDER,
  type MediaItem,
} from '../src/domain/media.js';
import { describeEachDialect } from './support/dialects.js';
import {
  animatedGif,
  avif,
  cmykJpeg,
  gifZipPolyglot,
  jpegHtmlPolyglot,
  jpegWithGps,
  jpegWithScriptComment,
  pngBomb,
  pngWithAlpha,
  svgWithScript,
  webp,
} from './support/media-files.js';
import { startMediaSite, type MediaSite } from './support/media-site.js';

async function add(
  site: MediaSite,
  bytes: Uint8Array,
  extra: { alt?: string; name?: string } = {},
) {
  const r = await addMedia(site.rt.media, {
    bytes,
    originalName: extra.name ?? 'photo.jpg',
    alt: extra.alt,
  });
  if (!r.ok) throw new Error(r.error.message);
  return r.value.item;
}

const fileOf = (site: MediaSite, key: string) => readFileSync(join(site.mediaDir, key));

describeEachDialect('the media library', (dialect) => {
  let site: MediaSite;
  beforeAll(async () => {
    site = await startMediaSite(dialect);
  }, 60_000);
  afterAll(async () => {
    await site?.close();
  });

  describe('a large JPEG with GPS coordinates', () => {
    let item: MediaItem;
    beforeAll(async () => {
      const upload = await jpegWithGps(3000, 2000);
      expect((await sharp(upload).metadata()).exif).toBeDefined();
      item = await add(site, upload, { alt: 'A street at dusk' });
    }, 60_000);

    it('keeps the original capped at 2560 px, with its EXIF (GPS included) gone', async () => {
      expect([item.format, item.width, item.height]).toEqual(['jpeg', 2560, 1707]);
      const meta = await sharp(fileOf(site, originalKey(item))).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 2560, 1707]);
      expect(meta.exif).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
    });

    it('queues the variant job in the transaction that stored the row', async () => {
      const jobs = await site.rt.jobs.queue.list({});
      const job = jobs.find((j) => j.task === MEDIA_VARIANTS_TASK);
      expect(job?.payload).toEqual({ mediaId: item.id });
    });

    it('gets every width of the ladder in AVIF, WebP and JPEG from the job, none upscaled and none with EXIF', async () => {
      const ready = await site.variantsOf(item);
      expect(ready.variantsReadyAt).not.toBeNull();
      const plan = variantPlan(item);
      expect(new Set(plan.map((v) => v.format))).toEqual(new Set(['avif', 'webp', 'jpeg']));
      expect([...new Set(plan.map((v) => v.width))]).toEqual([...WIDTH_LADDER, 2560]);
      expect(site.files()).toEqual(plan.map((v) => v.key).sort());
      for (const v of plan) {
        const meta = await sharp(fileOf(site, v.key)).metadata();
        const format = meta.format === 'heif' ? 'avif' : meta.format;
        expect([format, meta.width], v.key).toEqual([v.format, v.width]);
        expect(meta.height, v.key).toBe(v.height);
        expect(meta.exif, v.key).toBeUndefined();
        expect(meta.width!).toBeLessThanOrEqual(item.width);
      }
    });

    it('serves a variant with an immutable Cache-Control, its Content-Type, an ETag and 304', async () => {
      const [v] = variantPlan(item).filter((x) => x.format === 'webp');
      const res = await site.get(mediaPath(v!.key));
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(res.headers.get('content-type')).toBe('image/webp');
      const etag = res.headers.get('etag');
      expect(etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
      expect(Buffer.from(await res.arrayBuffer()).equals(fileOf(site, v!.key))).toBe(true);
      const again = await site.get(mediaPath(v!.key), { headers: { 'If-None-Match': etag! } });
      expect(again.status).toBe(304);
    });

    it('answers 404 for every path that is not a variant, traversal attempts included', async () => {
      for (const path of [
        `/media/${item.hash}/99.jpg`,
        `/media/${item.hash}/320.svg`,
        `/media/${item.hash}/320.jpg.txt`,
        `/media/${item.hash}/..%2f..%2fetc%2fpasswd`,
        `/media/${item.hash}/%2e%2e%2f320.jpg`,
        `/media/${item.hash}/0320.jpg`,
        `/media/${item.hash.toUpperCase()}/320.jpg`,
        `/media/0000000000000000/320.jpg`,
        `/media/..%2f..%2f/320.jpg`,
        `/media/${item.hash}`,
        `/media/`,
      ]) {
        const res = await site.get(path);
        expect(res.status, path).toBe(404);
        expect(res.headers.get('cache-control') ?? '', path).not.toContain('immutable');
      }
    });
  });

  it('applies the EXIF orientation before dropping EXIF (a portrait stays portrait)', async () => {
    const upload = await jpegWithGps(600, 400, 6);
    expect((await sharp(upload).metadata()).orientation).toBe(6);
    const item = await add(site, upload);
    expect([item.width, item.height]).toEqual([400, 600]);
    const meta = await sharp(fileOf(site, originalKey(item))).metadata();
    expect([meta.width, meta.height, meta.orientation]).toEqual([400, 600, undefined]);
  });

  it('keeps the transparency of a PNG: variants in AVIF, WebP and PNG, with alpha', async () => {
    const item = await site.variantsOf(await add(site, await pngWithAlpha(900, 600)));
    const plan = variantPlan(item);
    expect(new Set(plan.map((v) => v.format))).toEqual(new Set(['avif', 'webp', 'png']));
    expect(plan.filter((v) => v.format === 'png').map((v) => v.width)).toEqual([320, 640, 900]);
    for (const v of plan) expect((await sharp(fileOf(site, v.key)).metadata()).hasAlpha).toBe(true);
  });

  it('keeps an animated GIF animated: WebP and GIF variants with every frame', async () => {
    const item = await site.variantsOf(await add(site, await animatedGif(320, 240, 4)));
    expect(item.animated).toBe(true);
    const plan = variantPlan(item);
    expect(new Set(plan.map((v) => v.format))).toEqual(new Set(['webp', 'gif']));
    for (const v of plan) {
      const meta = await sharp(fileOf(site, v.key), { animated: true }).metadata();
      expect(meta.pages, v.key).toBe(4);
    }
  });

  it('converts a CMYK JPEG to sRGB', async () => {
    const upload = await cmykJpeg();
    expect((await sharp(upload).metadata()).space).toBe('cmyk');
    const item = await site.variantsOf(await add(site, upload));
    for (const v of variantPlan(item)) {
      expect((await sharp(fileOf(site, v.key)).metadata()).space, v.key).toBe('srgb');
    }
  });

  it('accepts WebP and AVIF uploads, with a JPEG fallback for browsers without them', async () => {
    for (const [bytes, format] of [
      [await webp(), 'webp'],
      [await avif(), 'avif'],
    ] as const) {
      const item = await add(site, bytes, { name: 'upload.bin' });
      expect(item.format).toBe(format);
      expect(new Set(variantPlan(item).map((v) => v.format))).toEqual(
        new Set(['avif', 'webp', 'jpeg']),
      );
    }
  });

  it('goes by the content, not the name: a PNG named .jpg is a PNG', async () => {
    const item = await add(site, await pngWithAlpha(300, 200), { name: 'actually-a-png.jpg' });
    expect(item.format).toBe('png');
    expect(originalKey(item)).toMatch(/\.png$/);
    expect(item.originalName).toBe('actually-a-png.jpg');
  });

  it('returns the existing item for the same bytes added twice', async () => {
    const bytes = await pngWithAlpha(310, 200);
    const first = await add(site, bytes);
    const again = await addMedia(site.rt.media, { bytes });
    expect(again.ok && again.value).toMatchObject({ duplicate: true, item: { id: first.id } });
  });

  describe('hostile and broken files', () => {
    const cases: [string, () => Promise<Uint8Array> | Uint8Array, string, RegExp][] = [
      ['a zero-byte file', () => new Uint8Array(0), 'invalid_input', /empty/],
      ['an SVG with a script', () => svgWithScript, 'unsupported_media_type', /SVG/],
      [
        'a truncated JPEG',
        async () => (await jpegWithGps(800, 600)).subarray(0, 20_000),
        'invalid_input',
        /cut short/,
      ],
      [
        'a truncated PNG',
        async () => {
          const png = await pngWithAlpha(400, 300);
          return png.subarray(0, png.length - 30);
        },
        'invalid_input',
        /cut short/,
      ],
      [
        'a decompression bomb (a tiny PNG declaring 100000×100000 pixels)',
        () => pngBomb(100_000),
        'payload_too_large',
        /100000×100000/,
      ],
      ['a JPEG with a page appended', jpegHtmlPolyglot, 'invalid_input', /polyglot/],
      ['a JPEG whose comment holds a script', jpegWithScriptComment, 'invalid_input', /markup/],
      ['a GIF with a ZIP appended', gifZipPolyglot, 'invalid_input', /polyglot/],
      [
        'HTML named .jpg',
        () => Buffer.from('<html><body>hi</body></html>'),
        'unsupported_media_type',
        /not a JPEG/,
      ],
      [
        'a JPEG signature on garbage',
        () => Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xd9])]),
        'invalid_input',
        /./,
      ],
    ];

    it.each(cases)(
      'refuses %s with a clear error and stores nothing',
      async (_n, make, code, message) => {
        const beforeRows = (await site.rt.deps.repos.media.list(10_000)).length;
        const beforeFiles = site.files();
        const beforeJobs = (await site.rt.jobs.queue.list({})).length;
        const r = await addMedia(site.rt.media, { bytes: await make(), originalName: 'x.jpg' });
        expect(r.ok).toBe(false);
        if (r.ok) return;
        expect(r.error.code).toBe(code);
        expect(r.error.message).toMatch(message);
        expect((await site.rt.deps.repos.media.list(10_000)).length).toBe(beforeRows);
        expect(site.files()).toEqual(beforeFiles);
        expect((await site.rt.jobs.queue.list({})).length).toBe(beforeJobs);
      },
    );

    it('leaves no row, no file and no job when the transaction storing the row fails', async () => {
      const beforeFiles = site.files();
      const beforeRows = (await site.rt.deps.repos.media.list(10_000)).length;
      const failing = {
        ...site.rt.media,
        uow: {
          run: <T>(work: Parameters<typeof site.rt.deps.uow.run<T>>[0]) =>
            site.rt.deps.uow.run((tx) =>
              work({
                ...tx,
                enqueue: async () => {
                  throw new Error('queue unavailable');
                },
              }),
            ),
        },
      };
      await expect(addMedia(failing, { bytes: await webp(123, 77) })).rejects.toThrow(
        'queue unavailable',
      );
      expect(site.files()).toEqual(beforeFiles);
      expect((await site.rt.deps.repos.media.list(10_000)).length).toBe(beforeRows);
    });

    it('refuses a file over the byte limit before sniffing it', async () => {
      const r = await addMedia(
        { ...site.rt.media, limits: { ...site.rt.media.limits, maxBytes: 1000 } },
        { bytes: await jpegWithGps(400, 300) },
      );
      expect(!r.ok && r.error.code).toBe('payload_too_large');
    });

    it('refuses an animation with more frames than allowed', async () => {
      const r = await addMedia(
        { ...site.rt.media, limits: { ...site.rt.media.limits, maxFrames: 3 } },
        { bytes: await animatedGif(40, 30, 4) },
      );
      expect(!r.ok && r.error.message).toMatch(/4 frames/);
    });

    it('refuses alt text that is too long', async () => {
      const r = await addMedia(site.rt.media, { bytes: await webp(50, 50), alt: 'x'.repeat(1001) });
      expect(!r.ok && r.error.code).toBe('invalid_input');
    });
  });

  describe('on articles', () => {
    let photo: MediaItem;
    let noAlt: MediaItem;
    let articlePath = '';
    beforeAll(async () => {
      photo = await site.variantsOf(
        await add(site, await jpegWithGps(2200, 1400), { alt: 'Flooded high street' }),
      );
      await updateMedia(site.rt.media, photo.id, {
        caption: 'The high street at noon.',
        credit: 'Pat Photo / Newsdesk',
      });
      noAlt = await add(site, await jpegWithGps(1000, 700));
      const created = await createArticle(site.rt.deps, {
        title: 'River bursts its banks',
        bodyMarkdown: `First paragraph.\n\n![The bridge, closed](media:${noAlt.id})\n\nMore.`,
        authorId: site.authorId,
        publish: { kind: 'now' },
        featuredMediaId: photo.id,
      });
      if (!created.ok) throw new Error(created.error.message);
      articlePath = new URL(created.value.url).pathname;
    }, 60_000);

    it('shows the featured image as <picture> with every variant in srcset, sizes, width and height', async () => {
      const html = await (await site.get(articlePath)).text();
      const figure = /<figure class="featured">([\s\S]*?)<\/figure>/.exec(html)?.[1] ?? '';
      expect(figure).toContain('<picture>');
      for (const v of variantPlan(photo))
        expect(figure).toContain(`${mediaPath(v.key)} ${v.width}w`);
      expect(figure).toContain('type="image/avif"');
      expect(figure).toContain('type="image/webp"');
      expect(figure).toMatch(/<img [^>]*width="2200" height="1400"/);
      expect(figure).toMatch(/<img [^>]*alt="Flooded high street"/);
      expect(figure).toMatch(/<img [^>]*loading="eager"/);
      expect(figure).toMatch(/sizes="[^"]+"/);
      expect(figure).toContain('The high street at noon.');
      expect(figure).toContain('Pat Photo / Newsdesk');
    });

    it('draws a Markdown image that names library media as a lazy <picture> with the Markdown alt text', async () => {
      const html = await (await site.get(articlePath)).text();
      const body = /<div class="e-content">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
      expect(body).toContain('<picture>');
      for (const v of variantPlan(noAlt)) expect(body).toContain(`${mediaPath(v.key)} ${v.width}w`);
      expect(body).toMatch(/<img [^>]*width="1000" height="700"/);
      expect(body).toMatch(/<img [^>]*alt="The bridge, closed"/);
      expect(body).toMatch(/<img [^>]*loading="lazy"/);
      expect(body).not.toContain('media:');
    });

    it('names the image in Open Graph, the Twitter card and the NewsArticle JSON-LD', async () => {
      const html = await (await site.get(articlePath)).text();
      const jpeg1280 = `http://news.test/media/${photo.hash}/1280.${FORMAT_EXT.jpeg}`;
      expect(html).toContain(`<meta property="og:image" content="${jpeg1280}"/>`);
      expect(html).toContain('<meta property="og:image:width" content="1280"/>');
      expect(html).toContain('<meta name="twitter:card" content="summary_large_image"/>');
      expect(html).toContain(`<meta name="twitter:image" content="${jpeg1280}"/>`);
      expect(html).toContain('<meta property="og:image:alt" content="Flooded high street"/>');
      const ld = JSON.parse(
        /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)?.[1] ?? '{}',
      );
      expect(ld.image).toEqual([jpeg1280]);
    });

    it('shows featured images on the home page and the author archive', async () => {
      for (const path of ['/', '/author/pat-photo/']) {
        const html = await (await site.get(path)).text();
        expect(html, path).toContain(`/media/${photo.hash}/320.avif 320w`);
        expect(html, path).toMatch(/class="story-image"><picture>/);
      }
    });

    it('refuses to delete media an article uses, featured or inline; its files stay', async () => {
      const files = site.files();
      for (const item of [photo, noAlt]) {
        const r = await deleteMedia(site.rt.media, item.id);
        expect(!r.ok && r.error.code).toBe('conflict');
        expect(!r.ok && r.error.message).toMatch(/in use/);
      }
      expect(site.files()).toEqual(files);
    });

    it('purges only unused media: rows and files', async () => {
      const unused = await add(site, await webp(333, 222));
      const listed = await purgeUnusedMedia(site.rt.media, { remove: false });
      expect(listed.map((m) => m.id)).toContain(unused.id);
      expect(listed.map((m) => m.id)).not.toContain(photo.id);
      expect(listed.map((m) => m.id)).not.toContain(noAlt.id);
      expect(site.files().some((f) => f.startsWith(`${unused.hash}/`))).toBe(true);
      const removed = await purgeUnusedMedia(site.rt.media, { remove: true });
      expect(removed.map((m) => m.id)).toContain(unused.id);
      expect(await site.rt.deps.repos.media.findById(unused.id)).toBeUndefined();
      expect(site.files().some((f) => f.startsWith(`${unused.hash}/`))).toBe(false);
      for (const used of [photo, noAlt]) {
        expect(await site.rt.deps.repos.media.findById(used.id)).toBeDefined();
        expect(site.files().some((f) => f.startsWith(`${used.hash}/`))).toBe(true);
      }
    });

    it('will not empty the alt text of media an article uses', async () => {
      const r = await updateMedia(site.rt.media, photo.id, { alt: '' });
      expect(!r.ok && r.error.code).toBe('conflict');
    });
  });

  describe('alt text before publishing', () => {
    it('refuses to publish an article whose featured or inline image has no alt text, and stores nothing', async () => {
      const bare = await add(site, await webp(640, 480));
      const before = await site.rt.deps.repos.articles.count();
      for (const input of [
        { featuredMediaId: bare.id, bodyMarkdown: 'Text.' },
        { bodyMarkdown: `![](media:${bare.id})` },
      ]) {
        for (const publish of [
          { kind: 'now' as const },
          { kind: 'at' as const, at: new Date(Date.now() + 86_400_000) },
        ]) {
          const r = await createArticle(site.rt.deps, {
            title: 'No alt',
            authorId: site.authorId,
            publish,
            ...input,
          });
          expect(!r.ok && r.error.message).toMatch(/alt text is required/);
        }
      }
      expect(await site.rt.deps.repos.articles.count()).toBe(before);
      const draft = await createArticle(site.rt.deps, {
        title: 'Draft without alt',
        bodyMarkdown: 'x',
        authorId: site.authorId,
        publish: { kind: 'draft' },
        featuredMediaId: bare.id,
      });
      expect(draft.ok).toBe(true);
    });

    it('refuses an unknown media id in the body or as the featured image', async () => {
      for (const input of [{ featuredMediaId: 999_999 }, { bodyMarkdown: '![x](media:999999)' }]) {
        const r = await createArticle(site.rt.deps, {
          title: 'Unknown',
          bodyMarkdown: 'x',
          authorId: site.authorId,
          publish: { kind: 'draft' },
          ...input,
        });
        expect(!r.ok && r.error.message).toMatch(/no media with id 999999/);
      }
    });

    it('attaches a featured image to a published article only when it has alt text', async () => {
      const bare = await add(site, await webp(641, 480));
      const live = await createArticle(site.rt.deps, {
        title: 'Live story',
        bodyMarkdown: 'x',
        authorId: site.authorId,
        publish: { kind: 'now' },
      });
      if (!live.ok) throw new Error(live.error.message);
      const refused = await setFeaturedImage(site.rt.deps, live.value.article.id, bare.id);
      expect(!refused.ok && refused.error.message).toMatch(/alt text is required/);
      await updateMedia(site.rt.media, bare.id, { alt: 'A described picture' });
      const set = await setFeaturedImage(site.rt.deps, live.value.article.id, bare.id);
      expect(set.ok).toBe(true);
      expect((await site.rt.deps.repos.media.uses(bare.id)).map((u) => u.role)).toEqual([
        'featured',
      ]);
    });

    it('holds back a scheduled article whose image lost its alt text', async () => {
      const pic = await add(site, await webp(642, 480), { alt: 'Described' });
      const at = new Date(Date.now() + 60_000);
      const scheduled = await createArticle(site.rt.deps, {
        title: 'Later story',
        bodyMarkdown: 'x',
        authorId: site.authorId,
        publish: { kind: 'at', at },
        featuredMediaId: pic.id,
      });
      if (!scheduled.ok) throw new Error(scheduled.error.message);
      await sql`update media set alt = '' where id = ${pic.id}`.execute(site.rt.store.db);
      const later = { ...site.rt.deps, clock: () => new Date(at.getTime() + 1000) };
      expect(await publishScheduledArticle(later, { articleId: scheduled.value.article.id })).toBe(
        'blocked',
      );
      expect((await site.rt.deps.repos.articles.findById(scheduled.value.article.id))?.status).toBe(
        'scheduled',
      );
    });
  });

  it('keeps cached pages when an image is added or its variants made, not when its alt text, caption or credit change', async () => {
    const version = () => site.rt.store.contentVersion();
    const before = await version();
    const item = await site.variantsOf(await add(site, await webp(200, 120), { alt: 'One' }));
    expect(await version()).toBe(before);
    await updateMedia(site.rt.media, item.id, { alt: 'One' });
    expect(await version()).toBe(before);
    for (const edit of [{ alt: 'Two' }, { caption: 'A caption' }, { credit: 'Someone' }]) {
      const was = await version();
      await updateMedia(site.rt.media, item.id, edit);
      expect(await version(), JSON.stringify(edit)).toBeGreaterThan(was);
    }
  });

  it('makes a variant on first request when its job has not run yet, then serves the stored file', async () => {
    const item = await add(site, await jpegWithGps(1000, 800), { alt: 'x' });
    const key = `${item.hash}/640.webp`;
    expect(site.files()).not.toContain(key);
    const res = await site.get(`/media/${key}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/webp');
    const body = Buffer.from(await res.arrayBuffer());
    expect((await sharp(body).metadata()).width).toBe(640);
    expect(site.files()).toContain(key);
    expect(body.equals(fileOf(site, key))).toBe(true);
  });
});
