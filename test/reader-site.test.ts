import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse } from 'parse5';
import { articlesSitemap, sitemapIndex } from '../src/app/reader/sitemaps.js';
import { describeEachDialect } from './support/dialects.js';
import { strictXml } from './support/feed-check.js';
import { anArticle, anAuthor } from './support/fixtures.js';
import { startSite, type SiteHarness } from './support/site-harness.js';

const DAY = 86_400_000;

interface HtmlNode {
  nodeName: string;
  attrs?: { name: string; value: string }[];
  childNodes?: HtmlNode[];
  value?: string;
}

/** Every element of a parsed document, depth first. */
function elements(html: string): HtmlNode[] {
  return descendants(parse(html) as unknown as HtmlNode);
}
const descendants = (n: HtmlNode | undefined): HtmlNode[] =>
  n ? [n, ...(n.childNodes ?? []).flatMap(descendants)] : [];
const attr = (n: HtmlNode, name: string) => n.attrs?.find((a) => a.name === name)?.value;
const text = (n: HtmlNode): string =>
  n.nodeName === '#text' ? (n.value ?? '') : (n.childNodes ?? []).map(text).join('');

describeEachDialect('reader features on the site', (dialect) => {
  let site: SiteHarness;
  let recentPath = '';
  let oldPath = '';
  let otherPath = '';
  beforeAll(async () => {
    site = await startSite(dialect);
    const deps = site.rt.deps;
    const ada = await anAuthor(deps, 'Ada Reporter');
    const bo = await anAuthor(deps, 'Bo Writer');
    const old = await anArticle(deps, ada, {
      title: 'An old story',
      categories: ['World'],
      tags: ['ships'],
      publishedAt: new Date(Date.now() - 10 * DAY),
    });
    const recent = await anArticle(deps, ada, {
      title: 'A recent story <with> “quotes”',
      standfirst: 'What happened at the harbour.',
      coAuthorIds: [bo.id],
      categories: ['World/Europe', 'Sport'],
      tags: ['ships', 'harbour'],
    });
    const other = await anArticle(deps, bo, {
      title: 'Unrelated gardening',
      categories: ['Gardens'],
      tags: ['roses'],
    });
    await anArticle(deps, ada, { kind: 'page', title: 'About us', bodyMarkdown: 'Who we are.' });
    await anArticle(deps, ada, { kind: 'page', title: 'Contact', bodyMarkdown: 'Write to us.' });
    await anArticle(deps, ada, {
      kind: 'page',
      title: 'Draft page',
      bodyMarkdown: 'Not yet.',
      publish: { kind: 'draft' },
    });
    recentPath = new URL(recent.url).pathname;
    oldPath = new URL(old.url).pathname;
    otherPath = new URL(other.url).pathname;
  });
  afterAll(() => site.close());

  const get = async (path: string) => {
    const res = await site.get(path);
    return { res, body: await res.text() };
  };

  it('serves a sitemap index naming the pages, article and news sitemaps, all strict XML', async () => {
    const { res, body } = await get('/sitemap.xml');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/xml/);
    expect(strictXml(body)).toBe('sitemapindex');
    const locs = [...body.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => m[1]);
    expect(locs).toEqual([
      'http://news.test/sitemap-pages.xml',
      'http://news.test/sitemap-articles-1.xml',
      'http://news.test/sitemap-news.xml',
    ]);
    for (const loc of locs) {
      const child = await get(new URL(loc ?? '').pathname);
      expect(child.res.status, loc).toBe(200);
      expect(strictXml(child.body), loc).toBe('urlset');
    }
    const articles = (await get('/sitemap-articles-1.xml')).body;
    expect(articles).toContain(`<loc>http://news.test${recentPath}</loc>`);
    expect(articles).toContain(`<loc>http://news.test${oldPath}</loc>`);
    expect(articles).not.toContain('about-us');
    const pages = (await get('/sitemap-pages.xml')).body;
    expect(pages).toContain('<loc>http://news.test/about-us/</loc>');
    expect(pages).toContain('<loc>http://news.test/contact/</loc>');
    expect(pages).not.toContain('draft-page');
    expect((await site.get('/sitemap-articles-2.xml')).status).toBe(404);
    expect((await site.get('/sitemap-articles-0.xml')).status).toBe(404);
  });

  it('splits article sitemaps by id range, never more URLs in one than the limit', async () => {
    const refs = await sitemapIndex(site.rt.deps, 2);
    const children = refs.filter((r) => r.path.startsWith('/sitemap-articles-'));
    expect(children.length).toBeGreaterThanOrEqual(2);
    let total = 0;
    for (let b = 0; b < 10; b++) {
      const urls = await articlesSitemap(site.rt.deps, b, 2);
      if (!urls) continue;
      expect(urls.length).toBeLessThanOrEqual(2);
      total += urls.length;
    }
    expect(total).toBe(3);
  });

  it('dates an article’s sitemap entry by its newest correction note when that is later than its edit', async () => {
    const deps = site.rt.deps;
    const slug = recentPath.split('/').filter(Boolean).pop()!;
    const article = (await deps.repos.articles.findBySlug(slug))!;
    const urlOf = async () =>
      (await articlesSitemap(deps, 0))!.find((u) => u.url.endsWith(recentPath))!;
    expect((await urlOf()).lastModified?.getTime()).toBe(article.updatedAt.getTime());
    const noted = new Date(article.updatedAt.getTime() + 3 * DAY);
    await deps.repos.corrections.add(
      { articleId: article.id, kind: 'correction', note: 'A name fixed.', editorId: null },
      noted,
    );
    expect((await urlOf()).lastModified?.getTime()).toBe(noted.getTime());
    const body = (await get('/sitemap-articles-1.xml')).body;
    expect(body).toContain(`<lastmod>${noted.toISOString().slice(0, 19)}`);
  });

  it('lists only the last two days’ articles in the news sitemap, in the Google News schema', async () => {
    const { body } = await get('/sitemap-news.xml');
    expect(strictXml(body)).toBe('urlset');
    expect(body).toContain('xmlns:news="http://www.google.com/schemas/sitemap-news/0.9"');
    expect(body).toContain(`<loc>http://news.test${recentPath}</loc>`);
    expect(body).not.toContain(oldPath);
    expect(body).toContain('<news:name>Newsdesk</news:name>');
    expect(body).toContain('<news:language>en</news:language>');
    expect(body).toContain('<news:title>A recent story &lt;with&gt; “quotes”</news:title>');
    expect(body).toMatch(
      /<news:publication_date>\d{4}-\d{2}-\d{2}T[\d:]+Z<\/news:publication_date>/,
    );
  });

  it('serves robots.txt pointing to the sitemaps', async () => {
    const { res, body } = await get('/robots.txt');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain/);
    expect(body).toContain('Sitemap: http://news.test/sitemap.xml');
    expect(body).toContain('Sitemap: http://news.test/sitemap-news.xml');
  });

  it('puts canonical, Open Graph, Twitter and feed discovery tags in the article head', async () => {
    const { body } = await get(recentPath);
    const all = elements(body);
    const meta = (key: string) =>
      all
        .filter((n) => n.nodeName === 'meta' && (attr(n, 'property') ?? attr(n, 'name')) === key)
        .map((n) => attr(n, 'content'));
    expect(all.find((n) => n.nodeName === 'link' && attr(n, 'rel') === 'canonical')).toBeTruthy();
    expect(meta('og:type')).toEqual(['article']);
    expect(meta('og:title')).toEqual(['A recent story <with> “quotes”']);
    expect(meta('og:url')).toEqual([`http://news.test${recentPath}`]);
    expect(meta('og:site_name')).toEqual(['Newsdesk']);
    expect(meta('og:description')[0]).toBeTruthy();
    expect(meta('article:published_time')[0]).toMatch(/^\d{4}-/);
    expect(meta('article:modified_time')[0]).toMatch(/^\d{4}-/);
    expect(meta('article:author')).toEqual([
      'http://news.test/author/ada-reporter/',
      'http://news.test/author/bo-writer/',
    ]);
    expect(meta('article:section')).toHaveLength(1);
    expect(meta('article:tag').sort()).toEqual(['harbour', 'ships']);
    expect(meta('twitter:card')).toEqual(['summary']);
    expect(meta('twitter:title')).toEqual(['A recent story <with> “quotes”']);
    const alternates = all
      .filter((n) => n.nodeName === 'link' && attr(n, 'rel') === 'alternate')
      .map((n) => [attr(n, 'type'), attr(n, 'href')]);
    expect(alternates).toEqual(
      expect.arrayContaining([
        ['application/rss+xml', '/feed/'],
        ['application/atom+xml', '/feed/atom/'],
        ['application/feed+json', '/feed/json/'],
        ['application/rss+xml', `${recentPath}feed/`],
        [
          'application/json+oembed',
          expect.stringMatching(/^http:\/\/news\.test\/oembed\?url=.+&format=json$/),
        ],
        [
          'text/xml+oembed',
          expect.stringMatching(/^http:\/\/news\.test\/oembed\?url=.+&format=xml$/),
        ],
      ]),
    );
  });

  it('carries a NewsArticle JSON-LD with the required fields and a publisher logo', async () => {
    const { body } = await get(recentPath);
    const script = elements(body).find(
      (n) => n.nodeName === 'script' && attr(n, 'type') === 'application/ld+json',
    );
    const ld = JSON.parse(text(script ?? { nodeName: '#text', value: '{}' })) as Record<
      string,
      unknown
    >;
    expect(ld['@type']).toBe('NewsArticle');
    expect(ld.headline).toBe('A recent story <with> “quotes”');
    expect(ld.datePublished).toMatch(/^\d{4}-/);
    expect(ld.dateModified).toMatch(/^\d{4}-/);
    expect(ld.mainEntityOfPage).toBe(`http://news.test${recentPath}`);
    expect((ld.author as { name: string }[]).map((a) => a.name)).toEqual([
      'Ada Reporter',
      'Bo Writer',
    ]);
    const publisher = ld.publisher as { name: string; logo: { url: string } };
    expect(publisher.name).toBe('Newsdesk');
    expect(publisher.logo.url).toBe('http://news.test/assets/logo.png');
    const logo = await site.get('/assets/logo.png');
    expect(logo.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await logo.arrayBuffer())
        .subarray(1, 4)
        .toString(),
    ).toBe('PNG');
  });

  it('advertises an archive’s own feeds on its page', async () => {
    const { body } = await get('/tag/ships/');
    expect(body).toContain('href="/tag/ships/feed/" type="application/rss+xml"');
    expect(body).toContain('href="/tag/ships/feed/atom/" type="application/atom+xml"');
  });

  it('shows the section menu, a search box and the published pages in the footer', async () => {
    const { body } = await get('/');
    const all = elements(body);
    const nav = all.find((n) => n.nodeName === 'nav' && attr(n, 'class') === 'sections');
    const sections = descendants(nav)
      .filter((n) => n.nodeName === 'a')
      .map((a) => [text(a), attr(a, 'href')]);
    expect(sections).toEqual([
      ['Gardens', '/category/gardens/'],
      ['Sport', '/category/sport/'],
      ['World', '/category/world/'],
    ]);
    const form = all.find((n) => n.nodeName === 'form' && attr(n, 'role') === 'search');
    expect(attr(form ?? { nodeName: 'x' }, 'action')).toBe('/search/');
    expect(body).toContain('<a href="/about-us/">About us</a>');
    expect(body).toContain('<a href="/contact/">Contact</a>');
    expect(body).not.toContain('draft-page');
  });

  it('lists related articles sharing tags or categories, never the article itself', async () => {
    const { body } = await get(recentPath);
    const related = /<aside class="related"[\s\S]*?<\/aside>/.exec(body)?.[0] ?? '';
    expect(related).toContain(`href="${oldPath}"`);
    expect(related).not.toContain(`href="${recentPath}"`);
    expect(related).not.toContain(otherPath);
    const lonely = (await get(otherPath)).body;
    expect(lonely).not.toContain('class="related"');
  });

  it('answers oEmbed in JSON and XML with a rich, iframe-free embed', async () => {
    const url = encodeURIComponent(`http://news.test${recentPath}`);
    const json = await site.get(`/oembed?url=${url}&format=json`);
    expect(json.status).toBe(200);
    expect(json.headers.get('content-type')).toMatch(/^application\/json/);
    const data = (await json.json()) as Record<string, unknown>;
    expect(data).toMatchObject({
      version: '1.0',
      type: 'rich',
      title: 'A recent story <with> “quotes”',
      provider_name: 'Newsdesk',
      provider_url: 'http://news.test/',
      author_name: 'Ada Reporter',
      width: 600,
    });
    expect(data.html).toMatch(/^<blockquote/);
    expect(data.html).not.toMatch(/<iframe|<script/);
    expect(data.html).toContain('&lt;with&gt;');
    const xml = await site.get(`/oembed?url=${url}&format=xml`);
    expect(xml.headers.get('content-type')).toMatch(/^text\/xml/);
    const xmlBody = await xml.text();
    expect(strictXml(xmlBody)).toBe('oembed');
    expect(xmlBody).toContain('<type>rich</type>');
    const plain = await site.get(`/oembed?url=${url}`);
    expect(plain.headers.get('content-type')).toMatch(/^application\/json/);
  });

  it('honours maxwidth and maxheight, answering a link when a rich embed cannot fit', async () => {
    const url = encodeURIComponent(`http://news.test${recentPath}`);
    const narrow = (await (
      await site.get(`/oembed?url=${url}&maxwidth=400&maxheight=200`)
    ).json()) as Record<string, unknown>;
    expect(narrow).toMatchObject({ type: 'rich', width: 400, height: 200 });
    const tiny = (await (await site.get(`/oembed?url=${url}&maxwidth=50`)).json()) as Record<
      string,
      unknown
    >;
    expect(tiny.type).toBe('link');
    expect(tiny.html).toBeUndefined();
  });

  it('refuses unknown, foreign and malformed oEmbed requests with 404, 400 or 501', async () => {
    const ok = encodeURIComponent(`http://news.test${recentPath}`);
    const cases: [string, number][] = [
      ['/oembed', 400],
      ['/oembed?url=', 400],
      ['/oembed?url=not%20a%20url', 400],
      [`/oembed?url=${ok}&maxwidth=-1`, 400],
      [`/oembed?url=${ok}&maxwidth=abc`, 400],
      [`/oembed?url=${ok}&maxheight=1e9`, 400],
      [`/oembed?url=${encodeURIComponent('http://evil.example/2026/01/x/')}`, 404],
      [`/oembed?url=${encodeURIComponent('javascript:alert(1)')}`, 404],
      [`/oembed?url=${encodeURIComponent('http://news.test/2001/01/nope/')}`, 404],
      [`/oembed?url=${encodeURIComponent('http://news.test/draft-page/')}`, 404],
      // A published page is embeddable like an article.
      [`/oembed?url=${encodeURIComponent('http://news.test/about-us/')}`, 200],
      [`/oembed?url=${'x'.repeat(5000)}`, 400],
      [`/oembed?url=${ok}&format=yaml`, 501],
    ];
    for (const [path, status] of cases) {
      const res = await site.get(path);
      expect(res.status, path.slice(0, 80)).toBe(status);
      await res.text();
    }
  });

  it('never serves one oEmbed or search answer for another from the page cache', async () => {
    const a = encodeURIComponent(`http://news.test${recentPath}`);
    const b = encodeURIComponent(`http://news.test${oldPath}`);
    const first = (await (await site.get(`/oembed?url=${a}`)).json()) as { title: string };
    const second = (await (await site.get(`/oembed?url=${b}`)).json()) as { title: string };
    expect(first.title).not.toBe(second.title);
    await site.get('/search/');
    const found = await (await site.get('/search/?q=gardening')).text();
    expect(found).toContain('Unrelated <mark>gardening</mark>');
  });
});
