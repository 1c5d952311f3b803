/**
 * `newsdesk import wxr`: a WordPress export into Newsdesk, keeping the whole discussion.
 *
 * Two streaming passes. The first parses the whole file and writes nothing to the database: a
 * file that is not XML, truncated, badly encoded, hostile or over a limit is refused before the
 * database is touched, and the counts it makes drive the progress report. It keeps the records
 * it parsed in a spool (deps.openSpool), so the second pass reads them back instead of parsing
 * the XML again (without a spool it parses the file again). The second writes, a batch of
 * items per transaction, each post together with its comments, its redirects and the import
 * map rows that say it is done: an import killed halfway leaves whole posts only, and running
 * it again skips what the map holds (and adds comments a newer export has gained).
 *
 * Imports never notify anyone: articles are written with linkbacks_send off, no article event
 * is emitted (so no subscriber can send or federate), and every link a published post holds goes
 * into the outbound ledger as `imported`. Nothing is fetched.
 */
import type { Article, ArticleKind, Term, TermKind } from '../../domain/article.js';
import { mediaPath, originalKey, type MediaItem } from '../../domain/media.js';
import { failure, type Failure } from '../../domain/failures.js';
import { err, ok, type Result } from '../../domain/result.js';
import { normalizeSourceUrl } from '../../linkback/index.js';
import { articlePath, articleUrl, PUBLISH_TASK } from '../articles/create-article.js';
import { searchable, searchDocument } from '../search/document.js';
import { RESERVED_PAGE_SLUGS } from '../articles/slugs.js';
import type { ArticleFields, NewRevision } from '../articles/ports.js';
import type { SearchDocument } from '../search/ports.js';
import type { NewDiscussionItem } from '../discussion/ports.js';
import { slugify } from '../../domain/slug.js';
import { snapshotOf } from '../articles/snapshot.js';
import { excerptOfText } from '../articles/excerpt.js';
import type { AppDeps } from '../deps.js';
import type { JobRequest, Repositories } from '../ports.js';
import { loadSiteSettings } from '../site-settings.js';
import { oldLinkPath } from '../site/old-links.js';
import { STANDFIRST_META } from './export-wxr.js';
import { htmlToText } from './html-text.js';
import {
  importUploads,
  pendingUpload,
  type PendingUpload,
  type UploadsOutcome,
} from './import-uploads.js';
import type {
  ImportMapEntry,
  ImportMarkup,
  MediaImporter,
  RecordSpool,
  Stamped,
  UploadsFolder,
} from './ports.js';
import { wpDate } from './wp-dates.js';
import { attachmentText, uploadsPathOf } from './wxr-media.js';
import { bodyJob, inlineBodies, type BodyPreparer, type BodyResult } from './wxr-bodies.js';
import {
  articleKindOf,
  commentKey,
  commentShape,
  externalLinks,
  itemKey,
  moderationOf,
  parentsFirst,
  skipReason,
  slugFrom,
  sourceOf,
  statusOf,
  switchOf,
} from './wxr-mapping.js';
import { DEFAULT_WXR_LIMITS, readWxr, WxrFormatError, type WxrLimits } from './wxr-reader.js';
import type {
  WxrAuthor,
  WxrChannel,
  WxrComment,
  WxrItem,
  WxrRecord,
  WxrTerm,
} from './wxr-records.js';
import type { TrustedHtml } from '../../domain/trusted-html.js';

export interface ImportWxrDeps extends AppDeps {
  readonly importMarkup: ImportMarkup;
  /** The media library, for `--uploads`; null when this build has none wired. */
  readonly media: MediaImporter | null;
  /** Opens `--uploads DIR` (src/adapters/uploads-folder.ts); needed with `uploadsDir`. */
  readonly openUploads?: ((dir: string) => Promise<UploadsFolder>) | null;
  /**
   * A place for the check pass to keep what it parsed, so the writing pass does not parse the
   * file again (parsing is most of a large import's time); without one the file is read twice.
   */
  readonly openSpool?: (() => Promise<RecordSpool<WxrRecord>>) | null;
  /**
   * Where bodies and comments are converted (Markdown, sanitising, text): worker threads
   * (src/adapters/wxr-body-workers.ts), so the next batch is converted while this one is
   * written. Without one they are converted inline, batch by batch, with the same results.
   */
  readonly openBodies?: (() => BodyPreparer) | null;
}

/** A post's converted body, with its content as written (image URLs rewritten). */
interface PreparedPost {
  readonly content: string;
  readonly mediaIds: readonly number[];
  readonly body: BodyResult;
}

type Bodies = ReadonlyMap<WxrItem, PreparedPost>;

export interface ImportProgress {
  /** `media`: the `--uploads` files going into the media library (items are attachments). */
  readonly phase: 'check' | 'media' | 'import';
  readonly items: number;
  /** Items in the file (known once the check pass is done). */
  readonly totalItems: number | null;
  readonly bytes: number;
  readonly totalBytes: number | null;
}

export interface ImportWxrOptions {
  /** Opens the file from its start; called once per pass. */
  readonly open: () => AsyncIterable<Uint8Array>;
  readonly totalBytes?: number | null;
  readonly dryRun?: boolean;
  /** A local copy of wp-content/uploads: attachments are taken into the media library. */
  readonly uploadsDir?: string | null;
  readonly onProgress?: (p: ImportProgress) => void;
  /** Items written per transaction (each post always whole, with its comments). */
  readonly batchItems?: number;
  readonly limits?: WxrLimits;
}

