/**
 * The CPU-heavy part of importing a post, as a pure function of its text: the body's Markdown
 * source and sanitised HTML, its plain text (for the excerpt and the search entry), the title as
 * text, and each comment's sanitised HTML. Kept apart from the writing so that it can run on
 * another thread (src/adapters/wxr-body-workers.ts) while the database takes the previous batch;
 * with no such pool it runs inline (inlineBodies), with the same results.
 */
import type { TrustedHtml } from '../../domain/trusted-html.js';
import { htmlToText as htmlToPlainText } from '../../linkback/index.js';
import { excerptOfText } from '../articles/excerpt.js';
import type { Markup } from '../ports.js';
import { BODY_SOURCE_META, COMMENT_HTML_META } from './export-wxr.js';
import { htmlToText } from './html-text.js';
import type { ImportMarkup } from './ports.js';
import { wpautop } from './wpautop.js';
import type { WxrItem } from './wxr-records.js';

/** What one post needs converted: plain data, so it can be posted to a worker. */
export interface BodyJob {
  /** The body as the file has it (image URLs already rewritten for `--uploads`). */
  readonly content: string;
  /** A Newsdesk export's own Markdown source, which comes back exactly; else null. */
  readonly ownSource: string | null;
  readonly title: string;
  readonly excerpt: string;
  /** Whether the article will be published (then its text is needed for the search entry). */
  readonly published: boolean;
  readonly comments: readonly { readonly content: string; readonly keepHtml: boolean }[];
}

export interface BodyResult {
  readonly bodySource: string;
  readonly bodyHtml: TrustedHtml;
  /** The body's plain text, when the excerpt or the search entry needs it. */
  readonly bodyText: string | undefined;
  readonly title: string;
  readonly excerpt: string;
  /** Each comment's HTML, in the job's order. */
  readonly comments: readonly TrustedHtml[];
}

/** Converts batches of jobs, results in the jobs' order (a worker pool, or inline). */
export interface BodyPreparer {
  /**
   * True when the work happens off this thread, so converting the next batch while this one is
   * written pays; inline, it would only hold two batches in memory at once.
   */
  readonly ahead: boolean;
  prepare(jobs: readonly BodyJob[]): Promise<BodyResult[]>;
  close(): Promise<void>;
}

export interface BodyMarkup {
  readonly article: Markup['article'];
  readonly commentHtml: ImportMarkup['commentHtml'];
}

/** A post's job from its record and its (possibly rewritten) content. */
export function bodyJob(item: WxrItem, content: string, published: boolean): BodyJob {
  return {
    content,
    ownSource: item.meta.find((m) => m.key === BODY_SOURCE_META)?.value ?? null,
    title: item.title,
    excerpt: item.excerpt,
    published,
    comments: item.comments.map((c) => ({
      content: c.content,
      keepHtml: c.meta.some((m) => m.key === COMMENT_HTML_META),
    })),
  };
}

export function prepareBody(job: BodyJob, markup: BodyMarkup): BodyResult {
  const bodySource = job.ownSource ?? wpautop(job.content);
  const bodyHtml = markup.article(bodySource);
  // The body's text, once: the excerpt (makeExcerpt's crop) and the search entry share it.
  const given = htmlToText(job.excerpt).slice(0, 1000);
  const bodyText = !given || job.published ? htmlToPlainText(bodyHtml) : undefined;
  return {
    bodySource,
    bodyHtml,
    bodyText,
    title: (htmlToText(job.title) || '(no title)').slice(0, 300),
    excerpt: given || excerptOfText(bodyText ?? ''),
    comments: job.comments.map((c) =>
      markup.commentHtml(c.keepHtml ? c.content : wpautop(c.content)),
    ),
  };
}

/** Bodies converted on this thread, as the pool would. */
export function inlineBodies(markup: BodyMarkup): BodyPreparer {
  return {
    ahead: false,
    prepare: (jobs) => Promise.resolve(jobs.map((job) => prepareBody(job, markup))),
    close: () => Promise.resolve(),
  };
}
