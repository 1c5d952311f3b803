import { describe, expect, it } from 'vitest';
import { authorFromAuthorPage } from './author.js';

const pageUrl = 'https://bob.example/';

describe('Author page h-card (authorship spec, after the caller fetched the page)', () => {
  it('picks the h-card whose url and uid are the page URL', () => {
    const body = `<div class="h-card"><a class="u-url p-name" href="https://x.example/">Other</a></div>
      <div class="h-card"><a class="u-url u-uid p-name" href="/">Bob</a><img class="u-photo" src="/b.png"></div>`;
    expect(authorFromAuthorPage(body, pageUrl)).toEqual({
      name: 'Bob',
      url: 'https://bob.example/',
      photo: 'https://bob.example/b.png',
    });
  });

  it('else the h-card whose url is one of the page rel=me links', () => {
    const body = `<a rel="me" href="https://social.example/@bob">me</a>
      <div class="h-card"><a class="u-url p-name" href="https://social.example/@bob">Bob S</a></div>`;
    expect(authorFromAuthorPage(body, pageUrl)?.name).toBe('Bob S');
  });

  it('else an h-card whose url is the page URL', () => {
    const body = `<div class="h-card"><a class="u-url p-name" href="https://bob.example">Bob</a></div>`;
    expect(authorFromAuthorPage(body, pageUrl)?.name).toBe('Bob');
  });

  it('finds nothing on a page without a matching h-card, or an empty page', () => {
    expect(
      authorFromAuthorPage('<div class="h-card"><span class="p-name">X</span></div>', pageUrl),
    ).toBeUndefined();
    expect(authorFromAuthorPage('', pageUrl)).toBeUndefined();
  });
});