export interface SkippedGroup {
  readonly reason: string;
  readonly count: number;
  /** A few of them, as `post 123 "Title"`. */
  readonly examples: string[];
}

type Tally = Record<string, number>;

export interface ImportSummary {
  readonly source: string;
  readonly wxrVersion: string;
  readonly dryRun: boolean;
  /** What the file holds. */
  readonly file: {
    items: number;
    authors: number;
    categories: number;
    tags: number;
    /** `wp:term` elements by taxonomy. */
    terms: Tally;
    /** Items by post type, and by `type:status`. */
    postTypes: Tally;
    statuses: Tally;
    comments: number;
    /** Comments by comment_type (`''` shown as `comment-untyped`) and by comment_approved. */
    commentTypes: Tally;
    commentApproval: Tally;
  };
  /** Rows this run created. */
  readonly created: {
    users: number;
    categories: number;
    tags: number;
    articles: number;
    pages: number;
    comments: number;
    linkbacks: number;
    attachments: number;
    /** Library items made from `--uploads` files. */
    media: number;
    /** Featured images set from `_thumbnail_id`. */
    featured: number;
    redirects: number;
    outbound: number;
  };
  /** Records an earlier run had already imported (left as they are). */
  readonly existing: {
    users: number;
    terms: number;
    posts: number;
    comments: number;
    attachments: number;
    /** `--uploads` files whose content the media library already held. */
    media: number;
  };
  readonly skipped: SkippedGroup[];
  /** Things the import changed on the way in (a private post made a draft), counted. */
  readonly notes: Tally;
}

function emptySummary(dryRun: boolean): ImportSummary {
  return {
    source: '',
    wxrVersion: '',
    dryRun,
    file: {
      items: 0,
      authors: 0,
      categories: 0,
      tags: 0,
      terms: {},
      postTypes: {},
      statuses: {},
      comments: 0,
      commentTypes: {},
      commentApproval: {},
    },
    created: {
      users: 0,
      categories: 0,
      tags: 0,
      articles: 0,
      pages: 0,
      comments: 0,
      linkbacks: 0,
      attachments: 0,
      media: 0,
      featured: 0,
      redirects: 0,
      outbound: 0,
    },
    existing: { users: 0, terms: 0, posts: 0, comments: 0, attachments: 0, media: 0 },
    skipped: [],
    notes: {},
  };
}

const bump = (t: Tally, key: string, by = 1) => {
  t[key] = (t[key] ?? 0) + by;
};

class Skips {
  private readonly groups = new Map<string, SkippedGroup>();
  add(reason: string, example: string): void {
    const g = this.groups.get(reason) ?? { reason, count: 0, examples: [] };
    this.groups.set(reason, {
      reason,
      count: g.count + 1,
      examples: g.examples.length < 5 ? [...g.examples, example] : g.examples,
    });
  }
  list(): SkippedGroup[] {
    return [...this.groups.values()];
  }
}

const describe = (item: WxrItem) =>
  `${item.postType || 'post'} ${item.postId || `#${item.index}`}${item.title ? ` "${htmlToText(item.title).slice(0, 60)}"` : ''}`;

/** Counts bytes as they pass, for the progress report. */
async function* counted(
  source: AsyncIterable<Uint8Array>,
  onBytes: (n: number) => void,
): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    onBytes(chunk.length);
    yield chunk;
  }
}

/**
 * Pass one: read everything, write nothing; the file's counts and what would be skipped. Each
 * record is handed to `keep` (the spool) as it is read.
 */
async function checkFile(
  opts: ImportWxrOptions,
  summary: ImportSummary,
  skips: Skips,
  progress: (p: Omit<ImportProgress, 'totalBytes'>) => void,
  keep: ((r: WxrRecord) => Promise<void>) | null,
  onAttachment: ((item: WxrItem) => void) | null,
): Promise<void> {
  let bytes = 0;
  const f = summary.file;
  const channelUrls: string[] = [];
  for await (const r of readWxr(
    counted(opts.open(), (n) => (bytes += n)),
    opts.limits ?? DEFAULT_WXR_LIMITS,
  )) {
    if (keep) await keep(r);
    if (r.type === 'channel') {
      channelUrls.push(r.baseBlogUrl, r.baseSiteUrl, r.link);
      Object.assign(summary, { source: sourceOf(channelUrls), wxrVersion: r.wxrVersion });
    } else if (r.type === 'author') f.authors++;
    else if (r.type === 'term') {
      if (r.element === 'category') f.categories++;
      else if (r.element === 'tag') f.tags++;
      else bump(f.terms, r.taxonomy || '(none)');
      if (r.taxonomy !== 'category' && r.taxonomy !== 'post_tag') {
        skips.add(
          `term of taxonomy ${r.taxonomy || '(none)'}: only categories and tags are imported`,
          `${r.taxonomy} ${r.slug}`,
        );
      }
    } else {
      f.items++;
      const type = r.postType || 'post';
      bump(f.postTypes, type);
      bump(f.statuses, `${type}:${r.status || 'publish'}`);
      const reason = skipReason(r);
      if (reason) skips.add(reason, describe(r));
      if (type === 'attachment') onAttachment?.(r);
      for (const c of r.comments) {
        f.comments++;
        bump(f.commentTypes, c.commentType || 'comment-untyped');
        bump(f.commentApproval, c.approved || '(none)');
        if (reason) continue;
        const shape = commentShape(c);
        // Named only when skipped (most comments are not).
        const where = () => `comment ${c.id} on ${describe(r)}`;
        if (!shape)
          skips.add(`comment of type ${c.commentType}: not a comment or a linkback`, where());
        else if (shape.kind === 'linkback' && !httpUrl(c.authorUrl)) {
          skips.add(`${c.commentType} without a source URL`, where());
        }
      }
      if (f.items % 500 === 0)
        progress({ phase: 'check', items: f.items, totalItems: null, bytes });
    }
  }
  progress({ phase: 'check', items: f.items, totalItems: f.items, bytes });
}

