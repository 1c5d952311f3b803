import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportWxr } from '../src/app/import/export-wxr.js';
import { testDialects } from './support/dialects.js';
import { startSite } from './support/site-harness.js';
import {
  countWhere,
  fixture,
  importBytes,
  importFile,
  openRig,
  rowCounts,
  type ImportRig,
} from './support/wxr-kit.js';

const seed = readFileSync(fixture('seed-article.xml'), 'utf8');
const HEAD = `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><wp:wxr_version>1.2</wp:wxr_version>`;

const HOSTILE: ReadonlyArray<readonly [string, string | Uint8Array, RegExp]> = [
  [
    'a DOCTYPE declaring entities (billion laughs)',
    `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]><rss><channel><title>&lol2;</title></channel></rss>`,
    /DOCTYPE/,
  ],
  [
    'an external entity (XXE)',
    `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss>&x;</rss>`,
    /DOCTYPE/,
  ],
  ['a truncated file', seed.slice(0, Math.floor(seed.length * 0.6)), /truncated/],
  ['an empty file', '', /empty/],
  ['text that is not XML', 'this is not an export at all\n', /not well-formed XML|not XML/],
  ['JSON', '{"posts": []}', /not well-formed XML|not XML/],
  ['an HTML page', '<html><body>hi</body></html>', /root element is <html>/],
  [
    'RSS without wxr_version',
    '<rss><channel><item><title>x</title></item></channel></rss>',
    /wxr_version/,
  ],
  [
    'ISO-8859-1 bytes declared UTF-8',
    Buffer.from(seed.replace('Diplomacy', 'Diplomatie é'), 'latin1'),
    /not valid UTF-8/,
  ],
  [
    'a declared UTF-16 encoding',
    seed.replace('encoding="UTF-8"', 'encoding="UTF-16"'),
    /declares encoding UTF-16/,
  ],
  ['a UTF-16 byte order mark', Buffer.from(`\ufeff${seed}`, 'utf16le'), /UTF-16/],
  [
    'a 10 MB single field',
    `${HEAD}<item><title>big</title><content:encoded xmlns:content="http://purl.org/rss/1.0/modules/content/">${'x'.repeat(10 * 1024 * 1024)}</content:encoded></item></channel></rss>`,
    /longer than 2000000 characters/,
  ],
  [
    'an undefined entity',
    `${HEAD}<item><title>&nbsp;</title></item></channel></rss>`,
    /not well-formed XML/,
  ],
];

describe.each(testDialects())('hostile WordPress exports on $name', (dialect) => {
  let rig: ImportRig;
  beforeAll(async () => {
    rig = await openRig(dialect);
    const r = await importFile(rig.rt, fixture('seed-article.xml'));
    expect(r.ok).toBe(true);
  });
  afterAll(() => rig.close());

  it.each(HOSTILE)(
    'refuses %s with a clear message and leaves the database as it was',
    async (_, bytes, message) => {
      const before = await rowCounts(rig.rt);
      const r = await importBytes(rig.rt, bytes);
      expect(r.ok).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('invalid_input');
        expect(r.error.message).toMatch(message);
      }
      expect(await rowCounts(rig.rt)).toEqual(before);
    },
  );
});

describe.each(testDialects())('an exported site on $name', (dialect) => {
  it('imports back into an empty database as the same articles and discussion', async () => {
    const a = await openRig(dialect);
    const b = await openRig(dialect);
    try {
      const imported = await importFile(a.rt, fixture('themeunittestdata.wordpress.xml'));
      expect(imported.ok).toBe(true);
      let xml = '';
      const summary = await exportWxr(a.rt.deps, {
        write: (s) => void (xml += s),
        siteTitle: 'Test',
      });
      expect(summary).toMatchObject({ articles: 58, pages: 21, comments: 33 });
      expect(xml).toContain('<wp:wxr_version>1.2</wp:wxr_version>');
      expect(xml).toContain('<wp:comment_type><![CDATA[pingback]]></wp:comment_type>');
      const again = await importBytes(b.rt, xml);
      if (!again.ok) throw new Error(again.error.message);
      const articles = (rt: ImportRig['rt']) =>
        rt.store.db
          .selectFrom('articles')
          .select([
            'kind',
            'slug',
            'title',
            'status',
            'published_at',
            'body_source',
            'body_html',
            'excerpt',
            'comments_open',
            'linkbacks_open',
          ])
          .orderBy('slug')
          .execute();
      expect(await articles(b.rt)).toEqual(await articles(a.rt));
      const discussion = (rt: ImportRig['rt']) =>
        rt.store.db
          .selectFrom('discussion_items as d')
          .innerJoin('articles as a', 'a.id', 'd.article_id')
          .leftJoin('discussion_items as p', 'p.id', 'd.parent_id')
          .select([
            'a.slug',
            'd.kind',
            'd.protocol',
            'd.status',
            'd.author_name',
            'd.author_email',
            'd.author_ip',
            'd.source_url',
            'd.content_html',
            'd.created_at',
            'p.author_name as parent_author',
            'p.created_at as parent_created',
          ])
          .orderBy('a.slug')
          .orderBy('d.created_at')
          .orderBy('d.author_name')
          .execute();
      expect(await discussion(b.rt)).toEqual(await discussion(a.rt));
      const terms = (rt: ImportRig['rt']) =>
        countWhere(rt, 'select count(*) as n from article_terms');
      expect(await terms(b.rt)).toBe(await terms(a.rt));
    } finally {
      await a.close();
      await b.close();
    }
  });
});

describe('the imported seed article on the public site', () => {
  it('says comments are closed but pings open, lists both pings, and its old links answer 301', async () => {
    const [sqlite] = testDialects();
    const site = await startSite(sqlite!);
    try {
      const r = await importFile(site.rt, fixture('seed-article.xml'));
      expect(r.ok).toBe(true);
      const path =
        '/2023/11/pakistan-and-azerbaijans-relations-evolve-from-amicable-to-outstanding-solangi/';
      const res = await site.get(path);
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('Comments are closed, but trackbacks and pingbacks are open.');
      expect(html).toContain('Victory Day messages from Islamabad and Baku – Caspian Notes');
      expect(html).toContain('https://blog.example.net/2023/11/10/south-asia-caucasus-roundup/');
      expect(html).not.toContain('<form class="comment-form');
      for (const old of [
        '/?p=34',
        '/2023/11/09/pakistan-and-azerbaijans-relations-evolve-from-amicable-to-outstanding-solangi/',
      ]) {
        const moved = await site.get(old);
        expect(moved.status, old).toBe(301);
        expect(moved.headers.get('location'), old).toBe(path);
      }
      expect((await site.get('/?p=999')).status).toBe(200);
      expect((await site.get('/2001/01/01/nothing-here/')).status).toBe(404);
    } finally {
      await site.close();
    }
  });
});
