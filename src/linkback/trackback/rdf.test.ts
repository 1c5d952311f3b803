import { describe, expect, it } from 'vitest';
import { discoverTrackbackPing } from '../discovery/trackback.js';
import { trackbackRdf } from './rdf.js';

describe('TrackBack RDF block for our pages', () => {
  const rdf = trackbackRdf({
    permalink: 'https://news.example/2024/05/a--b?x=1&y=2',
    title: 'Markets -- a "quick" <look> & more -->',
    pingUrl: 'https://news.example/trackback/42',
  });

  it('sits inside one HTML comment that nothing in the values can close early', () => {
    expect(rdf.startsWith('<!--\n')).toBe(true);
    expect(rdf.endsWith('\n-->')).toBe(true);
    const inner = rdf.slice('<!--'.length, -'-->'.length);
    expect(inner).not.toContain('--');
  });

  it('escapes every value', () => {
    expect(rdf).toContain(
      'dc:title="Markets &#x2d;&#x2d; a &quot;quick&quot; &lt;look&gt; &amp; more &#x2d;&#x2d;&gt;"',
    );
    expect(rdf).toContain('?x=1&amp;y=2');
  });

  it('is found again by our own discovery for the same permalink', () => {
    const page = `<html><body><article>${rdf}</article></body></html>`;
    const ping = discoverTrackbackPing({
      body: page,
      linkedUrl: 'https://news.example/2024/05/a--b?x=1&y=2',
    });
    expect(ping?.href).toBe('https://news.example/trackback/42');
  });
});
