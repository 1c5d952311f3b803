import { describe, expect, it } from 'vitest';
import { extractLinkback } from './extract.js';

const target = 'https://news.example/2024/05/story';
const finalUrl = 'https://a.example/notes/1';
const page = (body: string, head = '<title>A page</title>'): string =>
  `<!doctype html><html><head>${head}</head><body>${body}</body></html>`;
const extract = (body: string, t: string = target) =>
  extractLinkback({ body, finalUrl, target: t });

describe('Linkback extraction: type against our target (C42)', () => {
  it.each([
    ['reply (plain URL)', `<a class="u-in-reply-to" href="${target}">re</a>`, 'reply'],
    [
      'reply (nested h-cite)',
      `<div class="u-in-reply-to h-cite"><a class="u-url p-name" href="${target}">Story</a></div>`,
      'reply',
    ],
    ['like', `<a class="u-like-of" href="${target}">♥</a>`, 'like'],
    [
      'repost (h-cite)',
      `<div class="u-repost-of h-cite"><a class="u-url" href="${target}">Story</a></div>`,
      'repost',
    ],
    ['bookmark', `<a class="u-bookmark-of" href="${target}">saved</a>`, 'bookmark'],
    ['mention', `<p class="e-content">I read <a href="${target}">this</a>.</p>`, 'mention'],
    [
      'mention when the reply is to someone else',
      `<a class="u-in-reply-to" href="https://other.example/">re</a><a href="${target}">x</a>`,
      'mention',
    ],
    [
      'repost over like when both name our target',
      `<a class="u-like-of" href="${target}">l</a><a class="u-repost-of" href="${target}">r</a>`,
      'repost',
    ],
    [
      'reply when the in-reply-to is relative and resolves to our target',
      `<a class="u-in-reply-to" href="https://news.example/2024/05/story#comment-3">re</a>`,
      'reply',
    ],
  ])('classifies %s', (_name, inner, type) => {
    expect(extract(page(`<div class="h-entry">${inner}</div>`)).type).toBe(type);
  });

  it('classifies an rsvp to our event and keeps its value', () => {
    const body = page(
      `<div class="h-entry"><data class="p-rsvp" value="Maybe">maybe</data>
       <a class="u-in-reply-to" href="${target}">event</a></div>`,
    );
    expect(extract(body)).toMatchObject({ type: 'rsvp', rsvp: 'maybe' });
  });

  it('treats an rsvp without an in-reply-to to us as a mention', () => {
    const body = page(
      `<div class="h-entry"><data class="p-rsvp" value="yes"></data><a href="${target}">x</a></div>`,
    );
    expect(extract(body).type).toBe('mention');
  });

  it('makes a page without microformats a mention titled by <title>', () => {
    const result = extract(page(`<p>Read <a href="${target}">this story</a> today.</p>`));
    expect(result).toMatchObject({
      type: 'mention',
      hasEntry: false,
      title: 'A page',
      url: finalUrl,
      excerpt: 'Read this story today.',
    });
  });

  it('falls back to the URL when there is no title either', () => {
    expect(extract(page(`<a href="${target}">x</a>`, '')).title).toBe(finalUrl);
  });

  it('survives an empty body and a body without elements', () => {
    expect(extract('')).toMatchObject({ type: 'mention', title: finalUrl, excerpt: '' });
    expect(extract('just text').type).toBe('mention');
  });

  it('returns a plain mention for non-HTML sources', () => {
    const result = extractLinkback({
      body: '{}',
      finalUrl,
      target,
      contentType: 'application/json',
    });
    expect(result).toMatchObject({ type: 'mention', title: finalUrl });
  });
});

