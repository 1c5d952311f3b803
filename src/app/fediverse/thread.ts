/**
 * The discussion side of federation: fediverse replies become moderated discussion items of kind
 * `fediverse`, Likes and Announces become reactions. Federation (src/fediverse) calls these with
 * verified values; nothing here performs network I/O. Every change a reader can see enqueues the
 * article's edge purge in its own transaction (the content-version triggers cover page caches).
 */
import { describeReason, moderationVerdict } from '../../domain/comment-moderation.js';
import type { DiscussionItem, FediverseOrigin } from '../../domain/discussion-item.js';
import { isPublic } from '../../domain/discussion-item.js';
import {
  actorBlocked,
  actorHost,
  cleanHandle,
  cleanName,
  FEDIVERSE_CONTENT_MAX,
  httpUrlOrNull,
} from '../../domain/fediverse-actor.js';
import { trustStoredHtml, type TrustedHtml } from '../../domain/trusted-html.js';
import { discussionPurgeKeys, enqueuePurge } from '../cache/purge.js';
import type { AppDeps } from '../deps.js';
import { targetById, targetByUrl, type DiscussionTarget } from '../discussion/target.js';
import { judgeSource } from '../linkbacks/moderation-rules.js';
import { loadSiteSettings, type SiteSettings } from '../site-settings.js';
import type {
  FediverseActorCard,
  FediverseReaction,
  FediverseReply,
  FediverseThread,
  ThreadOutcome,
} from './thread-port.js';

export interface FediverseThreadDeps {
  readonly app: Pick<AppDeps, 'repos' | 'uow' | 'clock' | 'siteUrl' | 'timezone'>;
  /** The visitors' sanitiser (render/sanitize.ts `sanitizeVisitorHtml`). */
  readonly sanitize: (html: string) => TrustedHtml;
}

const ignored = (reason: string): ThreadOutcome => ({ kind: 'ignored', reason });

/** The card as kept: URLs checked, name and handle cleaned; null when the actor id is unusable. */
export function cleanCard(card: FediverseActorCard): FediverseActorCard | null {
  const id = httpUrlOrNull(card.id);
  if (!id) return null;
  return {
    id,
    handle: cleanHandle(card.handle, id),
    name: cleanName(card.name),
    profileUrl: httpUrlOrNull(card.profileUrl) ?? id,
    iconUrl: httpUrlOrNull(card.iconUrl),
  };
}

/** The path of our ActivityPub article ids (`/ap/articles/ID`). */
const AP_ARTICLE = /^\/ap\/articles\/(\d{1,12})$/;
/** The path of our staff answers' ids (`/ap/replies/ID`, src/fediverse/staff-reply-note.ts). */
const AP_REPLY = /^\/ap\/replies\/(\d{1,12})$/;

/** The link targets in sanitised HTML (always `href="…"`, attribute-escaped by the sanitiser). */
const linksOf = (html: string): string[] =>
  [...html.matchAll(/<a\s[^>]*?href="([^"]*)"/g)].map((m) => (m[1] ?? '').replace(/&amp;/g, '&'));