interface TermInfo {
  readonly id: number;
  readonly kind: TermKind;
  readonly name: string;
}

/** Pass two's state: what this run has resolved so far (rebuilt by every run). */
class Importer {
  source = 'unknown-site';
  sourceHost = '';
  private readonly users = new Map<string, number>();
  private readonly terms = new Map<string, TermInfo>();
  /** Children waiting for a parent declared later: parent's key → their term ids. */
  private readonly orphans = new Map<string, number[]>();
  /** The `--uploads` files in the media library, for bodies, featured images and references. */
  uploads: UploadsOutcome | null = null;
  private fallbackAuthor: number | null = null;
  private defaults = { comments: true, linkbacks: true };

  constructor(
    private readonly deps: ImportWxrDeps,
    readonly summary: ImportSummary,
    private readonly skips: Skips,
  ) {}

  async prepare(): Promise<void> {
    const settings = await loadSiteSettings(this.deps.repos.settings);
    this.defaults = {
      comments: settings.discussion.commentsOpenByDefault,
      linkbacks: settings.discussion.linkbacksOpenByDefault,
    };
  }

  channel(c: WxrChannel): void {
    this.source = sourceOf([c.baseBlogUrl, c.baseSiteUrl, c.link]);
    try {
      this.sourceHost = new URL(this.source).host;
    } catch {
      this.sourceHost = '';
    }
  }

  /**
   * Writes a batch in one transaction. Posts are written together (one statement per table for
   * the run of posts between two other records, so an attachment still finds the posts before
   * it, and the bodies after it get its URL); authors, terms and attachments one by one.
   */
  /**
   * The bodies of a batch's posts, converted by the preparer (for every post it holds: whether
   * one is already imported is known only when the batch is written).
   */
  async bodies(batch: readonly WxrRecord[], preparer: BodyPreparer): Promise<Bodies> {
    const posts = batch.filter(
      (r): r is WxrItem => r.type === 'item' && r.postType !== 'attachment' && !skipReason(r),
    );
    const rewritten = posts.map((item) =>
      this.uploads && this.uploads.map.size > 0
        ? this.uploads.map.rewrite(item.content)
        : { html: item.content, mediaIds: [] as readonly number[] },
    );
    const results = await preparer.prepare(
      posts.map((item, i) =>
        bodyJob(item, rewritten[i]?.html ?? '', statusOf(item).status === 'published'),
      ),
    );
    return new Map(
      posts.map((item, i) => {
        const body = results[i];
        if (!body) throw new Error('a body came back missing from the preparer');
        return [
          item,
          { content: rewritten[i]?.html ?? '', mediaIds: rewritten[i]?.mediaIds ?? [], body },
        ];
      }),
    );
  }

  async write(batch: readonly WxrRecord[], bodies: Bodies): Promise<void> {
    const now = this.deps.clock();
    await this.deps.uow.run(async ({ repos, enqueue }) => {
      const items = batch.filter((r): r is WxrItem => r.type === 'item');
      const posts = await repos.imports.mapped(this.source, 'post', items.map(itemKey));
      const attachments = await repos.imports.mapped(
        this.source,
        'attachment',
        items.filter((i) => i.postType === 'attachment').map(itemKey),
      );
      const comments = await repos.imports.mapped(
        this.source,
        'comment',
        items.flatMap((i) => i.comments.map((c, n) => commentKey(i, c, n))),
      );
      let run: WxrItem[] = [];
      const flush = async () => {
        if (run.length > 0) await this.posts(repos, enqueue, run, bodies, posts, comments, now);
        run = [];
      };
      for (const r of batch) {
        if (r.type === 'item' && r.postType !== 'attachment') {
          if (!skipReason(r)) run.push(r);
          continue;
        }
        await flush();
        if (r.type === 'author') await this.author(repos, r, now);
        else if (r.type === 'term') await this.term(repos, r, now);
        else if (r.type === 'item') await this.attachment(repos, r, attachments, now);
      }
      await flush();
    });
  }

  private async userFor(
    repos: Repositories,
    login: string,
    details: Partial<WxrAuthor>,
    now: Date,
  ): Promise<number> {
    const known = this.users.get(login);
    if (known !== undefined) return known;
    const mapped = (await repos.imports.mapped(this.source, 'user', [login])).get(login);
    if (mapped !== undefined) {
      this.summary.existing.users++;
      this.users.set(login, mapped);
      return mapped;
    }
    const name =
      htmlToText(details.displayName ?? '') ||
      `${details.firstName ?? ''} ${details.lastName ?? ''}`.trim() ||
      login;
    const slugBase = slugFrom(login, name, 'author');
    const email =
      (details.email ?? '').trim().toLowerCase() || `${slugBase}@wordpress-import.invalid`;
    let user = await repos.users.findByEmail(email);
    if (!user) {
      let slug = slugBase;
      for (let n = 2; await repos.users.slugTaken(slug); n++) slug = `${slugBase}-${n}`;
      // Authors get no password: they sign in only once an admin sets one.
      user =
        (await repos.users.insert(
          { email, name: name.slice(0, 200), slug, role: 'author', passwordHash: null },
          now,
        )) ?? (await repos.users.findByEmail(email));
      if (!user) throw new Error(`could not create the user for WordPress author ${login}`);
      this.summary.created.users++;
    } else this.summary.existing.users++;
    await repos.imports.record(
      [{ source: this.source, kind: 'user', sourceId: login, targetId: user.id }],
      now,
    );
    this.users.set(login, user.id);
    return user.id;
  }

