import { describe, expect, it } from 'vitest';
import { tokenSlots } from '../../app/comments/token-slots.js';
import { keptHtml } from '../../render/theme/kept-discussion-html.js';
import { pageParts } from '../page-parts.js';
import { segmentParts, segmentsBytes } from './page-assembly.js';

const slots = tokenSlots({ issue: async () => 'T' }, () => new Date(0), { nonce: 'n0nce' });

describe('a page joined from kept and built segments', () => {
  const head = `<head>${slots.readerMark('name')}</head>“é”`;
  const form = `<form>${slots.mark(7)}<input value="${slots.readerMark('email')}">${slots.mark(7)}</form>`;
  const segments = [head, keptHtml('<ol>kept ✓</ol>'), form, keptHtml('<p>tail</p>'), '</html>'];
  const whole = head + '<ol>kept ✓</ol>' + form + '<p>tail</p></html>';

  it('gives the same parts, byte for byte, as splitting and encoding the whole page', () => {
    const expected = pageParts(slots.split(whole)!);
    const got = segmentParts(segments, slots.split)!;
    expect(got.bytes).toBe(expected.bytes);
    expect(got.tokenArticleIds).toEqual(expected.tokenArticleIds);
    expect(got.readerSlots).toEqual(expected.readerSlots);
    expect(got.parts.map((p) => p.toString('utf8'))).toEqual(
      expected.parts.map((p) => p.toString('utf8')),
    );
    expect(got.readerParts?.map((p) => p.toString('utf8'))).toEqual(
      expected.readerParts?.map((p) => p.toString('utf8')),
    );
  });

  it('has no parts when no built segment holds a mark, and then is the page as bytes', () => {
    const plain = ['<p>a é</p>', keptHtml('<ol>kept</ol>'), '</html>'];
    expect(segmentParts(plain, slots.split)).toBeNull();
    expect(segmentsBytes(plain).toString('utf8')).toBe('<p>a é</p><ol>kept</ol></html>');
  });
});
