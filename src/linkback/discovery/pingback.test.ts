import { describe, expect, it } from 'vitest';
import { discoverPingbackServer } from './pingback.js';

const finalUrl = 'https://a.example/post/1';

describe('Pingback server discovery (Pingback 1.0 §2)', () => {
  it('lets the X-Pingback header win over a different <link> (D57)', () => {
    const server = discoverPingbackServer({
      xPingbackHeader: 'https://b.example/xmlrpc.php',
      body: '<link rel="pingback" href="https://c.example/other.php">',
      finalUrl,
    });
    expect(server?.href).toBe('https://b.example/xmlrpc.php');
  });

  it('expands entities in the discovered URL (D58)', () => {
    const server = discoverPingbackServer({
      xPingbackHeader: undefined,
      body: '<html><head><link rel="pingback" href="https://b.example/x.php?a=1&amp;b=2" /></head></html>',
      finalUrl,
    });
    expect(server?.href).toBe('https://b.example/x.php?a=1&b=2');
  });

  it('finds nothing when there is neither header nor link (D59)', () => {
    const server = discoverPingbackServer({
      xPingbackHeader: null,
      body: '<html><head><link rel="trackback" href="/tb"></head></html>',
      finalUrl,
    });
    expect(server).toBeNull();
  });

  it('accepts an <a rel="pingback"> and resolves a relative href', () => {
    const server = discoverPingbackServer({
      xPingbackHeader: '',
      body: '<p><a rel="nofollow pingback" href="/xmlrpc.php">rpc</a></p>',
      finalUrl,
    });
    expect(server?.href).toBe('https://a.example/xmlrpc.php');
  });

  it('ignores a pingback link inside a comment', () => {
    const server = discoverPingbackServer({
      xPingbackHeader: undefined,
      body: '<!-- <link rel="pingback" href="/x.php"> -->',
      finalUrl,
    });
    expect(server).toBeNull();
  });

  it('refuses a non-http server URI in the header and falls back to the markup', () => {
    const server = discoverPingbackServer({
      xPingbackHeader: 'file:///etc/passwd',
      body: '<link rel="pingback" href="https://b.example/xmlrpc.php">',
      finalUrl,
    });
    expect(server?.href).toBe('https://b.example/xmlrpc.php');
  });
});