  private author(repos: Repositories, a: WxrAuthor, now: Date): Promise<number> {
    const login = a.login || a.email || a.displayName;
    return this.userFor(repos, login || 'wordpress', a, now);
  }

  private termKey = (kind: TermKind, wpSlug: string) => `${kind}:${wpSlug}`;

  private async ensureTerm(
    repos: Repositories,
    kind: TermKind,
    wpSlug: string,
    rawName: string,
    parentSlug: string,
    now: Date,
  ): Promise<TermInfo> {
    const name = (htmlToText(rawName) || htmlToText(decodeURISafe(wpSlug)) || 'Untitled').slice(
      0,
      200,
    );
    const key = this.termKey(kind, wpSlug || name);
    const cached = this.terms.get(key);
    if (cached) return cached;
    const mapped = (await repos.imports.mapped(this.source, 'term', [key])).get(key);
    let info: TermInfo;
    if (mapped !== undefined) {
      info = { id: mapped, kind, name };
      this.summary.existing.terms++;
    } else {
      const parent = parentSlug ? this.terms.get(this.termKey(kind, parentSlug)) : undefined;
      const slug = slugFrom(wpSlug, name, `${kind}-${wpSlug || name}`);
      const existed = await repos.terms.findBySlug(kind, slug);
      const term = existed ?? (await repos.terms.ensure(kind, name, slug, parent?.id ?? null));
      if (!existed) this.summary.created[kind === 'category' ? 'categories' : 'tags']++;
      else this.summary.existing.terms++;
      if (parentSlug && !parent) {
        const waiting = this.orphans.get(this.termKey(kind, parentSlug)) ?? [];
        this.orphans.set(this.termKey(kind, parentSlug), [...waiting, term.id]);
      }
      await repos.imports.record(
        [{ source: this.source, kind: 'term', sourceId: key, targetId: term.id }],
        now,
      );
      info = { id: term.id, kind, name: term.name };
    }
    this.terms.set(key, info);
    for (const child of this.orphans.get(key) ?? [])
      await repos.imports.setTermParent(child, info.id);
    this.orphans.delete(key);
    return info;
  }

  private async term(repos: Repositories, t: WxrTerm, now: Date): Promise<void> {
    const kind: TermKind | null =
      t.taxonomy === 'category' ? 'category' : t.taxonomy === 'post_tag' ? 'tag' : null;
    if (!kind) return; // counted as skipped by the check pass
    await this.ensureTerm(repos, kind, t.slug, t.name, t.parent, now);
  }

  private async attachment(
    repos: Repositories,
    item: WxrItem,
    mapped: Map<string, number>,
    now: Date,
  ): Promise<void> {
    const key = itemKey(item);
    const media = this.uploads?.byKey.get(key) ?? null;
    const mediaUrl = media ? mediaPath(originalKey(media)) : null;
    if (mapped.has(key)) {
      this.summary.existing.attachments++;
      // Recorded by a run without --uploads: the reference now names its library item.
      if (media) await repos.imports.setAttachmentMedia(this.source, key, media.id, mediaUrl ?? '');
      return;
    }
    const { alt, caption, title } = attachmentText(item);
    const file = uploadsPathOf(item);
    // The parent post, if imported (by this run or an earlier one): the import map knows it.
    const parentKey = `id:${item.postParent}`;
    const parent = /^\d+$/.test(item.postParent)
      ? ((await repos.imports.mapped(this.source, 'post', [parentKey])).get(parentKey) ?? null)
      : null;
    const url = item.attachmentUrl || item.guid;
    const id = await repos.imports.addAttachment(
      {
        source: this.source,
        wpPostId: key,
        articleId: parent,
        url,
        file,
        title,
        alt,
        caption,
        mediaId: media?.id ?? null,
        mediaUrl,
      },
      now,
    );
    await repos.imports.record(
      [{ source: this.source, kind: 'attachment', sourceId: key, targetId: id }],
      now,
    );
    this.summary.created.attachments++;
  }

  /** A run of posts: the ones already imported are looked up, the rest created together. */
  private async posts(
    repos: Repositories,
    enqueue: (job: JobRequest) => Promise<void>,
    items: readonly WxrItem[],
    bodies: Bodies,
    mapped: Map<string, number>,
    comments: Map<string, number>,
    now: Date,
  ): Promise<void> {
    const done: { item: WxrItem; article: Article; isNew: boolean }[] = [];
    const fresh: WxrItem[] = [];
    /** A post the file repeats (same key): the first is created, the others add their comments. */
    const firstOf = new Map<string, number>();
    const repeats: WxrItem[] = [];
    for (const item of items) {
      const key = itemKey(item);
      const id = mapped.get(key);
      const article = id === undefined ? undefined : await repos.articles.findById(id);
      if (article) {
        this.summary.existing.posts++;
        done.push({ item, article, isNew: false });
      } else if (firstOf.has(key)) repeats.push(item);
      else {
        firstOf.set(key, fresh.length);
        fresh.push(item);
      }
    }
    const created = await this.createArticles(repos, enqueue, fresh, bodies, now);
    const all = fresh.map((item, i) => ({ item, article: created[i] as Article, isNew: true }));
    for (const item of repeats) {
      const article = created[firstOf.get(itemKey(item)) ?? -1];
      if (article) all.push({ item, article, isNew: true });
    }
    all.push(...done);
    await this.comments(repos, all, bodies, comments, now);
  }

