import { createReadStream } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openJsonLinesSpool } from '../src/adapters/json-lines-spool.js';
import { importWxr } from '../src/app/import/import-wxr.js';
import type { RecordSpool } from '../src/app/import/ports.js';
import type { WxrRecord } from '../src/app/import/wxr-records.js';
import { importDeps } from '../src/main/import.js';
import { testDialects } from './support/dialects.js';
import {
  countWhere,
  fixture,
  importBytes,
  importFile,
  openRig,
  rowCounts,
  type ImportRig,
} from './support/wxr-kit.js';

describe.each(testDialects())('WordPress import on $name', (dialect) => {
  describe('the Theme Unit Test export', () => {
    let rig: ImportRig;
    beforeAll(async () => {
      rig = await openRig(dialect);
    });
    afterAll(() => rig.close());

    it('reads every item, term, author and comment the file holds', async () => {
      const r = await importFile(rig.rt, fixture('themeunittestdata.wordpress.xml'));
      if (!r.ok) throw new Error(r.error.message);
      const f = r.value.file;
      expect(f.items).toBe(186);
      expect(f.postTypes).toEqual({ post: 58, page: 21, attachment: 37, nav_menu_item: 70 });
      expect(f.statuses).toMatchObject({
        'post:publish': 56,
        'post:draft': 1,
        'post:future': 1,
        'page:publish': 21,
        'attachment:inherit': 37,
      });
      expect(f.comments).toBe(33);
      expect(f.commentTypes).toEqual({
        'comment-untyped': 28,
        comment: 1,
        pingback: 2,
        trackback: 2,
      });
      expect(f.commentApproval).toEqual({ '1': 30, '0': 3 });
      expect(f.categories).toBe(68);
      expect(f.tags).toBe(110);
      expect(f.terms).toEqual({ nav_menu: 6, category: 1 });
      expect(f.authors).toBe(2);
      expect(r.value.source).toBe('https://wpthemetestdata.wordpress.com');
      expect(r.value.skipped.find((s) => s.reason.includes('nav_menu_item'))?.count).toBe(70);
    });

    it('stores 58 articles and 21 pages, with the password-protected post a draft', async () => {
      expect(
        await countWhere(rig.rt, "select count(*) as n from articles where kind = 'article'"),
      ).toBe(58);
      expect(
        await countWhere(rig.rt, "select count(*) as n from articles where kind = 'page'"),
      ).toBe(21);
      expect(
        await countWhere(
          rig.rt,
          "select count(*) as n from articles where kind = 'article' and status = 'published'",
        ),
      ).toBe(55);
      expect(
        await countWhere(rig.rt, "select count(*) as n from articles where status = 'draft'"),
      ).toBe(2);
      expect(
        await countWhere(rig.rt, "select count(*) as n from articles where status = 'scheduled'"),
      ).toBe(1);
      const scheduled = await rig.rt.deps.repos.articles.listAll(10, 'scheduled');
      expect(scheduled[0]?.publishedAt?.toISOString()).toMatch(/^2030-01-01/);
      // PostgreSQL's jobs live in graphile-worker's own schema.
      if (dialect.name === 'sqlite') {
        expect(
          await countWhere(rig.rt, "select count(*) as n from jobs where task = 'publish-article'"),
        ).toBe(1);
      }
    });

    it('indexes every published article and page for search in the import’s transactions', async () => {
      const published = await countWhere(
        rig.rt,
        "select count(*) as n from articles where status = 'published' and deleted_at is null",
      );
      expect(await countWhere(rig.rt, 'select count(*) as n from search_documents')).toBe(
        published,
      );
      // Written a batch at a time (multi-row statements): every document has its text beside it.
      expect(await countWhere(rig.rt, 'select count(*) as n from search_texts')).toBe(published);
    });

    it('keeps all 33 comments with their types, statuses and 10 replies', async () => {
      const n = (q: string) =>
        countWhere(rig.rt, `select count(*) as n from discussion_items ${q}`);
      expect(await n('')).toBe(33);
      expect(await n("where kind = 'comment'")).toBe(29);
      expect(await n("where protocol = 'pingback'")).toBe(2);
      expect(await n("where protocol = 'trackback'")).toBe(2);
      expect(await n("where status = 'approved'")).toBe(30);
      expect(await n("where status = 'pending'")).toBe(3);
      expect(await n('where parent_id is not null')).toBe(10);
      // The deepest thread ("Template: Comments") is 10 levels.
      const depth = await countWhere(
        rig.rt,
        `with recursive chain(id, depth) as (
           select id, 1 from discussion_items where parent_id is null
           union all select d.id, c.depth + 1 from discussion_items d join chain c on d.parent_id = c.id)
         select max(depth) as n from chain`,
      );
      expect(depth).toBe(10);
    });

    it('files the categories three levels deep and creates the 4 undeclared tags', async () => {
      const child = await rig.rt.deps.repos.terms.findBySlug('category', 'grandchild-category');
      const parent = await rig.rt.deps.repos.terms.findBySlug('category', 'child-category-03');
      const top = await rig.rt.deps.repos.terms.findBySlug('category', 'parent-category');
      expect(child?.parentId).toBe(parent?.id);
      expect(parent?.parentId).toBe(top?.id);
      for (const slug of ['content', 'columns', 'sample', 'test-tag']) {
        expect(await rig.rt.deps.repos.terms.findBySlug('tag', slug), slug).toBeDefined();
      }
    });

    it('records the 37 attachments as references and fetches none of them', async () => {
      expect(await countWhere(rig.rt, 'select count(*) as n from import_attachments')).toBe(37);
      expect(
        await countWhere(
          rig.rt,
          "select count(*) as n from import_attachments where url like 'https://wpthemetestdata.files.wordpress.com/%'",
        ),
      ).toBe(37);
    });

    it('records sticky and leaves every article unable to send linkbacks', async () => {
      expect(
        await countWhere(
          rig.rt,
          "select count(*) as n from import_map where kind = 'post' and note like '%\"sticky\":true%'",
        ),
      ).toBe(1);
      expect(
        await countWhere(rig.rt, 'select count(*) as n from articles where linkbacks_send = 1'),
      ).toBe(0);
      expect(await countWhere(rig.rt, 'select count(*) as n from article_events')).toBe(0);
      expect(
        await countWhere(
          rig.rt,
          "select count(*) as n from outbound_linkbacks where status <> 'imported'",
        ),
      ).toBe(0);
      expect(
        await countWhere(rig.rt, "select count(*) as n from jobs where task <> 'publish-article'"),
      ).toBe(0);
    });

    it('creates nothing new when the same file is imported again', async () => {
      const before = await rowCounts(rig.rt);
      const again = await importFile(rig.rt, fixture('themeunittestdata.wordpress.xml'));
      if (!again.ok) throw new Error(again.error.message);
      expect(await rowCounts(rig.rt)).toEqual(before);
      expect(Object.values(again.value.created).every((n) => n === 0)).toBe(true);
      expect(again.value.existing.posts).toBe(79);
      expect(again.value.existing.comments).toBe(33);
    });

    it('writes nothing on a dry run', async () => {
      const before = await rowCounts(rig.rt);
      const r = await importFile(rig.rt, fixture('64-block-test-data.xml'), { dryRun: true });
      expect(r.ok && r.value.file.items).toBe(72);
      expect(await rowCounts(rig.rt)).toEqual(before);
    });
  });

  it('writes a batch whole: taken slugs, a repeated post, threads three deep, a repeated ping', async () => {
    const rig = await openRig(dialect);
    try {
      const comment = (id: number, parent: number, extra = '') =>
        `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author>R${id}</wp:comment_author><wp:comment_content>c${id}</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_parent>${parent}</wp:comment_parent>${extra}</wp:comment>`;
      const ping = (id: number) =>
        `<wp:comment><wp:comment_id>${id}</wp:comment_id><wp:comment_author_url>https://blog.example/a</wp:comment_author_url><wp:comment_content>p</wp:comment_content><wp:comment_approved>1</wp:comment_approved><wp:comment_type>pingback</wp:comment_type></wp:comment>`;
      const post = (id: number, name: string, body: string) =>
        `<item><title>T${id}</title><wp:post_id>${id}</wp:post_id><wp:post_name>${name}</wp:post_name><wp:status>publish</wp:status><wp:post_type>post</wp:post_type><wp:post_date_gmt>2020-01-0${id} 10:00:00</wp:post_date_gmt>${body}</item>`;
      const xml = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wp="http://wordpress.org/export/1.2/"><channel><link>https://old.example</link><wp:wxr_version>1.2</wp:wxr_version>
${post(1, 'same', comment(12, 11) + comment(11, 10) + comment(10, 0) + ping(13) + ping(14))}
${post(2, 'same', '')}
${post(3, 'same', '')}
${post(1, 'same', comment(15, 12))}
</channel></rss>`;
      const r = await importBytes(rig.rt, xml);
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.created).toMatchObject({ articles: 3, comments: 4, linkbacks: 1 });
      const slugs = await rig.rt.store.db
        .selectFrom('articles')
        .select('slug')
        .orderBy('id')
        .execute();
      expect(slugs.map((a) => a.slug)).toEqual(['same', 'same-2', 'same-3']);
      // c10 ← c11 ← c12 ← c15 (the repeated post's comment joins the first one's thread).
      const items = await rig.rt.store.db
        .selectFrom('discussion_items as d')
        .leftJoin('discussion_items as p', 'p.id', 'd.parent_id')
        .select(['d.author_name', 'p.author_name as parent', 'd.kind'])
        .where('d.kind', '=', 'comment')
        .orderBy('d.author_name')
        .execute();
      expect(items.map((i) => [i.author_name, i.parent])).toEqual([
        ['R10', null],
        ['R11', 'R10'],
        ['R12', 'R11'],
        ['R15', 'R12'],
      ]);
      expect(
        await countWhere(rig.rt, "select count(*) as n from import_map where kind = 'comment'"),
      ).toBe(6);
      const again = await importBytes(rig.rt, xml);
      expect(again.ok && again.value.created).toMatchObject({ articles: 0, comments: 0 });
    } finally {
      await rig.close();
    }
  });

  it('parses the file once with a spool (then removes it), twice without, and writes the same', async () => {
    const withSpool = await openRig(dialect);
    const without = await openRig(dialect);
    try {
      const file = fixture('64-block-test-data.xml');
      let opened = 0;
      const open = () => {
        opened++;
        return createReadStream(file);
      };
      const spools: RecordSpool<WxrRecord>[] = [];
      let disposed = 0;
      const a = await importWxr(
        {
          ...importDeps(withSpool.rt),
          openSpool: async () => {
            const s = await openJsonLinesSpool<WxrRecord>();
            spools.push(s);
            return { ...s, dispose: () => (disposed++, s.dispose()) };
          },
        },
        { open },
      );
      expect(a.ok).toBe(true);
      expect([opened, spools.length, disposed]).toEqual([1, 1, 1]);
      opened = 0;
      const b = await importWxr({ ...importDeps(without.rt), openSpool: null }, { open });
      expect(b.ok).toBe(true);
      expect(opened).toBe(2);
      expect(await rowCounts(without.rt)).toEqual(await rowCounts(withSpool.rt));
      expect(a.ok && b.ok && b.value.created).toEqual(a.ok && a.value.created);
    } finally {
      await withSpool.close();
      await without.close();
    }
  });

  it('imports the block-editor export (http:// namespace) with its reply and its skipped items', async () => {
    const rig = await openRig(dialect);
    try {
      const r = await importFile(rig.rt, fixture('64-block-test-data.xml'));
      if (!r.ok) throw new Error(r.error.message);
      const f = r.value.file;
      expect(f.items).toBe(72);
      expect(f.postTypes).toEqual({ post: 61, page: 1, attachment: 9, wp_navigation: 1 });
      expect(f.comments).toBe(2);
      expect(f.categories).toBe(7);
      expect(f.tags).toBe(4);
      expect(f.terms).toEqual({ category: 7, post_tag: 4, wp_theme: 1, wp_template_part_area: 1 });
      expect(f.authors).toBe(2);
      expect(r.value.created).toMatchObject({
        articles: 61,
        pages: 1,
        comments: 2,
        attachments: 9,
      });
      expect(
        await countWhere(
          rig.rt,
          'select count(*) as n from discussion_items where parent_id is not null',
        ),
      ).toBe(1);
      expect(r.value.skipped.map((s) => s.reason).join('\n')).toContain('wp_navigation');
      // Block comments are kept in the source and never reach the page.
      const [a] = await rig.rt.deps.repos.articles.listAll(1, 'published');
      expect(a?.bodyHtml).not.toContain('<!--');
    } finally {
      await rig.close();
    }
  });

  it('reads the trimmed preview export, dating posts without GMT in the site time zone', async () => {
    const rig = await openRig(dialect, { NEWSDESK_TIMEZONE: 'America/New_York' });
    try {
      const r = await importFile(rig.rt, fixture('theme-preview.xml'));
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.file).toMatchObject({
        items: 7,
        comments: 2,
        categories: 0,
        tags: 0,
        authors: 0,
      });
      expect(r.value.created).toMatchObject({ articles: 7, comments: 2 });
      const boat = await rig.rt.deps.repos.articles.findBySlug('worth-a-thousand-words');
      // post_date 2008-10-17 04:33:51 in New York (EDT, UTC-4).
      expect(boat?.publishedAt?.toISOString()).toBe('2008-10-17T08:33:51.000Z');
      // Indented HTML is not mistaken for a Markdown code block.
      expect(boat?.bodyHtml).not.toContain('<pre>');
      expect(boat?.bodyHtml).toContain('<figure');
    } finally {
      await rig.close();
    }
  });

  it('imports the seed article with comments closed, pings open and both linkbacks', async () => {
    const rig = await openRig(dialect);
    try {
      const r = await importFile(rig.rt, fixture('seed-article.xml'));
      if (!r.ok) throw new Error(r.error.message);
      expect(r.value.file).toMatchObject({
        items: 1,
        comments: 2,
        categories: 1,
        tags: 2,
        authors: 1,
      });
      const a = await rig.rt.deps.repos.articles.findBySlug(
        'pakistan-and-azerbaijans-relations-evolve-from-amicable-to-outstanding-solangi',
      );
      expect(a?.comments.open).toBe(false);
      expect(a?.linkbacks.open).toBe(true);
      expect(a?.publishedAt?.toISOString()).toBe('2023-11-09T05:00:00.000Z');
      expect(a?.title).toBe(
        'Pakistan and Azerbaijan’s Relations Evolve from Amicable to Outstanding: Solangi',
      );
      const items = await rig.rt.deps.repos.discussion.listPublic(a?.id ?? 0);
      expect(
        items.map((i) => [i.protocol, i.sourceUrl, i.authorIp, i.createdAt.toISOString()]),
      ).toEqual([
        [
          'pingback',
          'https://example.org/2023/11/09/victory-day-messages-from-islamabad-and-baku/',
          '192.0.2.10',
          '2023-11-09T09:32:10.000Z',
        ],
        [
          'trackback',
          'https://blog.example.net/2023/11/10/south-asia-caucasus-roundup/',
          '198.51.100.23',
          '2023-11-10T03:15:00.000Z',
        ],
      ]);
      expect(items[0]?.authorName).toBe(
        'Victory Day messages from Islamabad and Baku – Caspian Notes',
      );
      expect(items[1]?.title).toBe('South Asia and the Caucasus: weekly roundup');
    } finally {
      await rig.close();
    }
  });
});
