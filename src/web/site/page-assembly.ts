/**
 * A page joined from segments: markup built for this response (strings) and markup kept between
 * renders with its bytes (`KeptHtml`, the discussion section). Kept segments are never encoded
 * or searched again: only the strings are split at the comment form's marks (kept markup is built
 * from discussion items alone, and a mark carries a per-process secret no visitor can write) and
 * encoded. The result has the shape `pageParts` (web/page-parts.ts) gives for the whole page as
 * one string, byte for byte, so the page cache keeps and fills it the same way.
 */
import type { Slot, TokenTemplate } from '../../app/comments/token-slots.js';
import type { KeptHtml } from '../../render/theme/kept-discussion-html.js';
import { partsAt, type PageParts } from '../page-parts.js';

export type Segment = string | KeptHtml;

/** The page as its UTF-8 bytes: kept segments as they were kept, strings encoded once. */
export function segmentsBytes(segments: readonly Segment[]): Buffer<ArrayBuffer> {
  return Buffer.concat(
    segments.map((s) => (typeof s === 'string' ? Buffer.from(s, 'utf8') : s.bytes)),
  );
}

/**
 * The page's parts, split where `split` finds marks in its string segments; null when it has
 * none (then the page is sent whole, with an ETag).
 */
export function segmentParts(
  segments: readonly Segment[],
  split: (html: string) => TokenTemplate | null,
): PageParts | null {
  const chunks: Buffer[] = [];
  /** Where each mark was, as an offset into the page's bytes, and what it stands for. */
  const cuts: number[] = [];
  const slots: Slot[] = [];
  let at = 0;
  const push = (b: Buffer) => {
    chunks.push(b);
    at += b.length;
  };
  for (const segment of segments) {
    if (typeof segment !== 'string') {
      push(segment.bytes);
      continue;
    }
    const template = split(segment);
    if (!template) {
      push(Buffer.from(segment, 'utf8'));
      continue;
    }
    template.parts.forEach((part, i) => {
      if (i > 0) {
        cuts.push(at);
        slots.push(template.slots[i - 1]!);
      }
      push(Buffer.from(part, 'utf8'));
    });
  }
  if (slots.length === 0) return null;
  return partsAt(Buffer.concat(chunks, at), cuts, slots);
}
