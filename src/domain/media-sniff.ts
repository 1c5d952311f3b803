/**
 * What an uploaded file is, from its bytes alone (never its name): the five accepted formats are
 * recognised by their signatures (magic bytes), and their container is walked to its end marker
 * so that a truncated file, or one with something appended (a polyglot: a ZIP, a script or a
 * page riding behind a valid image), is refused before any decoder sees it.
 */
import type { ImageFormat } from './media.js';

export type SniffRefusal =
  'empty' | 'svg' | 'unknown_format' | 'truncated' | 'trailing_data' | 'embedded_markup';

export type SniffResult =
  | { readonly ok: true; readonly format: ImageFormat }
  | { readonly ok: false; readonly reason: SniffRefusal; readonly detail: string };

const refuse = (reason: SniffRefusal, detail: string): SniffResult => ({
  ok: false,
  reason,
  detail,
});

const ascii = (b: Uint8Array, at: number, len: number) =>
  String.fromCharCode(...b.subarray(at, at + len));

const u32be = (b: Uint8Array, at: number) =>
  ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0;
const u32le = (b: Uint8Array, at: number) =>
  (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
const u16be = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;

function signature(b: Uint8Array): ImageFormat | null {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'jpeg';
  if (b.length >= 8 && ascii(b, 0, 8) === '\x89PNG\r\n\x1a\n') return 'png';
  if (b.length >= 6 && (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a')) return 'gif';
  if (b.length >= 12 && ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return 'webp';
  if (b.length >= 16 && ascii(b, 4, 4) === 'ftyp') {
    const size = u32be(b, 0);
    const end = Math.min(size, b.length);
    const brands = [ascii(b, 8, 4)];
    for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(b, at, 4));
    if (brands.includes('avif') || brands.includes('avis')) return 'avif';
  }
  return null;
}

function looksLikeSvg(b: Uint8Array): boolean {
  const bom = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
  const head = new TextDecoder('latin1').decode(b.subarray(bom, bom + 4096));
  return /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!doctype\s+svg[^>]*>\s*)?<svg[\s>]/i.test(
    head,
  );
}

/** Where a JPEG ends (just after its EOI marker), or null when it is cut short. */
function jpegEnd(b: Uint8Array): number | null {
  let at = 2;
  for (;;) {
    if (at >= b.length) return null;
    if (b[at] !== 0xff) return null;
    while (at < b.length && b[at] === 0xff) at++; // fill bytes
    if (at >= b.length) return null;
    const marker = b[at++]!;
    if (marker === 0xd9) return at;
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) continue; // no length
    if (at + 2 > b.length) return null;
    const len = u16be(b, at);
    if (len < 2) return null;
    at += len;
    if (at > b.length) return null;
    if (marker === 0xda) {
      // Entropy-coded data: a marker is 0xFF followed by neither 0x00 (stuffing) nor RSTn.
      for (;;) {
        if (at + 1 >= b.length) return null;
        if (b[at] === 0xff) {
          const next = b[at + 1]!;
          if (next === 0x00 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) {
            at += next === 0xff ? 1 : 2;
            continue;
          }
          break;
        }
        at++;
      }
    }
  }
}

/** Where a PNG ends (after its IEND chunk), or null when it is cut short. */
function pngEnd(b: Uint8Array): number | null {
  let at = 8;
  for (;;) {
    if (at + 12 > b.length) return null;
    const len = u32be(b, at);
    const type = ascii(b, at + 4, 4);
    const next = at + 12 + len;
    if (next > b.length || next < at) return null;
    if (type === 'IEND') return next;
    at = next;
  }
}

/** Where a GIF ends (after its trailer byte), or null when it is cut short. */
function gifEnd(b: Uint8Array): number | null {
  if (b.length < 13) return null;
  const flags = b[10]!;
  let at = 13 + (flags & 0x80 ? 3 * 2 ** ((flags & 7) + 1) : 0);
  const skipSubBlocks = (): boolean => {
    for (;;) {
      if (at >= b.length) return false;
      const size = b[at++]!;
      if (size === 0) return true;
      at += size;
    }
  };
  for (;;) {
    if (at >= b.length) return null;
    const kind = b[at++]!;
    if (kind === 0x3b) return at;
    if (kind === 0x21) {
      at++; // label
      if (!skipSubBlocks()) return null;
    } else if (kind === 0x2c) {
      if (at + 9 > b.length) return null;
      const local = b[at + 8]!;
      at += 9 + (local & 0x80 ? 3 * 2 ** ((local & 7) + 1) : 0);
      at++; // LZW minimum code size
      if (!skipSubBlocks()) return null;
    } else {
      return null;
    }
  }
}

/** A RIFF file ends where its header says (plus a pad byte for an odd size). */
function webpEnd(b: Uint8Array): number | null {
  const end = 8 + u32le(b, 4);
  if (end > b.length) return null;
  return end + (end % 2 === 1 && end < b.length ? 1 : 0);
}

/** An ISO-BMFF file (AVIF) ends after its last top-level box. */
function avifEnd(b: Uint8Array): number | null {
  let at = 0;
  while (at < b.length) {
    if (at + 8 > b.length) return null;
    let size = u32be(b, at);
    if (size === 1) {
      if (at + 16 > b.length) return null;
      const high = u32be(b, at + 8);
      if (high !== 0) return null; // over 4 GiB: far beyond any limit
      size = u32be(b, at + 12);
    } else if (size === 0) {
      return b.length;
    }
    if (size < 8 || at + size > b.length) return null;
    at += size;
  }
  return at;
}

const END: Record<ImageFormat, (b: Uint8Array) => number | null> = {
  jpeg: jpegEnd,
  png: pngEnd,
  gif: gifEnd,
  webp: webpEnd,
  avif: avifEnd,
};

// Markup or code that no image has a reason to carry, anywhere in the file (a JPEG comment
// segment or a PNG text chunk holding a page or a script is the classic image polyglot).
const MARKUP = /<(script|html|body|iframe|svg|object|embed|\?php)[\s>/]|<!doctype\s+html/i;

export function sniffImage(bytes: Uint8Array): SniffResult {
  if (bytes.length === 0) return refuse('empty', 'the file is empty (0 bytes)');
  const format = signature(bytes);
  if (!format) {
    if (looksLikeSvg(bytes)) {
      return refuse(
        'svg',
        'SVG is not accepted: it can carry scripts and is not sanitised here; export it as PNG or WebP',
      );
    }
    return refuse(
      'unknown_format',
      'not a JPEG, PNG, WebP, AVIF or GIF image (judged by its content, not its name)',
    );
  }
  const end = END[format](bytes);
  if (end === null) return refuse('truncated', `the ${format.toUpperCase()} file is cut short`);
  if (end < bytes.length) {
    return refuse(
      'trailing_data',
      `${bytes.length - end} bytes follow the end of the ${format.toUpperCase()} image (a polyglot file?)`,
    );
  }
  if (MARKUP.test(new TextDecoder('latin1').decode(bytes))) {
    return refuse(
      'embedded_markup',
      `the ${format.toUpperCase()} file carries HTML or script markup (a polyglot file?)`,
    );
  }
  return { ok: true, format };
}
