/**
 * Parts of a page kept between renders while what they are built from is unchanged: the head and
 * the article above its discussion, and the layout's end. A cache miss comes mostly after a write
 * somewhere else on the site (any write moves the content version the page cache checks), and
 * then an article's own part of its page is the same as it was: it is compared, not built again.
 *
 * An entry is reused only while the inputs given now are deeply equal (fast-deep-equal: values,
 * Dates by time, arrays and objects key by key) to those it was built from, and `build`
 * must read nothing but those inputs: callers pass one plain object and a function of it alone.
 * Markup that holds a comment form's marks is never kept (its split must see it on every render).
 */
import deepEqual from 'fast-deep-equal';
import { boundedMemo } from '../../render/theme/bounded-memo.js';
import { keptHtml, type KeptHtml } from '../../render/theme/kept-discussion-html.js';
import type { Segment } from './page-assembly.js';

export interface KeptSegments {
  /** The segment kept for `key` if `inputs` equal its own; else `build(inputs)`, then kept. */
  get<I>(key: string, inputs: I, build: (inputs: I) => string): Segment;
  /** Entries held and the bytes they are counted as (for the bounds' tests). */
  stats(): { readonly entries: number; readonly bytes: number };
}

interface Entry {
  readonly inputs: unknown;
  readonly kept: KeptHtml;
}

export interface KeptSegmentsOptions {
  /** True when markup holds marks that each response fills (app/comments/token-slots.ts). */
  readonly hasMarks: (html: string) => boolean;
  readonly maxEntries?: number;
  /**
   * Counted as three times each entry's bytes: its markup, its encoding, and the inputs it was
   * built from (an article's body among them), which hold about as much again.
   */
  readonly maxBytes?: number;
}

/** Bounded by entries and by bytes; the least recently used go first. */
export function keptSegments(opts: KeptSegmentsOptions): KeptSegments {
  const memo = boundedMemo<Entry>({
    maxEntries: opts.maxEntries ?? 256,
    maxBytes: opts.maxBytes ?? 8 * 1024 * 1024,
  });
  return {
    get(key, inputs, build) {
      const found = memo.get(key);
      if (found && deepEqual(found.inputs, inputs)) return found.kept;
      const html = build(inputs);
      if (opts.hasMarks(html)) return html;
      const kept = keptHtml(html);
      memo.set(key, { inputs, kept }, 3 * kept.bytes.length + key.length);
      return kept;
    },
    stats: () => memo.stats(),
  };
}
