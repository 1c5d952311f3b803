/**
 * The media rows of `npm run bench` (BENCH_ONLY=media): what making the variant ladder costs
 * per megapixel against one plain resize of the same photo, and an article page's throughput
 * with a featured image against its twin without one, both measured in the same run.
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { sharpImages } from '../src/adapters/sharp-images.js';
import { ORIGINAL_MAX_SIDE, variantPlan } from '../src/domain/media.js';
import type { Row } from './table.js';
import { ms } from './table.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A 12-megapixel photo-like JPEG (noise compresses like a photograph). */
export function benchPhoto(width = 4000, height = 3000): Promise<Buffer> {
  return sharp({
    create: {
      width,
      height,
      channels: 3,
      background: { r: 90, g: 120, b: 160 },
      noise: { type: 'gaussian', mean: 128, sigma: 30 },
    },
  })
    .jpeg({ quality: 88 })
    .toBuffer();
}

/**
 * The whole pipeline an upload goes through (the capped original, then every variant: AVIF,
 * WebP and JPEG at each width), in ms per source megapixel, against one decode + resize to
 * 1280 px + JPEG encode of the same file. Median of three runs each.
 */
export async function variantRow(log: (line: string) => void): Promise<Row> {
  const photo = await benchPhoto();
  const images = sharpImages();
  const probe = await images.probe(photo);
  if (!probe) throw new Error('bench photo: no header');
  const mp = (probe.width * probe.height) / 1e6;
  const plain: number[] = [];
  const ladder: number[] = [];
  let count = 0;
  for (let run = 0; run < 3; run++) {
    let t = performance.now();
    await sharp(photo).resize({ width: 1280 }).jpeg({ quality: 80 }).toBuffer();
    plain.push(performance.now() - t);
    t = performance.now();
    const original = await images.normalise(photo, probe, {
      maxSide: ORIGINAL_MAX_SIDE,
      maxPixels: 100e6,
    });
    const plan = variantPlan({
      hash: '0'.repeat(16),
      format: 'jpeg',
      width: original.width,
      height: original.height,
      hasAlpha: false,
      animated: false,
    }).filter((v) => v.width !== original.width || v.format !== 'jpeg');
    for (const v of plan)
      await images.variant(original.bytes, { format: 'jpeg', animated: false }, v.width, v.format);
    count = plan.length + 1;
    ladder.push(performance.now() - t);
  }
  const perMp = median(ladder) / mp;
  const basePerMp = median(plain) / mp;
  log(
    `media: ${count} files from a ${mp.toFixed(0)} MP JPEG in ${ms(median(ladder))} (${perMp.toFixed(0)} ms/MP); one 1280 px JPEG: ${ms(median(plain))}`,
  );
  return {
    name: `media: variants per megapixel (${count} files: AVIF, WebP, JPEG)`,
    target: '≤1,000 ms per MP (one core busy)',
    baseline: `one 1280 px JPEG resize: ${basePerMp.toFixed(0)} ms/MP`,
    value: `${perMp.toFixed(0)} ms/MP`,
    ratio: perMp / basePerMp,
    p99Ms: null,
    cpuMs: null,
    met: perMp <= 1000,
    note: `${mp.toFixed(0)} MP source, ${ms(median(ladder))} in all`,
  };
}

/**
 * Adds the bench photo to a copy of the small set and creates two identical articles, one with
 * it as the featured image, through the real CLI. Returns their paths.
 */
export async function featuredArticles(
  database: string,
  scratch: string,
): Promise<{ readonly withImage: string; readonly without: string }> {
  const photoFile = join(scratch, 'bench-photo.jpg');
  writeFileSync(photoFile, await benchPhoto(3000, 2000));
  const body = join(scratch, 'bench-body.md');
  writeFileSync(
    body,
    Array.from({ length: 8 }, (_, i) => `Paragraph ${i + 1} of the story, in plain words.`).join(
      '\n\n',
    ),
  );
  const env = { ...process.env, NEWSDESK_DATABASE_URL: database, NEWSDESK_LOG_LEVEL: 'warn' };
  const cli = (args: string[]) => execFileSync('bin/newsdesk.js', args, { env, encoding: 'utf8' });
  const added = cli(['media', 'add', photoFile, '--alt', 'A bench photo', '--credit', 'Bench']);
  const id = /^media (\d+)/m.exec(added)?.[1];
  if (!id) throw new Error(`media add printed: ${added}`);
  const create = (title: string, extra: string[]) => {
    const out = cli([
      'article',
      'create',
      '--title',
      title,
      '--body-file',
      body,
      '--author',
      'author1@example.org',
      '--publish',
      '--comments',
      'closed',
      ...extra,
    ]);
    return new URL(out.trim().split('\n').pop()!).pathname;
  };
  return {
    withImage: create('Bench story with a picture', ['--featured-image', id]),
    without: create('Bench story without a picture', []),
  };
}
