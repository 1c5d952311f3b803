import { Hono, type Context as HonoContext } from 'hono';
import type { Child } from 'hono/jsx';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { FailureCode } from '../../domain/failures.js';
import type { AppDeps } from '../../app/deps.js';
import {
  authorArchive,
  homePage,
  termArchive,
  type ListingModel,
} from '../../app/site/listings.js';
import { articlePageAt } from '../../app/site/page-model.js';
import { keptThreads, type KeptThreads } from '../../app/site/kept-threads.js';
import { findArticleByPath } from '../../app/site/find-by-path.js';
import { findByOldLink } from '../../app/site/old-links.js';
import type { SiteSettings } from '../../app/site-settings.js';
import { archivePageHtml } from '../../render/theme/archive-page.js';
import { articleBodyHtml, newsArticleJsonLd } from '../../render/theme/article-page.js';
import { childHtml } from '../../render/theme/child-html.js';
import { errorPageHtml } from '../../render/theme/error-page.js';
import { showsDiscussion, staticPageLeadHtml } from '../../render/theme/static-page.js';
import { discussionParts } from '../../render/theme/discussion.js';
import { fediverseReactionsHtml } from '../../render/theme/fediverse-items.js';
import {
  keptDiscussionHtml,
  type KeptDiscussionHtml,
} from '../../render/theme/kept-discussion-html.js';
import { itemFragments, type ItemFragments } from '../../render/theme/item-fragments.js';
import { layoutEndHtml, type HeadLink } from '../../render/theme/layout.js';
import { shareImageMetaHtml } from '../../render/theme/media-figure.js';
import type { SiteContext } from '../../render/theme/site-context.js';
import type { ArticleLeadModel, ArticlePageModel } from '../../app/site/view-models.js';
import { relatedArticles, type RelatedStory } from '../../app/site/related.js';
import { CSS_HREF } from '../assets.js';
import { sendHtml, sendParts } from '../conditional.js';
import { statusFor } from '../errors.js';
import { cachePages, type CacheVariables, type PageCache } from '../page-cache.js';
import { DEFAULT_EDGE_POLICY, tagResponse, type EdgePolicy } from '../edge-cache.js';
import { articleKey, PATHS_KEY } from '../../domain/surrogate-keys.js';
import { joinParts } from '../page-parts.js';
import { renderPageHtml, renderPageParts } from '../render-page.js';
import { segmentParts, segmentsBytes, type Segment } from './page-assembly.js';
import type { ReaderFill, TokenSlots } from '../../app/comments/token-slots.js';
import { articleReaderExtras } from './article-extras.js';
import { keptSegments, type KeptSegments } from './kept-segments.js';
import { feedLinks, readerRoutes, type ReaderRouteOptions } from './reader-routes.js';

/** What other features add to an article page (comment form, linkback discovery). */
export interface ArticleDecoration {
  readonly headers?: ReadonlyArray<readonly [string, string]>;
  readonly links?: readonly HeadLink[];
  readonly extraHead?: Child;
  readonly commentForm?: Child;
  readonly trackbackUrl?: string;
  /** False when the decoration is per request (a form token, a reader's details). */
  readonly cacheable?: boolean;
}

export type ArticleDecorator = (input: {
  readonly model: ArticlePageModel;
  readonly settings: SiteSettings;
  readonly request: Request;
}) => ArticleDecoration | Promise<ArticleDecoration>;

export interface SiteDeps {
  readonly app: AppDeps;
  /** What every page shows of the site; reads the settings unless given them. */
  readonly site: (settings?: SiteSettings) => Promise<SiteContext>;
  readonly decorators: readonly ArticleDecorator[];
  readonly cache: PageCache | null;
  /** Fills the token and reader marks of comment forms (app/comments/token-slots.ts). */
  readonly slots?: Pick<TokenSlots, 'split' | 'mint'>;
  /** What the reader marks become for the reader of this request (their cookie), if anyone. */
  readonly readerFill?: (cookieHeader: string | undefined) => ReaderFill | null;
  /** Lifetimes at the edge and in browsers (web/edge-cache.ts); the defaults if unset. */
  readonly edge?: EdgePolicy;
  /** Feeds, sitemaps, oEmbed and search (web/site/reader-routes.tsx). */
  readonly reader?: ReaderRouteOptions;
}

