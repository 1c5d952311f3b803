import { describe, expect, it } from 'vitest';
import { findLinkToTarget } from './find-link.js';

const target = 'https://news.example/2024/05/story';
const finalUrl = 'https://a.example/posts/reply';
const html = (body: string, head = ''): string =>
  `<!doctype html><html><head><title>t</title>${head}</head><body>${body}</body></html>`;

const check = (body: string, contentType = 'text/html; charset=utf-8', t: string = target) =>
  findLinkToTarget({ body, contentType, finalUrl, target: t });

describe('Source link verification (W3C Webmention §3.2.2; cases C42–C45)', () => {
  it('finds an absolute a[href] (42)', () => {
    expect(check(html(`<p><a href="${target}">story</a></p>`))).toEqual({
      found: true,
      where: 'a',
    });
  });

  it('accepts a host-relative href on our own host after resolving it (43)', () => {
    const result = findLinkToTarget({
      body: html('<a href="/2024/05/story">story</a>'),
      contentType: 'text/html',
      finalUrl: 'https://news.example/2024/06/other',
      target,
    });
    expect(result).toEqual({ found: true, where: 'a' });
  });

  it('resolves against <base href>', () => {
    const body = html('<a href="05/story">story</a>', '<base href="https://news.example/2024/">');
    expect(check(body)).toEqual({ found: true, where: 'a' });
  });

  it('accepts an img src as a link (44)', () => {
    expect(check(html(`<img src="${target}" alt="">`))).toEqual({ found: true, where: 'img' });
  });

  it.each(['video', 'audio'])('accepts a %s src', (tag) => {
    expect(check(html(`<${tag} src="${target}"></${tag}>`))).toEqual({ found: true, where: tag });
  });

  it('accepts a media source element', () => {
    expect(check(html(`<video><source src="${target}"></video>`))).toEqual({
      found: true,
      where: 'source',
    });
  });

  it('rejects a link outside the h-entry when the page has one (45)', () => {
    const body = html(
      `<article class="h-entry"><p class="e-content">No link here.</p></article>
       <footer><a href="${target}">blogroll</a></footer>`,
    );
    expect(check(body)).toEqual({ found: false, reason: 'link_outside_entry' });
  });

  it('accepts the link when one copy is inside the h-entry', () => {
    const body = html(
      `<nav><img src="${target}"></nav><div class="h-entry"><a href="${target}#c">x</a></div>`,
    );
    expect(check(body)).toEqual({ found: true, where: 'a' });
  });

  it('treats mf1 hentry like h-entry', () => {
    const body = html(`<div class="hentry">text</div><a href="${target}">x</a>`);
    expect(check(body)).toEqual({ found: false, reason: 'link_outside_entry' });
  });

  it('reports no link when the page does not link (46)', () => {
    expect(check(html('<a href="https://elsewhere.example/">x</a>'))).toEqual({
      found: false,
      reason: 'no_link',
    });
  });

  it.each([
    ['a <script>', `<script>var u = '<a href="${target}">x</a>';</script>`],
    ['a <style>', `<style>a[href="${target}"] { color: red }</style>`],
    ['a comment', `<!-- <a href="${target}">x</a> -->`],
    ['a <template>', `<template><a href="${target}">x</a></template>`],
    ['escaped text', `<code>&lt;a href="${target}"&gt;</code>`],
    ['plain text in HTML', `<p>See ${target}</p>`],
    ['a query string of another link', `<a href="https://x.example/?u=${target}">x</a>`],
    ['a link element', `<link rel="alternate" href="${target}">`],
    ['an area element', `<map><area href="${target}"></map>`],
  ])('does not count a target inside %s (74)', (_name, fragment) => {
    expect(check(html(fragment)).found).toBe(false);
  });

  it.each([
    ['default port and host case', 'https://NEWS.example:443/2024/05/story'],
    ['a fragment on the link', `${target}#comments`],
    ['surrounding whitespace', `  ${target}\n`],
  ])('matches despite %s', (_name, href) => {
    expect(check(html(`<a href="${href}">x</a>`)).found).toBe(true);
  });

  it('matches when our target carries a fragment', () => {
    expect(check(html(`<a href="${target}">x</a>`), 'text/html', `${target}#comment-5`).found).toBe(
      true,
    );
  });

  it.each([
    ['http instead of https', 'http://news.example/2024/05/story'],
    ['a trailing slash', `${target}/`],
    ['a different query', `${target}?x=1`],
  ])('does not match %s (exact rule)', (_name, href) => {
    expect(check(html(`<a href="${href}">x</a>`)).found).toBe(false);
  });

  it('finds the target as a JSON string value at any depth', () => {
    const body = JSON.stringify({ items: [{ properties: { 'in-reply-to': [target] } }] });
    expect(check(body, 'application/json')).toEqual({ found: true, where: 'json' });
    expect(check(body, 'application/activity+json').found).toBe(true);
  });

  it('does not find the target inside a longer JSON string or in invalid JSON', () => {
    expect(check(JSON.stringify({ text: `see ${target}` }), 'application/json').found).toBe(false);
    expect(check(`{"a": "${target}"`, 'application/json').found).toBe(false);
  });

  it('finds the target as a plain-text substring', () => {
    expect(check(`I liked ${target} a lot`, 'text/plain')).toEqual({ found: true, where: 'text' });
    expect(check('nothing', 'text/plain').found).toBe(false);
  });

  it('refuses other media types', () => {
    expect(check('%PDF-1.7', 'application/pdf')).toEqual({
      found: false,
      reason: 'unsupported_content_type',
    });
  });

  it('handles an empty body', () => {
    expect(check('').found).toBe(false);
  });
});
