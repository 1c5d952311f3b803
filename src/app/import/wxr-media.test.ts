import { describe, expect, it } from 'vitest';
import type { MediaItem } from '../../domain/media.js';
import { UploadsMap, uploadsPathOf } from './wxr-media.js';
import type { WxrItem } from './wxr-records.js';

const item = (fields: Partial<WxrItem>): WxrItem =>
  ({ attachmentUrl: '', guid: '', meta: [], ...fields }) as WxrItem;

const media = (id: number, width: number, format: MediaItem['format'] = 'jpeg'): MediaItem =>
  ({
    id,
    hash: `${id}`.padStart(16, 'a'),
    width,
    height: width / 2,
    format,
    hasAlpha: false,
    animated: false,
  }) as MediaItem;

describe('uploadsPathOf', () => {
  it('prefers _wp_attached_file, then the path after wp-content/uploads, then a /YYYY/MM/ URL', () => {
    expect(
      uploadsPathOf(item({ meta: [{ key: '_wp_attached_file', value: '/2020/01/a.jpg' }] })),
    ).toBe('2020/01/a.jpg');
    expect(
      uploadsPathOf(
        item({ attachmentUrl: 'https://x.example/blog/wp-content/uploads/2020/01/my%20photo.jpg' }),
      ),
    ).toBe('2020/01/my photo.jpg');
    expect(
      uploadsPathOf(item({ attachmentUrl: 'https://site.files.wordpress.com/2008/06/dsc.jpg' })),
    ).toBe('2008/06/dsc.jpg');
    expect(uploadsPathOf(item({ attachmentUrl: 'https://x.example/images/a.jpg' }))).toBe('');
  });
});

describe('UploadsMap.rewrite', () => {
  const map = new UploadsMap();
  map.add(
    'https://old.example/wp-content/uploads/2020/01/photo-scaled.jpg',
    '2020/01/photo-scaled.jpg',
    media(1, 2048),
  );
  map.add(
    'https://old.example/wp-content/uploads/2020/01/a.png',
    '2020/01/a.png',
    media(2, 300, 'png'),
  );
  const h1 = '/media/aaaaaaaaaaaaaaa1';

  it('gives WordPress’s sizes of a scaled image our nearest wider variant', () => {
    const r = map.rewrite(
      '<img src="https://old.example/wp-content/uploads/2020/01/photo-1024x512.jpg?resize=1">',
    );
    expect(r.html).toBe(`<img src="${h1}/1280.jpg">`);
    expect(r.mediaIds).toEqual([1]);
  });

  it('rewrites srcset candidates with our widths, once each', () => {
    const r = map.rewrite(
      '<img srcset="http://old.example/wp-content/uploads/2020/01/photo-300x150.jpg 300w,//old.example/wp-content/uploads/2020/01/photo-310x155.jpg 310w, https://old.example/wp-content/uploads/2020/01/photo-scaled.jpg 2048w">',
    );
    expect(r.html).toBe(`<img srcset="${h1}/320.jpg 320w, ${h1}/2048.jpg 2048w">`);
  });

  it('leaves other sites, unknown files and text without links as they are', () => {
    const html =
      '<a href="https://elsewhere.example/wp-content/uploads/2020/01/a.png">x</a> <img src="https://old.example/wp-content/uploads/2020/01/b.png"> plain';
    expect(map.rewrite(html)).toEqual({ html, mediaIds: [] });
  });
});
