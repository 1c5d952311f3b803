import type { Child } from 'hono/jsx';
import { Layout, type HeadLink } from '../render/theme/layout.js';
import type { SiteContext } from '../render/theme/site-context.js';

export interface PageOptions {
  readonly title: string;
  readonly description: string;
  readonly canonicalPath: string;
  readonly links?: readonly HeadLink[];
  readonly robots?: string;
  readonly extraHead?: Child;
  readonly ogType?: string;
  readonly searchQuery?: string;
}

/** Renders a full HTML document with the theme's layout. */
export async function renderPage(
  site: SiteContext,
  cssHref: string,
  opts: PageOptions,
  body: Child,
): Promise<string> {
  const doc = (
    <Layout
      site={site}
      title={opts.title}
      description={opts.description}
      canonical={`${site.url}${opts.canonicalPath}`}
      cssHref={cssHref}
      links={opts.links}
      robots={opts.robots}
      extraHead={opts.extraHead}
      ogType={opts.ogType}
      searchQuery={opts.searchQuery}
    >
      {body}
    </Layout>
  );
  return `<!doctype html>${await doc.toString()}`;
}