type SiteEnv = { Variables: CacheVariables };

type Context = HonoContext<SiteEnv>;

function pageNumber(raw: string | undefined): number | null {
  if (raw === undefined) return 1;
  if (!/^[1-9]\d{0,5}$/.test(raw)) return null;
  return Number(raw);
}

/**
 * Each site app keeps its discussion items' markup (render/theme/item-fragments.ts) and its
 * articles' discussion sections (render/theme/kept-discussion-html.ts) between renders; keyed by
 * the app's deps so two apps in one process (tests) never share entries.
 */
interface RenderMemo {
  readonly fragments: ItemFragments;
  readonly discussions: KeptDiscussionHtml;
  readonly threads: KeptThreads;
  readonly segments: KeptSegments;
}

const memoOf = new WeakMap<SiteDeps, RenderMemo>();

function memoFor(deps: SiteDeps): RenderMemo {
  let m = memoOf.get(deps);
  if (!m) {
    const split = deps.slots?.split;
    m = {
      fragments: itemFragments(),
      discussions: keptDiscussionHtml(),
      threads: keptThreads(),
      segments: keptSegments({ hasMarks: (html) => split?.(html) != null }),
    };
    memoOf.set(deps, m);
  }
  return m;
}

/** Everything the part of an article page above its discussion is built from (kept-segments.ts). */
interface LeadInputs {
  readonly site: SiteContext;
  readonly lead: ArticleLeadModel;
  /** Related stories (null for a page, which shows none). */
  readonly related: readonly RelatedStory[] | null;
  /** What the decorators add to the head. */
  readonly links: readonly HeadLink[];
  readonly heads: readonly string[];
}

/** The document from its start to the end of the article (and its related stories). */
function leadHtml({ site, lead, related, links, heads }: LeadInputs): string {
  const reader = related ? articleReaderExtras(lead, site, related) : null;
  const { before } = renderPageParts(site, CSS_HREF, {
    title: lead.article.title,
    description: lead.article.excerpt,
    canonicalPath: lead.path,
    links: [...(reader?.links ?? []), ...links],
    ogType: reader ? 'article' : 'website',
    extraHeadHtml: reader
      ? reader.headHtml +
        (lead.featuredImage ? shareImageMetaHtml(lead.featuredImage.share) : '') +
        `<script type="application/ld+json">${newsArticleJsonLd(lead, site)}</script>` +
        heads.join('')
      : heads.join(''),
  });
  return (
    before + (reader ? articleBodyHtml(lead, site) + reader.relatedHtml : staticPageLeadHtml(lead))
  );
}

