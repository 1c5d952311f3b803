/**
 * `newsdesk export wxr`: the site as a WordPress export (WXR 1.2), in the element layout
 * WordPress's own exporter writes and its importer reads: authors, categories (parents first,
 * named by slug), tags, then every article and page with its terms, postmeta and whole
 * discussion (comments threaded by wp:comment_parent, pingbacks and trackbacks by type, every
 * moderation status). Written as it is read, a page of articles at a time.
 *
 * Bodies go out as the HTML readers see (what WordPress shows as is); the Markdown source rides
 * along in the `_newsdesk_body_source` postmeta, so importing the file back into Newsdesk gives
 * the very same articles.
 */
import type { Article, Author, Term } from '../../domain/article.js';
import type { DiscussionItem } from '../../domain/discussion-item.js';
import { articleUrl } from '../articles/create-article.js';
import type { AppDeps } from '../deps.js';
import { formatWpDate } from './wp-dates.js';

/** The postmeta that carries an article's own source through WordPress and back. */
export const BODY_SOURCE_META = '_newsdesk_body_source';
export const STANDFIRST_META = '_newsdesk_standfirst';
/** Commentmeta saying the content is already our stored HTML (no paragraphs to add). */
export const COMMENT_HTML_META = '_newsdesk_content_html';

/** Characters XML 1.0 cannot carry at all (controls, non-characters, lone surrogates). */
const NOT_XML =
  // eslint-disable-next-line no-control-regex -- the control characters are the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text as CDATA, as WordPress's wxr_cdata() writes it (a `]]>` inside is split). */