  private async createArticles(
    repos: Repositories,
    enqueue: (job: JobRequest) => Promise<void>,
    items: readonly WxrItem[],
    bodies: Bodies,
    now: Date,
  ): Promise<Article[]> {
    if (items.length === 0) return [];
    const prepared: {
      item: WxrItem;
      key: string;
      fields: ArticleFields;
      stamp: Date;
      termInfos: TermInfo[];
      notes: Record<string, unknown>;
      content: string;
      wantedSlug: string;
      bodyText: string | undefined;
      mediaIds: readonly number[];
      featured: MediaItem | null;
    }[] = [];
    for (const item of items) {
      const kind = articleKindOf(item);
      const { status, note } = statusOf(item);
      const date = wpDate(item.postDateGmt, item.postDate, this.deps.timezone, item.pubDate);
      const authorId = item.creator
        ? await this.userFor(repos, item.creator, {}, now)
        : await this.fallback(repos, now);
      const termInfos: TermInfo[] = [];
      const notes: Record<string, unknown> = { wpStatus: item.status || 'publish' };
      for (const t of item.terms) {
        const tk: TermKind | null =
          t.domain === 'category' || t.domain === ''
            ? 'category'
            : t.domain === 'post_tag'
              ? 'tag'
              : null;
        if (t.domain === 'post_format') notes.format = t.nicename.replace(/^post-format-/, '');
        if (!tk) continue;
        const info = await this.ensureTerm(repos, tk, t.nicename, t.name, '', now);
        if (!termInfos.some((x) => x.id === info.id)) termInfos.push(info);
      }
      if (item.isSticky === '1') notes.sticky = true;
      if (item.postPassword) notes.passwordProtected = true;
      for (const flag of ['_pingme', '_encloseme']) {
        if (item.meta.some((m) => m.key === flag)) notes[flag] = true;
      }
      if (note) {
        notes.statusNote = note;
        bump(this.summary.notes, note);
      }
      if (notes.sticky) bump(this.summary.notes, 'sticky in WordPress: recorded in the import map');
      const ready = bodies.get(item);
      if (!ready) throw new Error(`no converted body for ${describe(item)}`);
      const { content, mediaIds } = ready;
      const { bodySource, bodyHtml, title, bodyText, excerpt } = ready.body;
      const thumbnail = item.meta.find((m) => m.key === '_thumbnail_id')?.value.trim();
      const featured = thumbnail ? (this.uploads?.byKey.get(`id:${thumbnail}`) ?? null) : null;
      const standfirst = (item.meta.find((m) => m.key === STANDFIRST_META)?.value ?? '').slice(
        0,
        1000,
      );
      const stamp = date ?? now;
      prepared.push({
        item,
        key: itemKey(item),
        stamp,
        termInfos,
        notes,
        content,
        mediaIds,
        featured,
        bodyText,
        wantedSlug: slugFrom(item.postName, title, `${kind}-${item.postId || item.index}`),
        fields: {
          kind,
          slug: '',
          title,
          standfirst,
          bodySource,
          bodyHtml,
          excerpt,
          status,
          publishedAt: status === 'draft' ? null : stamp,
          authorId,
          commentsOpen: switchOf(item.commentStatus, kind === 'article' && this.defaults.comments),
          commentsCloseAt: null,
          linkbacksOpen: switchOf(item.pingStatus, kind === 'article' && this.defaults.linkbacks),
          linkbacksCloseAt: null,
          trackbackTo: [],
          unpublishAt: null,
          // Imports never notify the pages an article links to.
          linkbacksSend: false,
        },
      });
    }
    const slugs = await uniqueSlugs(
      repos,
      prepared.map((p) => ({ wanted: p.wantedSlug, kind: p.fields.kind })),
    );
    const articles = await repos.imports.insertArticles(
      prepared.map((p, i) => ({ row: { ...p.fields, slug: slugs[i] ?? '' }, at: p.stamp })),
    );
    const termPairs: { articleId: number; termId: number }[] = [];
    const revisions: Stamped<NewRevision>[] = [];
    const oldPaths: { articleId: number; path: string }[] = [];
    const outbound: { articleId: number; targetUrls: string[] }[] = [];
    const entries: ImportMapEntry[] = [];
    const documents: SearchDocument[] = [];
    for (const [i, p] of prepared.entries()) {
      const created = articles[i];
      if (!created) throw new Error('an imported article did not come back from the store');
      const { item, termInfos } = p;
      // No event is emitted by an import, so the search index is kept here, in the same transaction
      // (the batch's documents in a few multi-row statements after the loop).
      if (searchable(created)) documents.push(searchDocument(created, p.bodyText));
      for (const t of termInfos) termPairs.push({ articleId: created.id, termId: t.id });
      const terms: Term[] = termInfos.map((t) => ({
        id: t.id,
        kind: t.kind,
        name: t.name,
        slug: '',
        parentId: null,
        description: '',
      }));
      revisions.push({
        row: {
          articleId: created.id,
          editorId: null,
          reason: 'import',
          changed: [],
          // The body's excerpt from its text, which the conversion made already.
          snapshot: snapshotOf(
            created,
            terms,
            [created.authorId],
            p.bodyText === undefined ? undefined : excerptOfText(p.bodyText),
          ),
        },
        at: p.stamp,
      });
      if (created.status === 'scheduled' && created.publishedAt) {
        await enqueue({
          task: PUBLISH_TASK,
          payload: { articleId: created.id },
          runAt: created.publishedAt,
          dedupeKey: `${PUBLISH_TASK}:${created.id}`,
        });
      }
      // Old links answer with a 301: ?p=ID (pages also ?page_id=ID) and the post's own link.
      const canonical = articlePath(this.deps, created);
      const old = new Set<string>();
      if (/^\d+$/.test(item.postId)) {
        old.add(`/?p=${item.postId}`);
        if (created.kind === 'page') old.add(`/?page_id=${item.postId}`);
      }
      for (const link of [item.link, item.guid]) {
        const path = link ? oldLinkPath(link) : null;
        if (path && path !== '/' && path !== canonical && sameSite(link, this.sourceHost))
          old.add(path);
      }
      for (const path of old) oldPaths.push({ articleId: created.id, path });
      this.summary.created.redirects += old.size;
      if (created.status === 'published') {
        const links = externalLinks(p.content, this.sourceHost);
        const pinged = item.meta
          .filter((m) => m.key === '_pinged' || m.key === 'pinged')
          .flatMap((m) => m.value.split(/\s+/))
          .filter((u) => /^https?:\/\//.test(u));
        const targets = [...new Set([...links, ...pinged])];
        if (targets.length > 0) {
          outbound.push({ articleId: created.id, targetUrls: targets });
          this.summary.created.outbound += targets.length;
        }
      }
      entries.push({
        source: this.source,
        kind: 'post',
        sourceId: p.key,
        targetId: created.id,
        note: p.notes,
      });
      this.summary.created[created.kind === 'page' ? 'pages' : 'articles']++;
      if (p.featured) {
        await repos.media.setFeatured(created.id, p.featured.id);
        this.summary.created.featured++;
      }
      // The library knows which articles show its items (so none is deleted from under them).
      if (p.mediaIds.length > 0)
        await repos.media.setInline(
          created.id,
          p.mediaIds.map((mediaId) => ({ mediaId, alt: '' })),
        );
    }
    await repos.search.upsertMany(documents);
    await repos.imports.attachTerms(termPairs);
    await repos.imports.addRevisions(revisions);
    await repos.imports.recordOldPaths(oldPaths, now);
    await repos.imports.addOutboundMany(outbound, now);
    await repos.imports.record(entries, now);
    return articles;
  }

  private async fallback(repos: Repositories, now: Date): Promise<number> {
    this.fallbackAuthor ??= await this.userFor(
      repos,
      'wordpress',
      { displayName: 'WordPress' },
      now,
    );
    return this.fallbackAuthor;
  }

  /**
   * The comments of a run of posts, written together: parents before replies, one statement per
   * level of the threads (so each reply knows its parent's new id), then their import-map rows.
   */
  private async comments(
    repos: Repositories,
    posts: readonly { item: WxrItem; article: Article; isNew: boolean }[],
    bodies: Bodies,
    mapped: Map<string, number>,
    now: Date,
  ): Promise<void> {
    interface Pending {
      readonly key: string;
      readonly row: NewDiscussionItem;
      readonly at: Date;
      readonly parent: Pending | null;
      readonly level: number;
      id: number;
    }
    const known = posts
      .filter((p) => !p.isNew && p.item.comments.length > 0)
      .map((p) => p.article.id);
    /** Article id → source key → the linkback (stored, or written in this run). */
    const sources: Map<number, Map<string, number | Pending>> = known.length > 0
      ? await repos.imports.linkbackSources(known)
      : new Map();
    const pending: Pending[] = [];
    const entries: ImportMapEntry[] = [];
    /** Second pings from one source: mapped to the first once it has its id. */
    const repeats: { key: string; of: Pending }[] = [];
    /** Comment keys written in this run (a post the file repeats repeats its comments). */
    const claimed = new Set<string>();
    const threads = new Map<number, Map<string, number | Pending>>();
    for (const { item, article } of posts) {
      if (item.comments.length === 0) continue;
      // parentsFirst matches parents by WordPress's comment ids (the map keys are kept aside).
      const keyed = item.comments.map((c, n) => ({
        c,
        n,
        key: commentKey(item, c, n),
        id: c.id,
        parent: c.parent,
      }));
      // WordPress comment id → our item: per article, so a post the file repeats threads on.
      const ours = threads.get(article.id) ?? new Map<string, number | Pending>();
      threads.set(article.id, ours);
      // Only linkbacks need it (their target): made for the first one, if any.
      let url: string | undefined;
      let seen = sources.get(article.id);
      const html = bodies.get(item)?.body.comments;
      for (const { c, n, key: id } of parentsFirst(keyed)) {
        const done = mapped.get(id);
        if (done !== undefined) {
          ours.set(c.id, done);
          this.summary.existing.comments++;
          continue;
        }
        if (claimed.has(id)) continue;
        claimed.add(id);
        const shape = commentShape(c);
        if (!shape) continue; // counted as skipped by the check pass
        const date = wpDate(c.dateGmt, c.date, this.deps.timezone) ?? article.publishedAt ?? now;
        const status = moderationOf(c.approved);
        const authorUrl = httpUrl(c.authorUrl);
        let sourceKey: string | null = null;
        if (shape.kind === 'linkback') {
          if (!authorUrl) continue; // counted as skipped by the check pass
          sourceKey = normalizeSourceUrl(authorUrl);
          const same = seen?.get(sourceKey);
          if (same !== undefined) {
            // One record per (article, source): a second ping from the same page is the same mention.
            if (typeof same === 'number')
              entries.push({ source: this.source, kind: 'comment', sourceId: id, targetId: same });
            else repeats.push({ key: id, of: same });
            this.skips.add(
              'a second linkback from the same source page',
              `comment ${c.id} on ${describe(item)}`,
            );
            continue;
          }
        }
        const up =
          shape.kind === 'comment' && c.parent && c.parent !== '0' ? ours.get(c.parent) : undefined;
        const parent = typeof up === 'object' ? up : null;
        const content = c.content;
        const trackbackTitle =
          shape.protocol === 'trackback'
            ? /^<strong>([\s\S]*?)<\/strong>/.exec(content)?.[1]
            : undefined;
        const p: Pending = {
          key: id,
          at: date,
          parent,
          level: parent ? parent.level + 1 : 0,
          id: 0,
          row: {
            articleId: article.id,
            kind: shape.kind,
            protocol: shape.protocol,
            type: shape.type,
            status,
            parentId: typeof up === 'number' ? up : null,
            authorName: (
              htmlToText(c.author) || (shape.kind === 'comment' ? 'Anonymous' : (authorUrl ?? ''))
            ).slice(0, 300),
            authorUrl,
            authorEmail: c.authorEmail.trim().toLowerCase() || null,
            authorIp: c.authorIp.trim().slice(0, 64) || null,
            authorUserAgent: null,
            sourceUrl: shape.kind === 'linkback' ? authorUrl : null,
            sourceKey,
            targetUrl: shape.kind === 'linkback' ? (url ??= articleUrl(this.deps, article)) : null,
            title:
              trackbackTitle !== undefined
                ? htmlToText(trackbackTitle)
                : shape.kind === 'linkback'
                  ? htmlToText(c.author) || null
                  : null,
            contentHtml: commentHtmlOf(html, n, c),
            contentSource: shape.kind === 'comment' ? content : null,
            // Kept as WordPress had them: nothing is fetched, so nothing is re-verified.
            verification: 'not-required',
            publishedAt: status === 'approved' ? date : null,
          },
        };
        if (sourceKey !== null) {
          seen ??= new Map();
          sources.set(article.id, seen);
          seen.set(sourceKey, p);
        }
        ours.set(c.id, p);
        pending.push(p);
        this.summary.created[shape.kind === 'comment' ? 'comments' : 'linkbacks']++;
      }
    }
    for (let level = 0; ; level++) {
      const rows = pending.filter((p) => p.level === level);
      if (rows.length === 0) break;
      const ids = await repos.imports.insertDiscussion(
        rows.map((p) => ({
          row: p.parent ? { ...p.row, parentId: p.parent.id } : p.row,
          at: p.at,
        })),
      );
      rows.forEach((p, i) => (p.id = ids[i] ?? 0));
    }
    for (const p of pending)
      entries.push({ source: this.source, kind: 'comment', sourceId: p.key, targetId: p.id });
    for (const r of repeats)
      entries.push({ source: this.source, kind: 'comment', sourceId: r.key, targetId: r.of.id });
    if (entries.length > 0) await repos.imports.record(entries, now);
  }
}

/**
 * Unique slugs for a run of new articles (as uniqueSlug makes them one by one): the wanted
 * slugs are looked up together, and slugs given earlier in the run count as taken.
 */
async function uniqueSlugs(
  repos: Repositories,
  wanted: readonly { wanted: string; kind: ArticleKind }[],
): Promise<string[]> {
  const bases = wanted.map((w) => slugify(w.wanted) || 'untitled');
  const taken = await repos.imports.slugsTaken(bases);
  const given = new Set<string>();
  const out: string[] = [];
  for (const [i, base] of bases.entries()) {
    const kind = wanted[i]?.kind ?? 'article';
    let candidate = base;
    for (let n = 2; ; n++) {
      const reserved =
        kind === 'page' && (RESERVED_PAGE_SLUGS.has(candidate) || /^\d+$/.test(candidate));
      const free =
        !reserved &&
        !given.has(candidate) &&
        !(candidate === base ? taken.has(base) : await repos.articles.slugTaken(candidate));
      if (free) break;
      candidate = `${base}-${n}`;
    }
    given.add(candidate);
    out.push(candidate);
  }
  return out;
}

/** A comment's converted HTML (its batch's bodies always hold it). */
function commentHtmlOf(
  html: readonly TrustedHtml[] | undefined,
  n: number,
  c: WxrComment,
): TrustedHtml {
  const out = html?.[n];
  if (out === undefined) throw new Error(`no converted HTML for comment ${c.id}`);
  return out;
}

function decodeURISafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function httpUrl(raw: string): string | null {
  const s = raw.trim();
  if (!/^https?:\/\//i.test(s)) return null;
  try {
    return new URL(s).toString();
  } catch {
    return null;
  }
}

function sameSite(link: string, host: string): boolean {
  try {
    return host === '' || new URL(link).host.toLowerCase() === host;
  } catch {
    return link.startsWith('/');
  }
}

/**
 * Imports a WXR file. A malformed or hostile file is refused (invalid_input, with what is wrong
 * and where) before anything is written.
 */
export async function importWxr(
  deps: ImportWxrDeps,
  opts: ImportWxrOptions,
): Promise<Result<ImportSummary, Failure>> {
  const summary = emptySummary(opts.dryRun ?? false);
  const skips = new Skips();
  const totalBytes = opts.totalBytes ?? null;
  const report = (p: Omit<ImportProgress, 'totalBytes'>) => opts.onProgress?.({ ...p, totalBytes });
  if (opts.uploadsDir && (!deps.media || !deps.openUploads)) {
    return err(
      failure(
        'invalid_input',
        '--uploads needs the media library, which this build does not have wired',
      ),
    );
  }
  const spool = opts.dryRun || !deps.openSpool ? null : await deps.openSpool();
  try {
    return await run(deps, opts, summary, skips, report, spool);
  } finally {
    await spool?.dispose();
  }
}

async function run(
  deps: ImportWxrDeps,
  opts: ImportWxrOptions,
  summary: ImportSummary,
  skips: Skips,
  report: (p: Omit<ImportProgress, 'totalBytes'>) => void,
  spool: RecordSpool<WxrRecord> | null,
): Promise<Result<ImportSummary, Failure>> {
  const pending: PendingUpload[] = [];
  const keepUpload = opts.uploadsDir
    ? (item: WxrItem) =>
        pending.push(pendingUpload(item, itemKey(item), attachmentText(item), describe(item)))
    : null;
  try {
    await checkFile(opts, summary, skips, report, spool && ((r) => spool.write(r)), keepUpload);
  } catch (e) {
    if (e instanceof WxrFormatError) return err(failure('invalid_input', e.message));
    throw e;
  }
  let uploads: UploadsOutcome | null = null;
  if (opts.uploadsDir && deps.openUploads) {
    let folder: UploadsFolder;
    try {
      folder = await deps.openUploads(opts.uploadsDir);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code ?? String(e);
      return err(failure('not_found', `--uploads ${opts.uploadsDir} cannot be opened (${code})`));
    }
    const total = pending.length;
    uploads = await importUploads({
      pending,
      folder,
      media: opts.dryRun ? null : deps.media,
      skip: (reason, example) => skips.add(reason, example),
      progress: (done) => report({ phase: 'media', items: done, totalItems: total, bytes: 0 }),
    });
    summary.created.media = uploads.created;
    summary.existing.media = uploads.existing;
  }
  if (opts.dryRun) return ok({ ...summary, skipped: skips.list() });

  const importer = new Importer(deps, summary, skips);
  importer.uploads = uploads;
  await importer.prepare();
  const preparer =
    deps.openBodies?.() ??
    inlineBodies({ article: deps.markup.article, commentHtml: deps.importMarkup.commentHtml });
  try {
    return await writeAll(opts, summary, skips, report, spool, importer, preparer);
  } finally {
    await preparer.close();
  }
}

/**
 * Pass two: batches of records, converted (preparer) and written. With worker threads each batch
 * is converted while the one before it is written, so the two overlap.
 */
async function writeAll(
  opts: ImportWxrOptions,
  summary: ImportSummary,
  skips: Skips,
  report: (p: Omit<ImportProgress, 'totalBytes'>) => void,
  spool: RecordSpool<WxrRecord> | null,
  importer: Importer,
  preparer: BodyPreparer,
): Promise<Result<ImportSummary, Failure>> {
  const batchItems = opts.batchItems ?? 1000;
  let batch: WxrRecord[] = [];
  let weight = 0;
  let items = 0;
  let bytes = 0;
  const totalItems = summary.file.items;
  const totalBytes = opts.totalBytes ?? null;
  interface Converting {
    readonly batch: readonly WxrRecord[];
    readonly bodies: Promise<Bodies>;
    readonly items: number;
    readonly bytes: number;
  }
  let converting: Converting | null = null;
  const writeOut = async (c: Converting) => {
    await importer.write(c.batch, await c.bodies);
    // Read back from the spool, the file's bytes are not counted: estimated from the items.
    const at =
      spool && totalBytes !== null && totalItems > 0
        ? Math.round((totalBytes * c.items) / totalItems)
        : c.bytes;
    report({ phase: 'import', items: c.items, totalItems, bytes: at });
  };
  const flush = async () => {
    if (batch.length === 0) return;
    const bodies = importer.bodies(batch, preparer);
    // Awaited when its batch is written; a failure before then must not go unhandled.
    bodies.catch(() => undefined);
    const next: Converting = { batch, bodies, items, bytes };
    batch = [];
    weight = 0;
    if (converting) await writeOut(converting);
    converting = null;
    if (preparer.ahead) converting = next;
    else await writeOut(next);
  };
  const records: AsyncIterable<WxrRecord> = spool
    ? spool.read()
    : readWxr(
        counted(opts.open(), (n) => (bytes += n)),
        opts.limits ?? DEFAULT_WXR_LIMITS,
      );
  try {
    for await (const r of records) {
      if (r.type === 'channel') {
        importer.channel(r);
        continue;
      }
      batch.push(r);
      if (r.type === 'item') {
        items++;
        weight += 1 + r.comments.length / 4;
      } else weight += 0.2;
      if (weight >= batchItems) await flush();
    }
    await flush();
    const last: Converting | null = converting;
    if (last) await writeOut(last);
  } catch (e) {
    // The file changed between the passes: what was written is whole, and a re-run resumes.
    if (e instanceof WxrFormatError) return err(failure('invalid_input', e.message));
    throw e;
  }
  return ok({ ...summary, skipped: skips.list() });
}
