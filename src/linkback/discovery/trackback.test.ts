import { describe, expect, it } from 'vitest';
import { discoverTrackbackPing } from './trackback.js';

const block = (id: string, ping: string, title = 'Entry'): string => `<!--
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
         xmlns:dc="http://purl.org/dc/elements/1.1/"
         xmlns:trackback="http://madskills.com/public/xml/rss/module/trackback/">
<rdf:Description rdf:about="${id}" dc:identifier="${id}" dc:title="${title}"
    trackback:ping="${ping}" />
</rdf:RDF>
-->`;

describe('TrackBack ping URL discovery', () => {
  it('uses the RDF block whose dc:identifier is the linked URL (F91)', () => {
    const body = `<html><body>
      ${block('https://b.example/2024/one', 'https://b.example/tb/1')}
      ${block('https://b.example/2024/two', 'https://b.example/tb/2')}
    </body></html>`;
    const ping = discoverTrackbackPing({ body, linkedUrl: 'https://b.example/2024/two' });
    expect(ping?.href).toBe('https://b.example/tb/2');
  });

  it('decodes entities in RDF attributes, including the escaped double hyphen', () => {
    const body = block(
      'https://b.example/a&#x2d;&#x2d;b',
      'https://b.example/tb.cgi?id=1&amp;x=2',
      'A &#x2d;&#x2d; B',
    );
    const ping = discoverTrackbackPing({ body, linkedUrl: 'https://b.example/a--b' });
    expect(ping?.href).toBe('https://b.example/tb.cgi?id=1&x=2');
  });

  it('ignores a fragment difference between the linked URL and the identifier', () => {
    const body = block('https://b.example/post', 'https://b.example/tb/9');
    const ping = discoverTrackbackPing({ body, linkedUrl: 'https://b.example/post#comments' });
    expect(ping?.href).toBe('https://b.example/tb/9');
  });

  it('finds nothing when no block names the linked URL and there is no rel=trackback', () => {
    const body = block('https://b.example/other', 'https://b.example/tb/1');
    expect(discoverTrackbackPing({ body, linkedUrl: 'https://b.example/post' })).toBeNull();
  });

  it('falls back to <link rel="trackback">, resolved against the page', () => {
    const body = '<html><head><link rel="trackback" href="/post/trackback/"></head></html>';
    const ping = discoverTrackbackPing({ body, linkedUrl: 'https://b.example/post' });
    expect(ping?.href).toBe('https://b.example/post/trackback/');
  });

  it('skips a block carrying a DOCTYPE and a malformed block without throwing', () => {
    const body =
      '<rdf:RDF><!DOCTYPE x [<!ENTITY a "b">]><rdf:Description dc:identifier="https://b.example/p" trackback:ping="https://evil.example/"/></rdf:RDF>' +
      '<rdf:RDF><rdf:Description dc:identifier="https://b.example/p" trackback:ping="https://b.example/tb" /><broken></rdf:RDF>';
    const ping = discoverTrackbackPing({ body, linkedUrl: 'https://b.example/p' });
    expect(ping?.href).toBe('https://b.example/tb');
  });
});