export function cdata(text: string): string {
  return `<![CDATA[${text.replace(NOT_XML, '').replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

export function xmlText(text: string): string {
  return text
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

/** Our excerpts are plain text; WordPress's are HTML. */
const htmlEscape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const WP_STATUS: Readonly<Record<Article['status'], string>> = {
  published: 'publish',
  scheduled: 'future',
  draft: 'draft',
};

const APPROVED: Readonly<Record<string, string>> = {
  approved: '1',
  pending: '0',
  spam: 'spam',
  trash: 'trash',
};

function commentType(item: DiscussionItem): string {
  if (item.kind === 'comment') return 'comment';
  // A fediverse reply exports as a comment by its actor (WordPress has no type for it).
  if (item.kind === 'fediverse') return 'comment';
  return item.protocol === 'webmention' ? 'webmention' : (item.protocol ?? 'pingback');
}

/** Categories with every parent before its children (WordPress's importer needs them so). */
function parentsFirst(terms: readonly Term[]): Term[] {
  const out: Term[] = [];
  const placed = new Set<number>();
  const byId = new Map(terms.map((t) => [t.id, t]));
  const place = (t: Term, seen: Set<number>) => {
    if (placed.has(t.id) || seen.has(t.id)) return;
    seen.add(t.id);
    const parent = t.parentId !== null ? byId.get(t.parentId) : undefined;
    if (parent) place(parent, seen);
    placed.add(t.id);
    out.push(t);
  };
  for (const t of terms) place(t, new Set());
  return out;
}

export interface ExportWxrOptions {
  /** Receives the file in pieces; awaited, so a slow disk slows the export, not memory. */
  readonly write: (chunk: string) => Promise<void> | void;
  readonly siteTitle: string;
  readonly pageSize?: number;
}

export interface ExportSummary {
  readonly authors: number;
  readonly categories: number;
  readonly tags: number;
  readonly articles: number;
  readonly pages: number;
  readonly comments: number;
}

export async function exportWxr(
  deps: Pick<AppDeps, 'repos' | 'clock' | 'siteUrl' | 'timezone'>,
  opts: ExportWxrOptions,
): Promise<ExportSummary> {
  const { repos } = deps;
  const w = opts.write;
  const tz = deps.timezone;
  const pageSize = opts.pageSize ?? 200;
  const summary = { authors: 0, categories: 0, tags: 0, articles: 0, pages: 0, comments: 0 };

  await w(`<?xml version="1.0" encoding="UTF-8" ?>
<!-- A WordPress eXtended RSS (WXR) 1.2 export written by Newsdesk. -->
<rss version="2.0"
\txmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
\txmlns:content="http://purl.org/rss/1.0/modules/content/"
\txmlns:wfw="http://wellformedweb.org/CommentAPI/"
\txmlns:dc="http://purl.org/dc/elements/1.1/"
\txmlns:wp="http://wordpress.org/export/1.2/"
>
<channel>
\t<title>${xmlText(opts.siteTitle)}</title>
\t<link>${xmlText(deps.siteUrl)}</link>
\t<description></description>
\t<pubDate>${deps.clock().toUTCString().replace('GMT', '+0000')}</pubDate>
\t<language>en</language>
\t<wp:wxr_version>1.2</wp:wxr_version>
\t<wp:base_site_url>${xmlText(deps.siteUrl)}</wp:base_site_url>
\t<wp:base_blog_url>${xmlText(deps.siteUrl)}</wp:base_blog_url>
`);

  // Authors: every byline of an exported article. Collected in a first, light pass over ids.
  const authorIds = new Set<number>();
  for (let after = 0; ;) {
    const page = await repos.imports.articlesAfter(after, 1000);
    if (page.length === 0) break;
    const bylines = await repos.articles.bylines(page.map((a) => a.id));
    for (const a of page) for (const id of bylines.get(a.id) ?? [a.authorId]) authorIds.add(id);
    after = page[page.length - 1]?.id ?? after;
  }
  const authors = new Map<number, Author>();
  for (const u of await repos.users.findByIds([...authorIds])) authors.set(u.id, u);
  for (const u of authors.values()) {
    summary.authors++;
    await w(
      `\t<wp:author><wp:author_id>${u.id}</wp:author_id><wp:author_login>${cdata(u.slug)}</wp:author_login><wp:author_email>${cdata(u.email)}</wp:author_email><wp:author_display_name>${cdata(u.name)}</wp:author_display_name><wp:author_first_name>${cdata('')}</wp:author_first_name><wp:author_last_name>${cdata('')}</wp:author_last_name></wp:author>\n`,
    );
  }

  const terms = await repos.imports.allTerms();
  const termById = new Map(terms.map((t) => [t.id, t]));
  for (const t of parentsFirst(terms.filter((t) => t.kind === 'category'))) {
    summary.categories++;
    const parent = t.parentId !== null ? (termById.get(t.parentId)?.slug ?? '') : '';
    await w(
      `\t<wp:category><wp:term_id>${t.id}</wp:term_id><wp:category_nicename>${cdata(t.slug)}</wp:category_nicename><wp:category_parent>${cdata(parent)}</wp:category_parent><wp:cat_name>${cdata(t.name)}</wp:cat_name>${t.description ? `<wp:category_description>${cdata(t.description)}</wp:category_description>` : ''}</wp:category>\n`,
    );
  }
  for (const t of terms.filter((t) => t.kind === 'tag')) {
    summary.tags++;
    await w(
      `\t<wp:tag><wp:term_id>${t.id}</wp:term_id><wp:tag_slug>${cdata(t.slug)}</wp:tag_slug><wp:tag_name>${cdata(t.name)}</wp:tag_name>${t.description ? `<wp:tag_description>${cdata(t.description)}</wp:tag_description>` : ''}</wp:tag>\n`,
    );
  }
  await w(`\t<generator>Newsdesk</generator>\n`);

  for (let after = 0; ;) {
    const page = await repos.imports.articlesAfter(after, pageSize);
    if (page.length === 0) break;
    after = page[page.length - 1]?.id ?? after;
    const ids = page.map((a) => a.id);
    const [termIds, discussion, notes] = await Promise.all([
      repos.imports.termIdsFor(ids),
      repos.imports.discussionFor(ids),
      repos.imports.notesFor(ids),
    ]);
    for (const a of page) {
      summary[a.kind === 'page' ? 'pages' : 'articles']++;
      const author = authors.get(a.authorId);
      const date = a.publishedAt ?? a.createdAt;
      const items = discussion.get(a.id) ?? [];
      const sticky = notes.get(a.id)?.sticky === true;
      let xml = `\t<item>
\t\t<title>${cdata(a.title)}</title>
\t\t<link>${xmlText(articleUrl(deps, a))}</link>
\t\t<pubDate>${date.toUTCString().replace('GMT', '+0000')}</pubDate>
\t\t<dc:creator>${cdata(author?.slug ?? '')}</dc:creator>
\t\t<guid isPermaLink="false">${xmlText(`${deps.siteUrl}/?p=${a.id}`)}</guid>
\t\t<description></description>
\t\t<content:encoded>${cdata(a.bodyHtml)}</content:encoded>
\t\t<excerpt:encoded>${cdata(htmlEscape(a.excerpt))}</excerpt:encoded>
\t\t<wp:post_id>${a.id}</wp:post_id>
\t\t<wp:post_date>${cdata(formatWpDate(date, tz))}</wp:post_date>
\t\t<wp:post_date_gmt>${cdata(formatWpDate(date))}</wp:post_date_gmt>
\t\t<wp:post_modified>${cdata(formatWpDate(a.updatedAt, tz))}</wp:post_modified>
\t\t<wp:post_modified_gmt>${cdata(formatWpDate(a.updatedAt))}</wp:post_modified_gmt>
\t\t<wp:comment_status>${cdata(a.comments.open ? 'open' : 'closed')}</wp:comment_status>
\t\t<wp:ping_status>${cdata(a.linkbacks.open ? 'open' : 'closed')}</wp:ping_status>
\t\t<wp:post_name>${cdata(a.slug)}</wp:post_name>
\t\t<wp:status>${cdata(WP_STATUS[a.status])}</wp:status>
\t\t<wp:post_parent>0</wp:post_parent>
\t\t<wp:menu_order>0</wp:menu_order>
\t\t<wp:post_type>${cdata(a.kind === 'page' ? 'page' : 'post')}</wp:post_type>
\t\t<wp:post_password>${cdata('')}</wp:post_password>
\t\t<wp:is_sticky>${sticky ? 1 : 0}</wp:is_sticky>
`;
      for (const id of termIds.get(a.id) ?? []) {
        const t = termById.get(id);
        if (!t) continue;
        xml += `\t\t<category domain="${t.kind === 'category' ? 'category' : 'post_tag'}" nicename="${xmlText(t.slug)}">${cdata(t.name)}</category>\n`;
      }
      xml += `\t\t<wp:postmeta><wp:meta_key>${cdata(BODY_SOURCE_META)}</wp:meta_key><wp:meta_value>${cdata(a.bodySource)}</wp:meta_value></wp:postmeta>\n`;
      if (a.standfirst) {
        xml += `\t\t<wp:postmeta><wp:meta_key>${cdata(STANDFIRST_META)}</wp:meta_key><wp:meta_value>${cdata(a.standfirst)}</wp:meta_value></wp:postmeta>\n`;
      }
      for (const c of items) {
        const approved = APPROVED[c.status];
        if (approved === undefined) continue;
        summary.comments++;
        xml += `\t\t<wp:comment>
\t\t\t<wp:comment_id>${c.id}</wp:comment_id>
\t\t\t<wp:comment_author>${cdata(c.authorName)}</wp:comment_author>
\t\t\t<wp:comment_author_email>${cdata(c.authorEmail ?? '')}</wp:comment_author_email>
\t\t\t<wp:comment_author_url>${xmlText(c.kind === 'linkback' ? (c.sourceUrl ?? c.authorUrl ?? '') : (c.authorUrl ?? ''))}</wp:comment_author_url>
\t\t\t<wp:comment_author_IP>${cdata(c.authorIp ?? '')}</wp:comment_author_IP>
\t\t\t<wp:comment_date>${cdata(formatWpDate(c.createdAt, tz))}</wp:comment_date>
\t\t\t<wp:comment_date_gmt>${cdata(formatWpDate(c.createdAt))}</wp:comment_date_gmt>
\t\t\t<wp:comment_content>${cdata(c.contentHtml)}</wp:comment_content>
\t\t\t<wp:comment_approved>${cdata(approved)}</wp:comment_approved>
\t\t\t<wp:comment_type>${cdata(commentType(c))}</wp:comment_type>
\t\t\t<wp:comment_parent>${c.parentId ?? 0}</wp:comment_parent>
\t\t\t<wp:comment_user_id>0</wp:comment_user_id>
\t\t\t<wp:commentmeta><wp:meta_key>${cdata(COMMENT_HTML_META)}</wp:meta_key><wp:meta_value>${cdata('1')}</wp:meta_value></wp:commentmeta>
\t\t</wp:comment>
`;
      }
      xml += `\t</item>\n`;
      await w(xml);
    }
  }
  await w(`</channel>\n</rss>\n`);
  return summary;
}
