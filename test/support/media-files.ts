/**
 * Images the media suites make for themselves with sharp (nothing downloaded, nothing checked
 * in): ordinary photos and graphics, and the hostile files an upload must refuse.
 */
import { deflateSync } from 'node:zlib';
import sharp from 'sharp';

/** A photo-like JPEG (noise compresses like a photo) carrying GPS coordinates and a camera make. */
export async function jpegWithGps(width = 3000, height = 2000, orientation?: number) {
  const img = sharp({
    create: {
      width,
      height,
      channels: 3,
      background: { r: 90, g: 120, b: 160 },
      noise: { type: 'gaussian', mean: 128, sigma: 40 },
    },
  })
    .jpeg({ quality: 85 })
    .withExif({
      IFD0: {
        Make: 'TestCam',
        Model: 'Field Reporter 1',
      },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '51/1 30/1 2610/100',
        GPSLongitudeRef: 'W',
        GPSLongitude: '0/1 7/1 3950/100',
      },
    });
  const jpeg = await img.toBuffer();
  // The orientation tag is written by sharp's own metadata option, EXIF (GPS) kept beside it.
  return orientation ? sharp(jpeg).keepExif().withMetadata({ orientation }).toBuffer() : jpeg;
}

export function pngWithAlpha(width = 900, height = 600) {
  return sharp({
    create: { width, height, channels: 4, background: { r: 200, g: 30, b: 60, alpha: 0.5 } },
  })
    .png()
    .toBuffer();
}

/** Four frames of 320×240 that differ, looping. */
export function animatedGif(width = 320, height = 240, frames = 4) {
  const raw = Buffer.alloc(width * height * frames * 4);
  for (let f = 0; f < frames; f++) {
    for (let i = 0; i < width * height; i++) {
      const o = (f * width * height + i) * 4;
      raw[o] = (f * 70) % 256;
      raw[o + 1] = 255 - ((f * 70) % 256);
      raw[o + 2] = i % 251;
      raw[o + 3] = 255;
    }
  }
  return sharp(raw, { raw: { width, height: height * frames, channels: 4, pageHeight: height } })
    .gif({ delay: Array(frames).fill(120), loop: 0 })
    .toBuffer();
}

export function cmykJpeg(width = 700, height = 500) {
  return sharp({ create: { width, height, channels: 3, background: { r: 0, g: 160, b: 80 } } })
    .toColourspace('cmyk')
    .jpeg()
    .toBuffer();
}

export function webp(width = 1000, height = 700) {
  return sharp({ create: { width, height, channels: 3, background: { r: 10, g: 90, b: 40 } } })
    .webp()
    .toBuffer();
}

export function avif(width = 800, height = 600) {
  return sharp({ create: { width, height, channels: 3, background: { r: 240, g: 200, b: 40 } } })
    .avif({ effort: 0 })
    .toBuffer();
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(bytes: Buffer): number {
  let c = 0xffffffff;
  for (const b of bytes) c = crcTable[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A decompression bomb: a valid, tiny PNG (a few hundred bytes of zlib) whose header declares
 * `side`×`side` pixels. Decoding it would need gigabytes.
 */
export function pngBomb(side = 100_000): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  // One row of zeros repeated compresses to almost nothing; only the first rows are given.
  const rows = deflateSync(Buffer.alloc((side + 1) * 64));
  return Buffer.concat([
    Buffer.from('\x89PNG\r\n\x1a\n', 'latin1'),
    chunk('IHDR', ihdr),
    chunk('IDAT', rows),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const svgWithScript = Buffer.from(
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">' +
    '<script>alert(document.cookie)</script><rect width="10" height="10"/></svg>',
);

/** A JPEG with an HTML page after its end marker: opens as an image and as a page. */
export async function jpegHtmlPolyglot(): Promise<Buffer> {
  const jpeg = await jpegWithGps(200, 150);
  return Buffer.concat([jpeg, Buffer.from('<html><body><script>alert(1)</script></body></html>')]);
}

/** A JPEG whose comment segment carries a script (valid structure end to end). */
export async function jpegWithScriptComment(): Promise<Buffer> {
  const jpeg = await jpegWithGps(200, 150);
  const text = Buffer.from('<script>alert(1)</script>');
  const com = Buffer.alloc(4);
  com[0] = 0xff;
  com[1] = 0xfe;
  com.writeUInt16BE(text.length + 2, 2);
  return Buffer.concat([jpeg.subarray(0, 2), com, text, jpeg.subarray(2)]);
}

/** A GIF with a ZIP archive appended (the "GIFAR" trick). */
export async function gifZipPolyglot(): Promise<Buffer> {
  const gif = await animatedGif(40, 30, 2);
  const zipHeader = Buffer.from('PK\x03\x04\x14\x00\x00\x00\x00\x00', 'latin1');
  return Buffer.concat([gif, zipHeader, Buffer.alloc(64, 1)]);
}
