import { parseAtomFeed, parseJsonFeed, parseRssFeed } from 'feedsmith';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createArticle } from '../src/app/articles/create-article.js';
import { addMedia } from '../src/app/media/add-media.js';
import { shareImageOf } from '../src/app/media/picture.js';
import { describeEachDialect } from './support/dialects.js';
import { strictXml } from './support/feed-check.js';
import { webp } from './support/media-files.js';
import { startMediaSite, type MediaSite } from './support/media-site.js';

describeEachDialect('feeds carry the featured image', (dialect) => {
  let site: MediaSite;
  let imageUrl = '';
  beforeAll(async () => {
    site = await startMediaSite(dialect);
    const added = await addMedia(site.rt.media, {
      bytes: await webp(1600, 900),
      originalName: 'harbour.webp',
      alt: 'The harbour at dawn',
    });
    if (!added.ok) throw new Error(added.error.message);
    const created = await createArticle(site.rt.deps, {
      title: 'Harbour reopens',
      bodyMarkdown: 'Boats are back.',
      authorId: site.authorId,
      publish: { kind: 'now' },
      featuredMediaId: added.value.item.id,
    });
    if (!created.ok) throw new Error(created.error.message);
    await createArticle(site.rt.deps, {
      title: 'No picture here',
      bodyMarkdown: 'Words only.',
      authorId: site.authorId,
      publish: { kind: 'now' },
    });
    imageUrl = shareImageOf(added.value.item, site.rt.deps.siteUrl).url;
    const page = await (await site.get(new URL(created.value.url).pathname)).text();
    expect(page).toContain(`<meta property="og:image" content="${imageUrl}"`);
    expect(imageUrl).toMatch(/^http:\/\/news\.test\/media\/[0-9a-f]{16}\/\d+\.jpg$/);
  });
  afterAll(() => site?.close());

  it('as Media RSS media:content in RSS, an enclosure link in Atom and image in JSON Feed', async () => {
    const rss = await (await site.get('/feed/')).text();
    strictXml(rss);
    const items = parseRssFeed(rss).items ?? [];
    const withImage = items.find((i) => i.title === 'Harbour reopens');
    expect(rss).toContain('xmlns:media="http://search.yahoo.com/mrss/"');
    expect(JSON.stringify(withImage)).toContain(imageUrl);
    expect(rss).toMatch(
      new RegExp(
        `<media:content url="${imageUrl}" type="image/jpeg" medium="image" width="\\d+" height="\\d+">`,
      ),
    );
    expect(rss).toContain(
      '<media:description type="plain">The harbour at dawn</media:description>',
    );
    const plain = items.find((i) => i.title === 'No picture here');
    expect(JSON.stringify(plain)).not.toContain('/media/');

    const atom = await (await site.get('/feed/atom/')).text();
    strictXml(atom);
    const entry = (parseAtomFeed(atom).entries ?? []).find((e) =>
      JSON.stringify(e.title).includes('Harbour reopens'),
    );
    expect(entry?.links?.some((l) => l.rel === 'enclosure' && l.href === imageUrl)).toBe(true);

    const json = parseJsonFeed(JSON.parse(await (await site.get('/feed/json/')).text()));
    const item = (json.items ?? []).find((i) => i.title === 'Harbour reopens');
    expect(item?.image).toBe(imageUrl);
  });
});