/** Plain text of sanitised HTML, for the word rules and the moderators' view. */
const textOf = (html: string): string =>
  html
    .replace(/<br\s*\/?>|<\/p>/g, '\n')
    .replace(/<[^>]*>/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim();

export function fediverseThread(deps: FediverseThreadDeps): FediverseThread {
  const { app } = deps;

  async function articleTarget(
    ref: string,
    settings: SiteSettings,
  ): Promise<DiscussionTarget | null> {
    const href = httpUrlOrNull(ref);
    if (!href) return null;
    const url = new URL(href);
    if (url.host !== new URL(app.siteUrl).host) return null;
    const ap = AP_ARTICLE.exec(url.pathname);
    if (ap) return targetById(app, Number(ap[1]), settings);
    const found = await targetByUrl(app, url);
    return found.kind === 'article' ? found.target : null;
  }

  /** Our staff answer a reply names by its object id (`https://our.site/ap/replies/ID`). */
  async function answeredItem(ref: string): Promise<DiscussionItem | null> {
    const href = httpUrlOrNull(ref);
    if (!href) return null;
    const url = new URL(href);
    const m = AP_REPLY.exec(url.pathname);
    if (!m || url.host !== new URL(app.siteUrl).host) return null;
    const item = await app.repos.discussion.findById(Number(m[1]));
    return item && isPublic(item) ? item : null;
  }

  /** Our comment a reply names by its anchor (`…/article#comment-ID`), when on that article. */
  async function anchoredItem(ref: string, articleId: number): Promise<DiscussionItem | null> {
    const m = /#comment-(\d{1,12})$/.exec(ref);
    if (!m) return null;
    const item = await app.repos.discussion.findById(Number(m[1]));
    return item && item.articleId === articleId && isPublic(item) ? item : null;
  }

  /** What a reply answers: an article (and maybe one of its items), or nothing of ours. */
  async function placeOf(
    inReplyTo: string,
    settings: SiteSettings,
  ): Promise<{ target: DiscussionTarget; parent: DiscussionItem | null } | null> {
    const parentItem = await app.repos.fediverse.findByObjectId(inReplyTo);
    if (parentItem && parentItem.status !== 'deleted') {
      const target = await targetById(app, parentItem.articleId, settings);
      return target ? { target, parent: parentItem } : null;
    }
    const answered = await answeredItem(inReplyTo);
    if (answered) {
      const target = await targetById(app, answered.articleId, settings);
      return target ? { target, parent: answered } : null;
    }
    const target = await articleTarget(inReplyTo, settings);
    if (!target) return null;
    return { target, parent: await anchoredItem(inReplyTo, target.article.id) };
  }

  function blocked(actorId: string, settings: SiteSettings): boolean {
    return actorBlocked(actorId, settings.fediverse);
  }

  /** Validates and sanitises a reply's fields, or says why it is refused. */
  function cleanReply(reply: FediverseReply) {
    const objectId = httpUrlOrNull(reply.objectId);
    if (!objectId) return { ok: false, error: 'the object id is not an http(s) URL' } as const;
    const actor = cleanCard(reply.actor);
    if (!actor) return { ok: false, error: 'the actor id is not an http(s) URL' } as const;
    if (typeof reply.contentHtml !== 'string')
      return { ok: false, error: 'the reply has no content' } as const;
    if (reply.contentHtml.length > FEDIVERSE_CONTENT_MAX) {
      return { error: `the content is longer than ${FEDIVERSE_CONTENT_MAX} characters` } as const;
    }
    const html = deps.sanitize(reply.contentHtml);
    const text = textOf(html);
    if (text === '') return { ok: false, error: 'the reply has no text once sanitised' } as const;
    const origin: FediverseOrigin = { objectId, actorId: actor.id, handle: actor.handle };
    return {
      ok: true,
      objectId,
      actor,
      origin,
      html,
      text,
      sourceUrl: httpUrlOrNull(reply.url) ?? objectId,
    } as const;
  }

  return {
    async articleFor(objectIdOrUrl) {
      const settings = await loadSiteSettings(app.repos.settings);
      const target = await articleTarget(objectIdOrUrl, settings);
      return target ? { articleId: target.article.id } : null;
    },

    async receiveReply(reply) {
      const existing =
        typeof reply.objectId === 'string'
          ? await app.repos.fediverse.findByObjectId(reply.objectId)
          : undefined;
      if (existing) return { kind: 'stored', itemId: existing.id, status: existing.status };
      const clean = cleanReply(reply);
      if (!clean.ok) return ignored(clean.error);
      const settings = await loadSiteSettings(app.repos.settings);
      if (blocked(clean.actor.id, settings)) return ignored('the actor or its instance is blocked');
      if (typeof reply.inReplyTo !== 'string') return ignored('inReplyTo names nothing of ours');
      const place = await placeOf(reply.inReplyTo, settings);
      if (!place) return ignored('inReplyTo names none of our live articles or thread items');
      const { target, parent } = place;
      const gate = settings.fediverse.repliesFollow;
      const state = target.state[gate];
      if (!state.open) return ignored(`${gate} are closed on this article (${state.reason})`);

      const source = judgeSource(clean.actor.id, settings.linkbacks);
      const verdict = moderationVerdict(
        {
          authorName: clean.actor.name ?? clean.actor.handle,
          authorEmail: null,
          authorUrl: clean.actor.profileUrl,
          authorIp: null,
          text: `${clean.actor.handle}\n${clean.text}`,
          links: linksOf(clean.html),
          approvedBefore: await app.repos.fediverse.countApprovedByActor(clean.actor.id),
        },
        settings.comments,
      );
      const [status, reasons] =
        source === 'blocked'
          ? (['spam', ['blocklisted linkback domain']] as const)
          : verdict.status === 'spam'
            ? (['spam', verdict.reasons.map(describeReason)] as const)
            : source === 'approved'
              ? (['approved', ['approved linkback domain']] as const)
              : ([verdict.status, verdict.reasons.map(describeReason)] as const);
      const now = app.clock();
      return app.uow.run(async (tx) => {
        const inserted = await tx.repos.fediverse.insertItem(
          {
            articleId: target.article.id,
            kind: 'fediverse',
            protocol: null,
            type: 'reply',
            status: 'pending',
            parentId: parent?.id ?? null,
            authorName: clean.actor.name ?? clean.actor.handle,
            authorUrl: clean.actor.profileUrl,
            authorEmail: null,
            authorPhoto: clean.actor.iconUrl,
            authorIp: null,
            authorUserAgent: null,
            sourceUrl: clean.sourceUrl,
            sourceKey: null,
            targetUrl: reply.inReplyTo.slice(0, 2000),
            title: null,
            contentHtml: clean.html,
            contentSource: clean.text,
            verification: 'not-required',
            publishedAt: validDate(reply.publishedAt) ?? now,
          },
          clean.origin,
          now,
        );
        if (!inserted) {
          // Another delivery of the same object won the race: it is the one item.
          const won = await tx.repos.fediverse.findByObjectId(clean.objectId);
          return won
            ? { kind: 'stored', itemId: won.id, status: won.status }
            : ignored('the reply could not be stored');
        }
        if (status === 'pending') {
          return { kind: 'stored', itemId: inserted.id, status: inserted.status };
        }
        const stored = await tx.repos.discussion.setStatus(
          inserted,
          status,
          'rules',
          reasons.join('; ') || null,
          now,
        );
        if (isPublic(stored)) await enqueuePurge(tx, discussionPurgeKeys(stored.articleId));
        return { kind: 'stored', itemId: stored.id, status: stored.status };
      });
    },

    async updateReply(reply) {
      const existing =
        typeof reply.objectId === 'string'
          ? await app.repos.fediverse.findByObjectId(reply.objectId)
          : undefined;
      if (!existing) return ignored('no reply with this object id is stored');
      if (existing.status === 'deleted') return ignored('the reply was deleted');
      const clean = cleanReply(reply);
      if (!clean.ok) return ignored(clean.error);
      if (existing.fediverse && existing.fediverse.actorId !== clean.actor.id) {
        return ignored('the update is not by the reply’s author');
      }
      const now = app.clock();
      return app.uow.run(async (tx) => {
        const updated = await tx.repos.fediverse.updateContent(
          existing.id,
          {
            contentHtml: clean.html,
            contentSource: clean.text,
            authorName: clean.actor.name ?? clean.actor.handle,
            authorUrl: clean.actor.profileUrl,
            authorPhoto: clean.actor.iconUrl,
            handle: clean.actor.handle,
            sourceUrl: clean.sourceUrl,
          },
          now,
        );
        if (isPublic(updated)) await enqueuePurge(tx, discussionPurgeKeys(updated.articleId));
        return { kind: 'updated', itemId: updated.id };
      });
    },

    async deleteReply(objectId) {
      const existing =
        typeof objectId === 'string'
          ? await app.repos.fediverse.findByObjectId(objectId)
          : undefined;
      if (!existing) return ignored('no reply with this object id is stored');
      if (existing.status === 'deleted') return { kind: 'removed', itemId: existing.id };
      const now = app.clock();
      return app.uow.run(async (tx) => {
        const wasPublic = isPublic(existing);
        await tx.repos.fediverse.updateContent(
          existing.id,
          {
            contentHtml: trustStoredHtml(''),
            contentSource: '',
            authorName: existing.authorName,
            authorUrl: existing.authorUrl ?? '',
            authorPhoto: existing.authorPhoto,
            handle: existing.fediverse?.handle ?? '',
            sourceUrl: existing.sourceUrl ?? '',
          },
          now,
        );
        await tx.repos.discussion.setStatus(
          existing,
          'deleted',
          'fediverse',
          'deleted at its origin',
          now,
        );
        if (wasPublic) await enqueuePurge(tx, discussionPurgeKeys(existing.articleId));
        return { kind: 'removed', itemId: existing.id };
      });
    },

    async addReaction(reaction: FediverseReaction) {
      if (reaction.kind !== 'like' && reaction.kind !== 'announce') {
        return ignored('only Like and Announce are reactions');
      }
      const activityId = httpUrlOrNull(reaction.activityId);
      if (!activityId) return ignored('the activity id is not an http(s) URL');
      const actor = cleanCard(reaction.actor);
      if (!actor) return ignored('the actor id is not an http(s) URL');
      const host = actorHost(actor.id);
      if (!host) return ignored('the actor id has no host');
      const settings = await loadSiteSettings(app.repos.settings);
      if (blocked(actor.id, settings)) return ignored('the actor or its instance is blocked');
      const target =
        typeof reaction.objectId === 'string'
          ? await articleTarget(reaction.objectId, settings)
          : null;
      if (!target) return ignored('the object names none of our live articles');
      const now = app.clock();
      return app.uow.run(async (tx) => {
        const before = await tx.repos.fediverse.findReaction(activityId);
        if (before && before.actor.id !== actor.id) {
          return ignored('this activity id is stored for another actor');
        }
        const stored = await tx.repos.fediverse.upsertReaction(
          { articleId: target.article.id, kind: reaction.kind, activityId, actor, actorHost: host },
          now,
        );
        await enqueuePurge(tx, discussionPurgeKeys(target.article.id));
        return { kind: 'stored', itemId: stored.id, status: 'approved' };
      });
    },

    async removeReaction(activityId, actorId) {
      const found =
        typeof activityId === 'string' ? await app.repos.fediverse.findReaction(activityId) : null;
      if (!found || typeof actorId !== 'string') return { kind: 'removed', itemId: null };
      if (found.actor.id !== httpUrlOrNull(actorId)) {
        return ignored('the reaction belongs to another actor');
      }
      return app.uow.run(async (tx) => {
        await tx.repos.fediverse.deleteReaction(found.id);
        await enqueuePurge(tx, discussionPurgeKeys(found.articleId));
        return { kind: 'removed', itemId: found.id };
      });
    },

    async isBlocked(actorId) {
      if (typeof actorId !== 'string' || !httpUrlOrNull(actorId)) return false;
      return blocked(actorId, await loadSiteSettings(app.repos.settings));
    },
  };
}

function validDate(d: Date | null): Date | null {
  return d instanceof Date && !Number.isNaN(d.getTime()) ? d : null;
}
