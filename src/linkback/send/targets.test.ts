import { describe, expect, it } from 'vitest';
import { discoverLinkbackEndpoint } from './discover.js';
import { pingbackCall, trackbackBody, webmentionBody, websubPublishBody } from './requests.js';
import { isOwnSite, linkTargets } from './targets.js';

describe('the links an article notifies', () => {
  it('takes a[href] only, resolved against the permalink, http(s), each once, fragments kept', () => {
    const html =
      '<p><a href="/local">l</a> <a href="https://b.example/x?q=1#f">b</a> <a href="https://b.example/x?q=1#f">again</a>' +
      '<img src="https://img.example/i.png"> <a href="mailto:a@b.example">m</a> <a href="javascript:x()">j</a>' +
      '<a href="https://u:p@c.example/">creds</a> <a>none</a> <a href="">empty</a></p>' +
      '<!-- <a href="https://comment.example/"> --> <template><a href="https://t.example/"></a></template>';
    expect(linkTargets(html, 'https://news.example/2026/03/story/')).toEqual([
      'https://news.example/local',
      'https://b.example/x?q=1#f',
    ]);
  });

  it('knows our own site, with or without www., on the same port only', () => {
    expect(isOwnSite('https://news.example/a', 'https://news.example')).toBe(true);
    expect(isOwnSite('http://www.news.example/a', 'https://news.example')).toBe(true);
    expect(isOwnSite('https://news.example:8443/a', 'https://news.example')).toBe(false);
    expect(isOwnSite('https://other.example/', 'https://news.example')).toBe(false);
  });
});

describe('which endpoint a linked page names', () => {
  const page = (over: Partial<Parameters<typeof discoverLinkbackEndpoint>[0]>) =>
    discoverLinkbackEndpoint({
      targetUrl: 'https://b.example/post',
      finalUrl: 'https://b.example/post',
      headers: [],
      contentType: 'text/html',
      body: '',
      ...over,
    });

  it('prefers Webmention to Pingback on the same page', () => {
    expect(
      page({
        headers: [['x-pingback', 'https://b.example/xmlrpc.php']],
        body: '<link rel=webmention href=/wm>',
      }),
    ).toEqual({ protocol: 'webmention', endpoint: 'https://b.example/wm' });
  });

  it('D57 falls back to Pingback, the header before the <link>', () => {
    expect(
      page({
        headers: [['X-Pingback', 'https://b.example/xmlrpc.php']],
        body: '<link rel="pingback" href="https://c.example/x.php">',
      }),
    ).toEqual({ protocol: 'pingback', endpoint: 'https://b.example/xmlrpc.php' });
  });

  it('sends no Pingback for a home page (no path, no query), as WordPress does not', () => {
    expect(
      page({
        targetUrl: 'https://b.example/',
        headers: [['x-pingback', 'https://b.example/xmlrpc.php']],
      }),
    ).toBeNull();
  });
});

describe('the bodies a sender posts', () => {
  it('Webmention: source and target form-encoded, nothing else', () => {
    expect(webmentionBody('https://n.example/a b', 'https://b.example/?x=1&y=2')).toBe(
      'source=https%3A%2F%2Fn.example%2Fa+b&target=https%3A%2F%2Fb.example%2F%3Fx%3D1%26y%3D2',
    );
  });

  it('Pingback: pingback.ping with the two URLs as escaped <string> params', () => {
    expect(pingbackCall('https://n.example/a', 'https://b.example/?a=1&b=2')).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n<methodCall><methodName>pingback.ping</methodName><params>' +
        '<param><value><string>https://n.example/a</string></value></param>' +
        '<param><value><string>https://b.example/?a=1&amp;b=2</string></value></param></params></methodCall>\n',
    );
  });

  it('TrackBack: url, title, excerpt (252 characters + …), blog_name, UTF-8', () => {
    const body = trackbackBody({
      url: 'https://n.example/a',
      title: 'Été',
      excerpt: 'word '.repeat(100),
      blogName: 'N',
    });
    const form = new URLSearchParams(body);
    expect([...form.keys()]).toEqual(['url', 'title', 'excerpt', 'blog_name']);
    expect(form.get('title')).toBe('Été');
    expect(body).toContain('title=%C3%89t%C3%A9');
    expect([...(form.get('excerpt') ?? '')].length).toBeLessThanOrEqual(253);
    expect(form.get('excerpt')).toMatch(/…$/);
  });

  it('WebSub: hub.mode=publish and hub.url', () => {
    expect(websubPublishBody('https://n.example/')).toBe(
      'hub.mode=publish&hub.url=https%3A%2F%2Fn.example%2F',
    );
  });
});
