import { createHash } from 'node:crypto';
import { Hono } from 'hono';
import { SITE_CSS } from '../render/theme/site-css.js';
import { defaultLogoPng } from './logo.js';

const LOGO = defaultLogoPng();

const cssHash = createHash('sha256').update(SITE_CSS).digest('hex').slice(0, 12);

/** The stylesheet's URL carries its hash, so it can be cached for a year. */
export const CSS_HREF = `/assets/site.${cssHash}.css`;

export function assetsApp(): Hono {
  const app = new Hono();
  app.get(`/site.${cssHash}.css`, (c) => {
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    c.header('Content-Type', 'text/css; charset=utf-8');
    return c.body(SITE_CSS);
  });
  app.get('/logo.png', (c) => {
    c.header('Cache-Control', 'public, max-age=86400');
    c.header('Content-Type', 'image/png');
    return c.body(new Uint8Array(LOGO));
  });
  return app;
}