describe('Linkback extraction: representative entry', () => {
  it('prefers the entry whose url is the source URL among several', () => {
    const body = page(`
      <div class="h-entry"><a class="u-url" href="/notes/0">0</a><p class="p-name">Zero</p></div>
      <div class="h-entry"><a class="u-url" href="/notes/1">1</a><p class="p-name">One</p>
        <a class="u-like-of" href="${target}">like</a></div>`);
    expect(extract(body)).toMatchObject({ type: 'like', name: 'One', url: finalUrl });
  });

  it('looks inside an h-feed and inherits the feed author', () => {
    const body = page(`
      <div class="h-feed"><a class="p-author h-card" href="https://ann.example/">Ann</a>
        <div class="h-entry"><a class="u-url" href="/notes/1">#</a>
          <a class="u-in-reply-to" href="${target}">re</a></div></div>`);
    expect(extract(body)).toMatchObject({
      type: 'reply',
      author: { name: 'Ann', url: 'https://ann.example/' },
    });
  });
});

describe('Linkback extraction: author (authorship spec, no fetching)', () => {
  it('reads an embedded h-card with name, url and photo', () => {
    const body = page(`<div class="h-entry">
      <a class="p-author h-card" href="/about"><img src="/me.jpg" alt="">Ann Author</a>
      <a href="${target}">x</a></div>`);
    expect(extract(body).author).toEqual({
      name: 'Ann Author',
      url: 'https://a.example/about',
      photo: 'https://a.example/me.jpg',
    });
    expect(extract(body).authorPageUrl).toBeUndefined();
  });

  it('drops a javascript: photo and url', () => {
    const body = page(`<div class="h-entry"><div class="p-author h-card">
      <span class="p-name">Eve</span><a class="u-url" href="javascript:alert(1)">w</a>
      <img class="u-photo" src="javascript:alert(1)"></div><a href="${target}">x</a></div>`);
    expect(extract(body).author).toEqual({ name: 'Eve' });
  });

  it('keeps a plain-text author as a name only', () => {
    const body = page(
      `<div class="h-entry"><span class="p-author">Bob</span><a href="${target}">x</a></div>`,
    );
    expect(extract(body)).toMatchObject({ author: { name: 'Bob' } });
    expect(extract(body).authorPageUrl).toBeUndefined();
  });

  it('returns an author URL for the caller to fetch when no h-card on the page matches', () => {
    const body = page(`<div class="h-entry"><a class="u-author" href="https://bob.example/">Bob</a>
      <a href="${target}">x</a></div>`);
    expect(extract(body)).toMatchObject({
      author: { url: 'https://bob.example/' },
      authorPageUrl: 'https://bob.example/',
    });
  });

  it('uses an h-card elsewhere on the page whose url is the author URL', () => {
    const body =
      page(`<div class="h-card"><a class="u-url p-name" href="https://bob.example/">Bob B</a></div>
      <div class="h-entry"><a class="u-author" href="https://bob.example/">Bob</a>
      <a class="u-in-reply-to" href="${target}">x</a></div>`);
    const result = extract(body);
    expect(result.author).toEqual({ name: 'Bob B', url: 'https://bob.example/' });
    expect(result.authorPageUrl).toBeUndefined();
  });

  it('falls back to rel=author', () => {
    const body = page(
      `<div class="h-entry"><a href="${target}">x</a></div>`,
      '<title>t</title><link rel="author" href="/about">',
    );
    expect(extract(body)).toMatchObject({
      author: { url: 'https://a.example/about' },
      authorPageUrl: 'https://a.example/about',
    });
  });
});

