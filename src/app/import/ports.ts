/** What the WordPress import and export need beyond the article, term, user and discussion stores. */
import type { Article, Term } from '../../domain/article.js';
import type { ArticleFields, NewRevision } from '../articles/ports.js';
import type { NewDiscussionItem } from '../discussion/ports.js';
import type { DiscussionItem } from '../../domain/discussion-item.js';
import type { TrustedHtml } from '../../domain/trusted-html.js';
import type { Failure } from '../../domain/failures.js';
import type { MediaItem } from '../../domain/media.js';
import type { Result } from '../../domain/result.js';

/** The kinds of record an import maps, one namespace of source ids each. */
export type ImportKind = 'user' | 'term' | 'post' | 'comment' | 'attachment';

export interface ImportMapEntry {
  /** The source site (its base URL, normalised), so two sites' post 1 never collide. */
  readonly source: string;
  readonly kind: ImportKind;
  readonly sourceId: string;
  readonly targetId: number;
  /** What the import noted (sticky, password-protected, WordPress's own status). */
  readonly note?: Readonly<Record<string, unknown>>;
}

/** A file WordPress kept in its media library, as the export names it. */
export interface AttachmentReference {
  readonly source: string;
  readonly wpPostId: string;
  /** Our article the attachment was uploaded to (its WordPress parent), if imported. */
  readonly articleId: number | null;
  readonly url: string;
  /** `_wp_attached_file`: the path under wp-content/uploads. */
  readonly file: string;
  readonly title: string;
  readonly alt: string;
  readonly caption: string;
  readonly mediaId: number | null;
  readonly mediaUrl: string | null;
}

/** A row of a batch with the instant it is stamped with (created_at, and updated_at). */
export interface Stamped<T> {
  readonly row: T;
  readonly at: Date;
}

export interface ImportRepository {
  /**
   * The batch writes: one statement per table for many rows (an import writes hundreds of
   * thousands of rows; one statement each was most of its time).
   */
  /** Which of these article slugs are taken. */
  slugsTaken(slugs: readonly string[]): Promise<Set<string>>;
  /** Inserts the articles (slugs unique among them), each with its author as the only byline; in order. */
  insertArticles(articles: readonly Stamped<ArticleFields>[]): Promise<Article[]>;
  attachTerms(pairs: readonly { articleId: number; termId: number }[]): Promise<void>;
  addRevisions(revisions: readonly Stamped<NewRevision>[]): Promise<void>;
  /** Old paths that answer 301 to the article; when two name the same path, the last wins. */
  recordOldPaths(paths: readonly { articleId: number; path: string }[], now: Date): Promise<void>;
  /** addOutbound for many articles at once. */
  addOutboundMany(
    entries: readonly { articleId: number; targetUrls: readonly string[] }[],
    now: Date,
  ): Promise<void>;
  /** Inserts the items; their new ids in the same order. Parents must already exist. */
  insertDiscussion(items: readonly Stamped<NewDiscussionItem>[]): Promise<number[]>;
  /** The linkbacks these articles hold: article id → source key → item id. */
  linkbackSources(articleIds: readonly number[]): Promise<Map<number, Map<string, number>>>;
  /** Which of these source ids are already imported, and as what. */
  mapped(source: string, kind: ImportKind, ids: readonly string[]): Promise<Map<string, number>>;
  record(entries: readonly ImportMapEntry[], now: Date): Promise<void>;
  /** Files a term under a parent declared after it. */
  setTermParent(termId: number, parentId: number): Promise<void>;
  /** Marks these links of the article as already notified, so they are never pinged again. */
  addOutbound(articleId: number, targetUrls: readonly string[], now: Date): Promise<void>;
  addAttachment(ref: AttachmentReference, now: Date): Promise<number>;
  /** Names the library item of a reference recorded without one (a run without --uploads). */
  setAttachmentMedia(
    source: string,
    wpPostId: string,
    mediaId: number,
    mediaUrl: string,
  ): Promise<void>;
  /** The import's notes for these articles (sticky, password, status), by article id. */
  notesFor(articleIds: readonly number[]): Promise<Map<number, Record<string, unknown>>>;
  /** The outbound ledger's target URLs for these articles. */
  outboundFor(articleIds: readonly number[]): Promise<Map<number, string[]>>;
  /** For the export: articles and pages not in the trash, by id, after `afterId`. */
  articlesAfter(afterId: number, limit: number): Promise<Article[]>;
  /** Every category and tag. */
  allTerms(): Promise<Term[]>;
  /** Each article's term ids. */
  termIdsFor(articleIds: readonly number[]): Promise<Map<number, number[]>>;
  /** Every discussion item of these articles, whatever its status (deleted ones excepted). */
  discussionFor(articleIds: readonly number[]): Promise<Map<number, DiscussionItem[]>>;
}

/**
 * Takes an uploaded file's bytes into the media library (its variants made) and answers the
 * library item, or why it was refused (not an image, too large, corrupt). The media library
 * implements it (src/app/media/import-media.ts); the import only calls it with `--uploads DIR`,
 * never with anything fetched from the network. It runs its own transaction: the import calls
 * it between its batches, never inside one.
 */
export interface MediaImporter {
  importFile(input: {
    readonly bytes: Uint8Array;
    readonly name: string;
    readonly alt: string;
    readonly caption: string;
  }): Promise<Result<{ readonly item: MediaItem; readonly duplicate: boolean }, Failure>>;
}

export type UploadsRead =
  | { readonly ok: true; readonly bytes: Uint8Array }
  /** `reason` groups refusals in the summary (`is missing`); `detail` is this file's. */
  | { readonly ok: false; readonly reason: string; readonly detail?: string };

/** A local copy of `wp-content/uploads` (src/adapters/uploads-folder.ts). */
export interface UploadsFolder {
  /** The file at this path below the folder; refused when it resolves outside, or is missing. */
  read(file: string): Promise<UploadsRead>;
}

/** Imported comment bodies: WordPress's HTML, kept to the allowlist visitors' comments have. */
export interface ImportMarkup {
  commentHtml(html: string): TrustedHtml;
}

/**
 * Where the check pass keeps the records it read, so the writing pass reads them back instead of
 * parsing the file a second time. Used once: written in order, read back once, then disposed.
 */
export interface RecordSpool<T> {
  write(record: T): Promise<void>;
  /** After the last write: the records in the order they were written. */
  read(): AsyncIterable<T>;
  /** Removes what the spool kept (also when it was never read). */
  dispose(): Promise<void>;
}
