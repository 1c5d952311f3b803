import type { Context } from 'hono';
import type { FailureCode } from '../domain/failures.js';
import { ErrorPage } from '../render/theme/error-page.js';
import type { SiteContext } from '../render/theme/site-context.js';
import { CSS_HREF } from './assets.js';
import { statusFor } from './errors.js';
import { renderPage } from './render-page.js';

/** What every page shows of the site (its title, language, navigation). */
export type SiteContextSource = () => Promise<SiteContext>;

/**
 * A public error as the site's own HTML page: the theme's layout (doctype, `lang`, landmarks,
 * the stylesheet), a title, and the status from web/errors.ts. Never indexed, never cached.
 */
export async function errorPage(
  c: Context,
  site: SiteContextSource,
  code: FailureCode,
  heading: string,
  message: string,
): Promise<Response> {
  const status = statusFor(code);
  const html = await renderPage(
    await site(),
    CSS_HREF,
    { title: heading, description: message, canonicalPath: c.req.path, robots: 'noindex' },
    <ErrorPage status={status} heading={heading} message={message} />,
  );
  c.header('Cache-Control', 'no-store');
  return c.html(html, status);
}

/** The answer to a path no area serves (an unknown page, a stylesheet that does not exist). */
export const notFoundPage = (site: SiteContextSource) => (c: Context) =>
  errorPage(c, site, 'not_found', 'Page not found', 'We could not find the page you asked for.');
