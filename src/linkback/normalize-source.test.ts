import { describe, expect, it } from 'vitest';
import { normalizeSourceUrl } from './normalize-source.js';

describe('Source URL normalisation for dedupe (G95)', () => {
  it.each([
    ['https://Blog.Example/Post', '//blog.example/Post'],
    ['http://blog.example/post', '//blog.example/post'],
    ['https://www.blog.example/post', '//blog.example/post'],
    ['https://blog.example/post/', '//blog.example/post'],
    ['https://blog.example/post//', '//blog.example/post'],
    ['https://blog.example/', '//blog.example/'],
    ['https://blog.example', '//blog.example/'],
    ['https://blog.example:443/post', '//blog.example/post'],
    ['http://blog.example:80/post', '//blog.example/post'],
    ['https://blog.example:8443/post', '//blog.example:8443/post'],
    ['https://blog.example/post#comments', '//blog.example/post'],
    ['https://user:pw@blog.example/post', '//blog.example/post'],
    ['https://blog.example/post?utm_source=x&id=3&UTM_Medium=y', '//blog.example/post?id=3'],
    ['https://blog.example/post?fbclid=abc&gclid=def', '//blog.example/post'],
    ['https://blog.example/post?b=2&a=1', '//blog.example/post?b=2&a=1'],
    ['https://blog.example/post?q=a+b&utm_campaign=z', '//blog.example/post?q=a+b'],
    ['https://blog.example/post?', '//blog.example/post'],
    ['https://blog.example/post/?id=1', '//blog.example/post?id=1'],
    ['  https://blog.example/post  ', '//blog.example/post'],
    ['not a url', 'not a url'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeSourceUrl(input)).toBe(expected);
  });

  it('gives http/https, www and trailing-slash variants of one page a single key', () => {
    const keys = new Set(
      [
        'http://example.org/a/',
        'https://example.org/a',
        'https://www.example.org/a/?utm_source=feed',
        'HTTPS://EXAMPLE.ORG/a#top',
      ].map(normalizeSourceUrl),
    );
    expect(keys.size).toBe(1);
  });

  it('keeps different paths and query values apart', () => {
    expect(normalizeSourceUrl('https://e.org/a?id=1')).not.toBe(
      normalizeSourceUrl('https://e.org/a?id=2'),
    );
    expect(normalizeSourceUrl('https://e.org/A')).not.toBe(normalizeSourceUrl('https://e.org/a'));
  });
});