/** Renders an article page; used by GET and by form handlers that re-show it with errors. */
export async function renderArticle(
  deps: SiteDeps,
  c: Context,
  model: ArticlePageModel,
  settings: SiteSettings,
  status: ContentfulStatusCode = 200,
  override: Partial<ArticleDecoration> = {},
): Promise<Response> {
  const site = await deps.site(settings);
  const decorations = await Promise.all(
    deps.decorators.map((d) => d({ model, settings, request: c.req.raw })),
  );
  const merged: ArticleDecoration = Object.assign({}, ...decorations, override);
  if (decorations.some((d) => d.cacheable === false) || status !== 200) c.set('noCache', true);
  const { comments, linkbacks } = model.discussion.state;
  const closes = [comments, linkbacks].flatMap((g) =>
    g.open && g.closesAt ? [g.closesAt.getTime()] : [],
  );
  if (closes.length > 0) c.set('cacheUntil', Math.min(...closes));
  for (const d of decorations)
    for (const [k, v] of d.headers ?? []) c.header(k, v, { append: true });
  const isPage = model.article.kind === 'page';
  const [commentFormHtml, decorationHeads, related] = await Promise.all([
    childHtml(merged.commentForm),
    Promise.all(decorations.map((d) => childHtml(d.extraHead))),
    isPage ? null : relatedArticles(deps.app, model.article),
  ]);
  const { fragments, discussions, segments: keeps } = memoFor(deps);
  // The head and the article above the discussion: built again only when what it shows changed.
  const { discussion: _discussion, keys: _keys, ...lead } = model;
  const leadInputs: LeadInputs = {
    site,
    lead,
    related,
    links: decorations.flatMap((d) => d.links ?? []),
    heads: decorationHeads,
  };
  const segments: Segment[] = [keeps.get(`lead:${model.path}`, leadInputs, leadHtml)];
  if (!isPage || showsDiscussion(model)) {
    const kept = discussionParts(
      model.article.id,
      model.discussion,
      site.timezone,
      fragments,
      merged.trackbackUrl,
      discussions,
    );
    segments.push(
      kept.thread,
      fediverseReactionsHtml(model.discussion.fediverseReactions) + commentFormHtml,
      kept.tail,
    );
  }
  segments.push(keeps.get('layout-end', site, layoutEndHtml));
  // Split and encoded once: this response is joined from the parts the cache then keeps. The
  // kept discussion is joined as the bytes it was kept as.
  const parts = deps.slots ? segmentParts(segments, deps.slots.split) : null;
  tagResponse(c, deps.edge ?? DEFAULT_EDGE_POLICY, {
    kind: c.get('noCache') ? 'private' : parts ? 'form' : 'page',
    keys: model.keys,
    ...(closes.length > 0 ? { until: Math.min(...closes), now: deps.app.clock().getTime() } : {}),
  });
  if (!parts) return sendHtml(c, segmentsBytes(segments), status);
  c.set('cacheTemplate', parts);
  const fill = deps.readerFill?.(c.req.header('cookie')) ?? null;
  if (fill) c.set('personal', true);
  return sendParts(c, await joinParts(parts, deps.slots!.mint, fill), status);
}

