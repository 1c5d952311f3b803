import type { ReaderFill, ReaderField, Slot, TokenTemplate } from '../app/comments/token-slots.js';

/**
 * A page with comment forms as bytes ready to join: encoded once, held once, split where each
 * response puts its own form tokens (`parts`) and, for a reader with remembered details, where
 * those go (`readerParts`). Both splits are views of one buffer. The page cache keeps these, and
 * the render that made them sends its response from them too, so a page is encoded only once.
 */
export interface PageParts {
  /** Bytes of the page without its marks. */
  readonly bytes: number;
  /** The page split at its token marks (reader details left empty), and each mark's article. */
  readonly parts: readonly Buffer[];
  readonly tokenArticleIds: readonly number[];
  /** The page split at every mark, for a reader with details; null when it has no reader marks. */
  readonly readerParts: readonly Buffer[] | null;
  readonly readerSlots: readonly Slot[];
}

export function pageParts(template: TokenTemplate): PageParts {
  // One allocation of exactly the page's bytes, each part encoded into it. Node's `Buffer.from`
  // and `Buffer.concat` hand out slices of shared slabs, so thousands of kept pages held about
  // twice the bytes the cache counted.
  const lengths = template.parts.map((p) => Buffer.byteLength(p));
  const whole = Buffer.allocUnsafeSlow(lengths.reduce((n, l) => n + l, 0));
  const cuts: number[] = [];
  let at = 0;
  template.parts.forEach((part, i) => {
    whole.write(part, at);
    at += lengths[i]!;
    if (i < template.slots.length) cuts.push(at);
  });
  return partsAt(whole, cuts, template.slots);
}

/**
 * A page's parts from its bytes and where its marks were (`cuts[i]` is the byte offset of the
 * mark that stands for `slots[i]`): both splits as views of the one buffer.
 */
export function partsAt(whole: Buffer, cuts: readonly number[], slots: readonly Slot[]): PageParts {
  const viewsAt = (offsets: readonly number[]) =>
    [0, ...offsets].map((from, i) => whole.subarray(from, offsets[i] ?? whole.length));
  const tokenCuts: number[] = [];
  const tokenArticleIds: number[] = [];
  slots.forEach((slot, i) => {
    if (typeof slot !== 'number') return;
    tokenCuts.push(cuts[i]!);
    tokenArticleIds.push(slot);
  });
  const hasReader = slots.some((slot): slot is ReaderField => typeof slot !== 'number');
  return {
    bytes: whole.length,
    parts: viewsAt(tokenCuts),
    tokenArticleIds,
    readerParts: hasReader ? viewsAt(cuts) : null,
    readerSlots: slots,
  };
}

/**
 * The chunks of one response, in order: the parts with this window's tokens and this reader's
 * details (nothing for a reader without) between them; the parts are sent as they are.
 */
export async function joinParts(
  page: PageParts,
  mint: ((articleId: number) => Promise<string>) | undefined,
  reader: ReaderFill | null,
): Promise<Buffer[]> {
  const withReader = reader !== null && page.readerParts !== null;
  const parts = withReader ? page.readerParts! : page.parts;
  const slots: readonly Slot[] = withReader ? page.readerSlots : page.tokenArticleIds;
  const filled = await Promise.all(
    slots.map((slot) =>
      typeof slot === 'number' ? (mint?.(slot) ?? '') : Buffer.from(reader?.[slot] ?? '', 'utf8'),
    ),
  );
  const chunks: Buffer[] = [];
  parts.forEach((part, i) => {
    const fill = filled[i - 1];
    if (i > 0) chunks.push(typeof fill === 'string' ? Buffer.from(fill, 'latin1') : fill!);
    chunks.push(part);
  });
  return chunks;
}
