import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { parseTrackbackForm } from './form.js';

const FORM = 'application/x-www-form-urlencoded';
const bytes = (text: string): Uint8Array => new TextEncoder().encode(text);

const parse = (body: string | Uint8Array, contentType: string | undefined = FORM) =>
  parseTrackbackForm(typeof body === 'string' ? bytes(body) : body, contentType);

describe('TrackBack ping form parsing', () => {
  it('reads url, title, excerpt and blog_name (F80)', () => {
    const result = parse(
      'url=https%3A%2F%2Fb.example%2Fpost&title=Hello+world&excerpt=Some+text&blog_name=B+Blog',
    );
    expect(result).toEqual({
      ok: true,
      value: {
        url: 'https://b.example/post',
        title: 'Hello world',
        excerpt: 'Some text',
        blogName: 'B Blog',
      },
    });
  });

  it('defaults the title to the URL when only url is sent (F81)', () => {
    const result = parse('url=https://b.example/post');
    expect(result.ok && result.value).toMatchObject({
      title: 'https://b.example/post',
      excerpt: '',
    });
  });

  it('rejects a ping without url (F82)', () => {
    const result = parse('title=Hello&excerpt=x');
    expect(result.ok ? null : result.error.code).toBe('missing_url');
  });

  it.each(['javascript:alert(1)', 'ftp://b.example/', '/relative', 'not a url'])(
    'rejects the url %s',
    (url) => {
      const result = parse(`url=${encodeURIComponent(url)}`);
      expect(result.ok ? null : result.error.code).toBe('invalid_url');
    },
  );

  it('decodes Latin-1 bytes named by the Content-Type charset (F86)', () => {
    const latin1 = iconv.encode('Café crème', 'latin1');
    const escaped = Array.from(latin1, (b) => `%${b.toString(16).padStart(2, '0')}`).join('');
    const result = parse(`url=https://b.example/&title=${escaped}`, `${FORM}; charset=ISO-8859-1`);
    expect(result.ok && result.value.title).toBe('Café crème');
  });

  it('decodes raw (unescaped) Windows-1252 bytes named by the legacy charset field', () => {
    const body = Buffer.concat([
      Buffer.from('charset=windows-1252&url=https://b.example/&excerpt='),
      iconv.encode('“quoted” – dash', 'windows-1252'),
    ]);
    const result = parse(body);
    expect(result.ok && result.value.excerpt).toBe('“quoted” – dash');
  });

  it('falls back to Windows-1252 when an undeclared body is not valid UTF-8', () => {
    const result = parse('url=https://b.example/&title=caf%E9');
    expect(result.ok && result.value.title).toBe('café');
  });

  it('reads undeclared UTF-8', () => {
    const result = parse('url=https://b.example/&title=%E2%9C%93+ok');
    expect(result.ok && result.value.title).toBe('✓ ok');
  });

  it.each([
    [`${FORM}; charset=UTF-7`, 'UTF-7'],
    [`${FORM}; charset="utf7"`, 'UTF-7'],
    [`${FORM}; charset=utf-16le`, 'ASCII'],
    [`${FORM}; charset=klingon-1`, 'unknown'],
  ])('refuses the charset in %s (F87)', (contentType, words) => {
    const result = parse('url=https://b.example/&title=+ADw-script+AD4-', contentType);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.code).toBe('unsupported_charset');
      expect(result.error.message).toContain(words);
    }
  });

  it('refuses UTF-7 named by the legacy charset field too', () => {
    const result = parse('charset=utf-7&url=https://b.example/', FORM);
    expect(result.ok ? null : result.error.code).toBe('unsupported_charset');
  });

  it('strips tags and script text, collapses whitespace and crops the excerpt (F88)', () => {
    const excerpt = `<script>alert("x")</script><p>Para   one</p><p>two &amp; three</p> ${'word '.repeat(400)}`;
    const result = parse(`url=https://b.example/&excerpt=${encodeURIComponent(excerpt)}`);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.excerpt.startsWith('Para one two & three word')).toBe(true);
    expect(result.value.excerpt).not.toContain('<');
    expect(result.value.excerpt).not.toContain('alert');
    expect(Array.from(result.value.excerpt).length).toBeLessThanOrEqual(253);
    expect(result.value.excerpt.endsWith('…')).toBe(true);
  });

  it('crops the title to 250 characters', () => {
    const result = parse(`url=https://b.example/&title=${'t'.repeat(600)}`);
    expect(result.ok && Array.from(result.value.title).length).toBe(251);
  });

  it('strips markup from blog_name', () => {
    const result = parse(
      `url=https://b.example/&blog_name=${encodeURIComponent('<b>Bold</b> <img src=x onerror=alert(1)>Blog')}`,
    );
    expect(result.ok && result.value.blogName).toBe('Bold Blog');
  });

  it('rejects a multipart or JSON body', () => {
    const result = parse('{"url":"https://b.example/"}', 'application/json');
    expect(result.ok ? null : result.error.code).toBe('invalid_content_type');
  });

  it('accepts a body without Content-Type, keeping the first of repeated fields', () => {
    const result = parse('url=https://b.example/one&url=https://b.example/two', undefined);
    expect(result.ok && result.value.url).toBe('https://b.example/one');
  });
});

describe('TrackBack source URLs', () => {
  it('refuses a url with user info, as Webmention and Pingback do', () => {
    const r = parse('url=https%3A%2F%2Fuser%3Asecret%40blog.example%2Fpost&title=Hi');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('invalid_url');
  });
});

describe('TrackBack text fields', () => {
  it('drops NUL and other control characters from title, excerpt and blog name', () => {
    const r = parse(
      'url=https%3A%2F%2Fblog.example%2Fp&title=Hi%00there&excerpt=a%07b%1Bc&blog_name=B%00log',
    );
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.value.title).toBe('Hithere');
      expect(r.value.excerpt).toBe('abc');
      expect(r.value.blogName).toBe('Blog');
    }
  });
});