describe('Linkback extraction: text, dates and content', () => {
  it('drops a name that only repeats the start of the content (a note)', () => {
    const body = page(`<div class="h-entry"><p class="p-name e-content">Nice story!
      <a href="${target}">link</a></p></div>`);
    const result = extract(body);
    expect(result.name).toBeUndefined();
    expect(result.title).toBe('A page');
  });

  it('drops an implied name (the whole entry text) as well', () => {
    const body = page(
      `<div class="h-entry"><div class="e-content">Short note <a href="${target}">here</a></div></div>`,
    );
    expect(extract(body).name).toBeUndefined();
  });

  it('keeps a real title', () => {
    const body = page(`<article class="h-entry"><h1 class="p-name">My Review</h1>
      <div class="e-content">The <a href="${target}">story</a> was good.</div>
      <time class="dt-published" datetime="2024-05-02T10:00:00+02:00">May 2</time></article>`);
    expect(extract(body)).toMatchObject({
      name: 'My Review',
      title: 'My Review',
      published: '2024-05-02T10:00:00+02:00',
      contentText: 'The story was good.',
    });
  });

  it('sanitises e-content: scripts, handlers, javascript: URLs and styles go (W3C Webmention §4.1)', () => {
    const body = page(`<div class="h-entry"><div class="e-content">
      <p style="color:red" onclick="x()">Hi <b>there</b> <i>you</i></p>
      <script>alert(1)</script><style>p{}</style>
      <img src="x" onerror="alert(1)"><iframe src="https://evil.example/"></iframe>
      <a href="javascript:alert(1)">bad</a> <a href="/ok" target="_blank" onmouseover="x()">ok</a>
      <a href="${target}">us</a><svg><script>alert(2)</script></svg>
      <blockquote>q</blockquote><pre><code>c</code></pre><ul><li>l</li></ul>
    </div></div>`);
    const html = extract(body).content ?? '';
    for (const bad of [
      'script',
      'alert',
      'onerror',
      'onclick',
      'style',
      'iframe',
      'javascript',
      '<img',
      'target=',
      'onmouseover',
      '<svg',
    ]) {
      expect(html).not.toContain(bad);
    }
    expect(html).toContain('<p>Hi <strong>there</strong> <em>you</em></p>');
    expect(html).toContain('<a>bad</a>');
    expect(html).toContain('<a href="https://a.example/ok" rel="nofollow ugc">ok</a>');
    expect(html).toContain(`<a href="${target}" rel="nofollow ugc">us</a>`);
    expect(html).toContain(
      '<blockquote>q</blockquote><pre><code>c</code></pre><ul><li>l</li></ul>',
    );
  });

  it('escapes a plain-text p-content', () => {
    const body = page(
      `<div class="h-entry"><p class="p-content">a &lt;b&gt; <a href="${target}">c</a></p></div>`,
    );
    expect(extract(body).content).toBe('a &lt;b&gt; c');
  });

  it('keeps only http(s) photos, raw', () => {
    const body = page(`<div class="h-entry"><img class="u-photo" src="/p.jpg" alt="P">
      <img class="u-photo" src="data:image/png;base64,AAAA"><a href="${target}">x</a></div>`);
    expect(extract(body).photos).toEqual(['https://a.example/p.jpg']);
  });

  it('excerpts about 100 characters on each side of the link text (E78)', () => {
    const before = 'Lorem ipsum dolor sit amet '.repeat(10);
    const after = ' consectetur adipiscing elit'.repeat(10);
    const body = page(
      `<p>Unrelated paragraph.</p><p>${before}<a href="${target}">the story</a>${after}</p>`,
    );
    const { excerpt } = extract(body);
    expect(excerpt).toContain('the story');
    expect(excerpt).not.toContain('Unrelated');
    expect(excerpt.startsWith('…')).toBe(true);
    expect(excerpt.endsWith('…')).toBe(true);
    const [left, right] = excerpt.split('the story') as [string, string];
    expect(left.length).toBeLessThanOrEqual(102);
    expect(left.length).toBeGreaterThan(80);
    expect(right.length).toBeLessThanOrEqual(102);
    expect(right.length).toBeGreaterThan(80);
  });

  it('caps long link text at 100 characters in the excerpt', () => {
    const body = page(`<p>See <a href="${target}">${'long '.repeat(60)}</a> end</p>`);
    expect(extract(body).excerpt.length).toBeLessThan(120);
  });

  it('uses alt text for an image link in the excerpt and ignores script text', () => {
    const body = page(
      `<p>Look: <script>var x=1</script><a href="${target}"><img src="/i.png" alt="chart"></a> wow</p>`,
    );
    expect(extract(body).excerpt).toBe('Look: chart wow');
  });

  it('prefers the link inside the h-entry for the excerpt', () => {
    const body = page(`<nav>Nav <a href="${target}">sidebar</a></nav>
      <div class="h-entry"><p class="e-content">Body text <a href="${target}">inline</a> here.</p></div>`);
    expect(extract(body).excerpt).toBe('Body text inline here.');
  });
});
