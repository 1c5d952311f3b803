import { describe, expect, it } from 'vitest';
import { sniffImage } from './media-sniff.js';

const bytes = (...parts: (string | number[])[]) =>
  Uint8Array.from(
    parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : p)),
  );
const u32be = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const u32le = (n: number) => u32be(n).reverse();

describe('sniffing an upload by its bytes', () => {
  it('calls a zero-byte file empty', () => {
    expect(sniffImage(new Uint8Array(0))).toMatchObject({ ok: false, reason: 'empty' });
  });

  it('recognises SVG behind a byte-order mark, an XML declaration and a comment', () => {
    const svg = bytes('\u00ef\u00bb\u00bf<?xml version="1.0"?>\n<!-- x -->\n<svg xmlns="x"></svg>');
    expect(sniffImage(svg)).toMatchObject({ ok: false, reason: 'svg' });
  });

  it('refuses formats it does not accept (HEIC, BMP, text)', () => {
    const heic = bytes(u32be(24), 'ftypheic', u32be(0), 'mif1heic');
    for (const b of [heic, bytes('BM', [0, 0, 0, 0]), bytes('hello')]) {
      expect(sniffImage(b)).toMatchObject({ ok: false, reason: 'unknown_format' });
    }
  });

  it('accepts an AVIF whose boxes cover the file exactly, and refuses one with bytes after them', () => {
    const avif = bytes(u32be(20), 'ftypavif', u32be(0), 'mif1', u32be(8), 'mdat');
    expect(sniffImage(avif)).toEqual({ ok: true, format: 'avif' });
    expect(sniffImage(bytes([...avif], 'PK', [3, 4]))).toMatchObject({ ok: false });
  });

  it('refuses a WebP whose RIFF size runs past the end, or stops short of it', () => {
    const body = bytes('WEBPVP8 ', u32le(0));
    const ok = bytes('RIFF', u32le(body.length), [...body]);
    expect(sniffImage(ok)).toEqual({ ok: true, format: 'webp' });
    expect(sniffImage(bytes('RIFF', u32le(body.length + 10), [...body]))).toMatchObject({
      reason: 'truncated',
    });
    expect(sniffImage(bytes([...ok], '<?php echo 1; ?>'))).toMatchObject({
      reason: 'trailing_data',
    });
  });

  it('refuses a JPEG that stops inside a segment or never reaches its end marker', () => {
    expect(sniffImage(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16]))).toMatchObject({
      reason: 'truncated',
    });
    expect(sniffImage(bytes([0xff, 0xd8, 0xff, 0xda, 0, 2, 1, 2, 3]))).toMatchObject({
      reason: 'truncated',
    });
  });
});
