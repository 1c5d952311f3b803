import { describe, expect, it } from 'vitest';
import { readWxr, WxrFormatError } from './wxr-reader.js';
import type { WxrItem, WxrRecord } from './wxr-records.js';

const HEAD = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:wp="http://wordpress.org/export/1.2/" xmlns:x="urn:x">
<channel><title> Site <b>bold</b> tail </title><title>second</title><wp:wxr_version>1.2</wp:wxr_version>
`;
const TAIL = '</channel></rss>\n';

/** The records of a file given as one string, cut into small chunks (as a stream would be). */
async function records(xml: string, chunk = 7): Promise<WxrRecord[]> {
  const bytes = new TextEncoder().encode(xml);
  async function* source() {
    for (let i = 0; i < bytes.length; i += chunk) yield bytes.subarray(i, i + chunk);
  }
  const out: WxrRecord[] = [];
  for await (const r of readWxr(source())) out.push(r);
  return out;
}

const items = (rs: WxrRecord[]) => rs.filter((r): r is WxrItem => r.type === 'item');

describe('readWxr', () => {
  it("reads an element's own text only, trimmed, and the first of a repeated field", async () => {
    const rs = await records(
      `${HEAD}<item><title>one<x:y>inner</x:y>two</title><title>ignored</title>` +
        `<wp:post_type> post </wp:post_type></item>${TAIL}`,
    );
    expect(rs[0]).toMatchObject({ type: 'channel', title: 'Site  tail', wxrVersion: '1.2' });
    expect(items(rs)[0]).toMatchObject({ index: 1, title: 'onetwo', postType: 'post', link: '' });
  });

  it("takes categories with their attributes, postmeta, and comments with their commentmeta, from the item's own children only", async () => {
    const [item] = items(
      await records(
        `${HEAD}<item><category domain="category" nicename="c1" x:domain="ns">C1</category>` +
          `<category nicename="c2"><![CDATA[C2]]></category>` +
          `<wp:postmeta><wp:meta_key>a</wp:meta_key><wp:meta_value><![CDATA[1]]></wp:meta_value><wp:meta_key>b</wp:meta_key></wp:postmeta>` +
          `<wp:comment><wp:comment_id>9</wp:comment_id><wp:comment_content>hi <em>there</em> you</wp:comment_content>` +
          `<wp:commentmeta><wp:meta_key>ck</wp:meta_key><wp:meta_value>cv</wp:meta_value></wp:commentmeta>` +
          `<wp:postmeta><wp:meta_key>not the item's</wp:meta_key></wp:postmeta>` +
          `<wp:comment><wp:comment_id>nested</wp:comment_id></wp:comment></wp:comment>` +
          `<x:wrap><wp:comment><wp:comment_id>wrapped</wp:comment_id></wp:comment></x:wrap>` +
          `<wp:comment><wp:comment_id>10</wp:comment_id><wp:comment_parent>9</wp:comment_parent></wp:comment>` +
          `</item>${TAIL}`,
      ),
    );
    expect(item?.terms).toEqual([
      { domain: 'ns', nicename: 'c1', name: 'C1' },
      { domain: '', nicename: 'c2', name: 'C2' },
    ]);
    expect(item?.meta).toEqual([{ key: 'a', value: '1' }]);
    expect(item?.comments.map((c) => [c.id, c.parent, c.content, c.meta])).toEqual([
      ['9', '', 'hi  you', [{ key: 'ck', value: 'cv' }]],
      ['10', '9', '', []],
    ]);
  });

  it('gives the same records whatever the chunk size', async () => {
    const xml = `${HEAD}<wp:author><wp:author_login>a</wp:author_login></wp:author><item><title>T &amp; U</title><content:encoded><![CDATA[<p>x</p>]]></content:encoded></item>${TAIL}`;
    expect(await records(xml, 1)).toEqual(await records(xml, 4096));
  });

  it('refuses an item over its element limit', async () => {
    const xml = `${HEAD}<item>${'<wp:postmeta><wp:meta_key>k</wp:meta_key></wp:postmeta>'.repeat(3)}</item>${TAIL}`;
    const bytes = new TextEncoder().encode(xml);
    async function* source() {
      yield bytes;
    }
    const read = async () => {
      for await (const r of readWxr(source(), {
        maxFieldChars: 1000,
        maxItemChars: 10_000,
        maxItemElements: 5,
        maxDepth: 32,
      }))
        void r;
    };
    await expect(read()).rejects.toBeInstanceOf(WxrFormatError);
  });
});
