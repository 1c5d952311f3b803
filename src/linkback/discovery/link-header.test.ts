import { describe, expect, it } from 'vitest';
import { linkHeaderValues, parseLinkHeader, parseLinkHeaders, relTypes } from './link-header.js';

describe('RFC 8288 Link header parser', () => {
  it('reads a bare and a quoted rel', () => {
    const [a, b] = parseLinkHeader('</a>; rel=webmention, </b>; rel="next prev"');
    expect(a?.target).toBe('/a');
    expect(relTypes(a!)).toEqual(['webmention']);
    expect(relTypes(b!)).toEqual(['next', 'prev']);
  });

  it('keeps only the first rel parameter of a link', () => {
    const [link] = parseLinkHeader('</a>; rel="other"; rel="webmention"');
    expect(relTypes(link!)).toEqual(['other']);
  });

  it('lowercases parameter names and rel types', () => {
    const [link] = parseLinkHeader('</a>; REL="WebMention"');
    expect(relTypes(link!)).toEqual(['webmention']);
  });

  it('does not split on commas inside angle brackets or quoted strings', () => {
    const links = parseLinkHeader('</a,b>; title="x, \\"y\\""; rel=a, </c>; rel=b');
    expect(links.map((l) => l.target)).toEqual(['/a,b', '/c']);
    expect(links[0]?.params.get('title')).toBe('x, "y"');
  });

  it('skips a malformed link value and keeps reading the next one', () => {
    const links = parseLinkHeader('garbage; rel=webmention, </ok>; rel=webmention');
    expect(links.map((l) => l.target)).toEqual(['/ok']);
  });

  it('survives an unterminated quoted string without throwing', () => {
    expect(parseLinkHeader('</a>; rel="webmention')).toEqual([]);
  });

  it('accepts parameters without a value and stray semicolons', () => {
    const [link] = parseLinkHeader('</a>; crossorigin; ; rel=webmention;');
    expect(link?.params.get('crossorigin')).toBe('');
    expect(relTypes(link!)).toEqual(['webmention']);
  });

  it('concatenates several header lines in order', () => {
    const links = parseLinkHeaders(['</1>; rel=a', '</2>; rel=b, </3>; rel=c']);
    expect(links.map((l) => l.target)).toEqual(['/1', '/2', '/3']);
  });

  it('collects Link header values whatever the case of the header name', () => {
    const values = linkHeaderValues([
      ['Content-Type', 'text/html'],
      ['LinK', '</1>; rel=a'],
      ['link', '</2>; rel=b'],
    ]);
    expect(values).toEqual(['</1>; rel=a', '</2>; rel=b']);
  });

  it('returns nothing for an empty header', () => {
    expect(parseLinkHeader('')).toEqual([]);
    expect(parseLinkHeader(' , ,')).toEqual([]);
  });
});