export function siteApp(deps: SiteDeps): Hono<SiteEnv> {
  const app = new Hono<SiteEnv>();
  app.use(cachePages(deps.cache));
  // A link the site had before an import (WordPress's permalinks) moves with a 301 to its place now.
  app.use(async (c, next) => {
    await next();
    if (c.res.status !== 404 || (c.req.method !== 'GET' && c.req.method !== 'HEAD')) return;
    const url = new URL(c.req.url);
    const to = await findByOldLink(deps.app, `${url.pathname}${url.search}`);
    if (to) c.res = new Response(null, { status: 301, headers: { Location: to } });
  });
  const edge = deps.edge ?? DEFAULT_EDGE_POLICY;
  const redirect = (c: Context, location: string, articleId?: number) => {
    const keys = articleId === undefined ? [PATHS_KEY] : [PATHS_KEY, articleKey(articleId)];
    tagResponse(c, edge, { kind: 'error', keys });
    return c.redirect(location, 301);
  };

  const errorPage = async (
    c: Context,
    code: Extract<FailureCode, 'not_found' | 'gone'>,
    heading: string,
    message: string,
  ) => {
    const status = statusFor(code);
    const site = await deps.site();
    const html = renderPageHtml(
      site,
      CSS_HREF,
      { title: heading, description: message, canonicalPath: c.req.path, robots: 'noindex' },
      errorPageHtml({ status, heading, message }),
    );
    tagResponse(c, edge, { kind: 'error', keys: [PATHS_KEY] });
    // Encoded once: the same bytes are hashed for the ETag and sent.
    return sendHtml(c, Buffer.from(html, 'utf8'), status);
  };
  const notFound = (c: Context) =>
    errorPage(c, 'not_found', 'Page not found', 'We could not find the page you asked for.');
  readerRoutes(
    app,
    deps,
    notFound,
    (c) => errorPage(c, 'gone', 'This story was removed', 'This story is no longer available.'),
    deps.reader,
  );

  const renderListing = async (
    c: Context,
    model: ListingModel,
    heading: string | null,
    title: string,
    basePath: string,
    intro?: string,
  ) => {
    const site = await deps.site(model.settings);
    const hrefFor = (p: number) => (p === 1 ? basePath : `${basePath}page/${p}/`);
    const html = renderPageHtml(
      site,
      CSS_HREF,
      {
        title,
        description: intro || site.description || title,
        canonicalPath: hrefFor(model.page),
        links: [
          ...(basePath === '/' ? [] : feedLinks(basePath, title)),
          ...(model.page > 1 ? [{ rel: 'prev', href: hrefFor(model.page - 1) }] : []),
          ...(model.page < model.pageCount ? [{ rel: 'next', href: hrefFor(model.page + 1) }] : []),
        ],
      },
      archivePageHtml({
        heading,
        intro,
        stories: model.stories,
        page: model.page,
        pageCount: model.pageCount,
        hrefFor,
        timezone: site.timezone,
      }),
    );
    tagResponse(c, edge, { kind: 'list', keys: model.keys });
    return sendHtml(c, Buffer.from(html, 'utf8'));
  };

  const home = async (c: Context) => {
    const wpId = c.req.query('p') ?? c.req.query('page_id');
    if (wpId !== undefined && c.req.path === '/') {
      const to = await findByOldLink(deps.app, `/?${c.req.query('p') ? 'p' : 'page_id'}=${wpId}`);
      if (to) return c.redirect(to, 301);
    }
    const page = pageNumber(c.req.param('page'));
    const model = page && (await homePage(deps.app, page));
    if (!model) return notFound(c);
    const site = await deps.site(model.settings);
    return renderListing(c, model, page === 1 ? null : `Page ${page}`, site.title, '/');
  };
  app.get('/', home);
  app.get('/page/:page{[0-9]+}/', home);

  for (const kind of ['category', 'tag'] as const) {
    const handler = async (c: Context) => {
      const page = pageNumber(c.req.param('page'));
      const model = page && (await termArchive(deps.app, kind, c.req.param('slug') ?? '', page));
      if (!model) return notFound(c);
      const label = kind === 'category' ? 'Category' : 'Tag';
      return renderListing(
        c,
        model,
        `${label}: ${model.term.name}`,
        model.term.name,
        `/${kind}/${model.term.slug}/`,
        model.term.description || undefined,
      );
    };
    app.get(`/${kind}/:slug/`, handler);
    app.get(`/${kind}/:slug/page/:page{[0-9]+}/`, handler);
  }

  const author = async (c: Context) => {
    const page = pageNumber(c.req.param('page'));
    const model = page && (await authorArchive(deps.app, c.req.param('slug') ?? '', page));
    if (!model) return notFound(c);
    return renderListing(
      c,
      model,
      `Stories by ${model.author.name}`,
      model.author.name,
      `/author/${model.author.slug}/`,
      model.author.bio || undefined,
    );
  };
  app.get('/author/:slug/', author);
  app.get('/author/:slug/page/:page{[0-9]+}/', author);

  const tombstone = (c: Context, lookup: { title: string; articleKind: 'article' | 'page' }) =>
    errorPage(
      c,
      'gone',
      lookup.articleKind === 'page' ? 'This page was removed' : 'This story was removed',
      `“${lookup.title}” is no longer available.`,
    );

  const contentPage = async (c: Context) => {
    const lookup = await articlePageAt(
      deps.app,
      c.req.path,
      pageNumber(c.req.query('cpage')) ?? 1,
      memoFor(deps).threads,
    );
    switch (lookup.kind) {
      case 'redirect':
        return redirect(c, lookup.location);
      case 'gone':
        return tombstone(c, lookup);
      case 'not-found':
        return notFound(c);
      case 'article':
        return renderArticle(deps, c, lookup.model, lookup.settings);
    }
  };
  // Paths without the trailing slash, and old slugs, resolve through the same lookup.
  const withoutSlash = async (c: Context) => {
    const lookup = await findArticleByPath(deps.app, `${c.req.path}/`);
    if (lookup.kind === 'article') return redirect(c, lookup.path, lookup.article.id);
    if (lookup.kind === 'redirect') return redirect(c, lookup.location, lookup.article.id);
    if (lookup.kind === 'gone') return tombstone(c, lookup);
    return notFound(c);
  };
  app.get('/:year{[0-9]{4}}/:month{[0-9]{2}}/:slug/', contentPage);
  app.get('/:year{[0-9]{4}}/:month{[0-9]{2}}/:slug', withoutSlash);
  // Pages at /slug/, after every other route: the slugs the site's own routes use are reserved.
  app.get('/:slug{[a-z0-9-]+}/', contentPage);
  app.get('/:slug{[a-z0-9-]+}', withoutSlash);

  app.notFound(notFound);
  return app;
}
