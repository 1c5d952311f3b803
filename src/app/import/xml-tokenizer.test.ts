import { describe, expect, it } from 'vitest';
import { XmlSyntaxError, XmlTokenizer } from './xml-tokenizer.js';

type Event = readonly [string, ...unknown[]];

/** The events for `xml` fed in pieces of `size` characters (text pieces merged per run). */
function events(xml: string, size = xml.length): Event[] {
  const out: Event[] = [];
  const t = new XmlTokenizer({
    open: (q, attrs) => out.push(['open', q.uri, q.local, attrs]),
    close: () => out.push(['close']),
    text: (s) => {
      const last = out[out.length - 1];
      if (last?.[0] === 'text') out[out.length - 1] = ['text', `${String(last[1])}${s}`];
      else out.push(['text', s]);
    },
    onDoctype: () => {
      throw new Error('doctype');
    },
  });
  for (let i = 0; i < xml.length; i += size) t.write(xml.slice(i, i + size));
  t.end();
  return out;
}

const SAMPLE = `<?xml version="1.0" encoding="UTF-8"?>
<!-- a comment -->
<rss xmlns:wp="http://wordpress.org/export/1.2/" version='2.0'>
<wp:item a="x &amp; y &#65;&#x42;" b="line\r\nbreak">T&lt;i&gt;tle &quot;q&quot; &apos;s&apos;\r\nend</wp:item>
<c><![CDATA[<p>raw & ]] stuff</p>\r\n]]></c><empty/><d xmlns="urn:d"><e/></d>
</rss>
`;

describe('the XML tokenizer', () => {
  it('hands over tags, attributes by local name, namespaces and decoded text', () => {
    expect(events(SAMPLE)).toEqual([
      ['open', '', 'rss', { version: '2.0' }],
      ['text', '\n'],
      ['open', 'http://wordpress.org/export/1.2/', 'item', { a: 'x & y AB', b: 'line break' }],
      ['text', 'T<i>tle "q" \'s\'\nend'],
      ['close'],
      ['text', '\n'],
      ['open', '', 'c', null],
      ['text', '<p>raw & ]] stuff</p>\n'],
      ['close'],
      ['open', '', 'empty', null],
      ['close'],
      ['open', 'urn:d', 'd', null],
      ['open', 'urn:d', 'e', null],
      ['close'],
      ['close'],
      ['text', '\n'],
      ['close'],
    ]);
  });

  it('gives the same events whatever the chunks, one character at a time included', () => {
    const whole = events(SAMPLE);
    for (const size of [1, 2, 3, 5, 8, 13, 64]) expect(events(SAMPLE, size)).toEqual(whole);
  });

  it('hands a long CDATA section over in pieces as they arrive, not whole', () => {
    const body = 'x'.repeat(1_000_000);
    const pieces: number[] = [];
    const t = new XmlTokenizer({
      open: () => undefined,
      close: () => undefined,
      text: (s) => pieces.push(s.length),
      onDoctype: () => undefined,
    });
    const xml = `<r><![CDATA[${body}]]></r>`;
    for (let i = 0; i < xml.length; i += 65_536) t.write(xml.slice(i, i + 65_536));
    t.end();
    expect(pieces.reduce((a, b) => a + b, 0)).toBe(body.length);
    expect(Math.max(...pieces)).toBeLessThanOrEqual(65_536);
  });

  it('passes a DOCTYPE to onDoctype, which refuses it before anything inside is read', () => {
    expect(() => events('<!DOCTYPE r [<!ENTITY x "y">]><r>&x;</r>')).toThrow('doctype');
  });

  it.each([
    ['an end tag that does not match', '<a><b></a></b>', /does not match <b>/],
    ['an entity XML does not predefine', '<a>&nbsp;</a>', /undefined entity &nbsp;/],
    ['a bare ampersand', '<a>fish & chips</a>', /does not start a reference/],
    ['a character reference to no character', '<a>&#0;</a>', /not a character/],
    ['text before the root', 'hello <a/>', /text before the root/],
    ['a second root element', '<a/><b/>', /second root element/],
    ['a control character', '<a>\u0001</a>', /character XML does not allow/],
    ['an unbound namespace prefix', '<wp:a/>', /prefix of <wp:a> is not declared/],
    ['a repeated attribute', '<a x="1" x="2"/>', /x is repeated/],
    ['an unquoted attribute', '<a x=1/>', /unquoted/],
    ['"<" in an attribute', '<a x="<"/>', /"<" in the value/],
    ['a markup declaration', '<!ELEMENT a ANY><a/>', /"<!" that starts no comment/],
    ['an end inside an element', '<a><b>', /ends inside <b>/],
    ['an end inside a tag', '<a><b x="1', /ends inside a tag/],
    ['an end inside CDATA', '<a><![CDATA[x', /ends inside a CDATA section/],
  ])('refuses %s, saying where', (_, xml, message) => {
    for (const size of [xml.length, 1]) {
      let error: unknown;
      try {
        events(xml, size);
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(XmlSyntaxError);
      expect((error as Error).message).toMatch(message);
      expect((error as Error).message).toMatch(/\(line \d+, column \d+\)$/);
    }
  });

  it('counts lines and columns across chunks', () => {
    let error: unknown;
    try {
      events('<a>\n<b>\n  <c></b>', 4);
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ line: 3 });
  });
});
