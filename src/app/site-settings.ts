import { z } from 'zod';
import { DEFAULT_DISCUSSION, type SiteDiscussionDefaults } from '../domain/discussion-policy.js';
import type { SettingsRepository } from './ports.js';

/** Site settings kept in the database (editable at run time), with their defaults. */
export interface SiteSettings {
  readonly description: string;
  /** The publisher's logo for JSON-LD and Open Graph: an absolute URL or a path on the site. */
  readonly logoUrl: string;
  readonly postsPerPage: number;
  readonly discussion: SiteDiscussionDefaults;
  readonly comments: CommentSettings;
  readonly linkbacks: LinkbackSettings;
  readonly fediverse: FediverseSettings;
}

/** Fediverse replies and reactions (app/fediverse/thread.ts). */
export interface FediverseSettings {
  /** Which article switch governs fediverse replies: linkbacks (the default) or comments. */
  readonly repliesFollow: 'linkbacks' | 'comments';
  /** Instances (host names; a listed domain covers its subdomains) whose actors are refused. */
  readonly blockInstances: readonly string[];
  /** Actor ids (URLs) that are refused. */
  readonly blockActors: readonly string[];
}

export interface CommentSettings {
  readonly maxDepth: number;
  readonly order: 'oldest' | 'newest';
  readonly holdAll: boolean;
  readonly holdFirstTimeAuthors: boolean;
  readonly holdWhenLinksExceed: number;
  readonly moderationWords: readonly string[];
  readonly blockWords: readonly string[];
  readonly blockEmails: readonly string[];
  readonly blockIps: readonly string[];
  readonly blockDomains: readonly string[];
  readonly minFillSeconds: number;
  /** A comment form older than this must be reloaded (its signed token has expired). */
  readonly formMaxAgeMinutes: number;
  readonly maxLength: number;
  readonly moderatorEmails: readonly string[];
  /** Top-level threads per page (`?cpage=N`). */
  readonly perPage: number;
  /** Comment POSTs one IP may make per window (in-process: per server process). */
  readonly perIpLimit: number;
  /** Comment POSTs one article may receive per window, all IPs together (per process). */
  readonly perArticleLimit: number;
  readonly rateWindowSeconds: number;
}

export interface LinkbackSettings {
  readonly approveDomains: readonly string[];
  readonly blockDomains: readonly string[];
  readonly receiveTrackbacks: boolean;
  /** False: no article notifies the pages it links to (sending linkbacks is off site-wide). */
  readonly send: boolean;
}

const words = z.array(z.string().max(500)).max(10_000);

/** The settings' one schema: the store, the admin's forms and `newsdesk settings set` all check it. */
export const siteSettingsSchema = z.object({
  description: z.string().max(300).default('Independent news, written by people.'),
  logoUrl: z
    .string()
    .max(500)
    .regex(/^(?:https?:\/\/\S+|\/\S*)$/, 'an absolute http(s) URL or a path starting with /')
    .default('/assets/logo.png'),
  postsPerPage: z.number().int().min(1).max(100).default(10),
  discussion: z
    .object({
      commentsOpenByDefault: z.boolean().default(DEFAULT_DISCUSSION.commentsOpenByDefault),
      linkbacksOpenByDefault: z.boolean().default(DEFAULT_DISCUSSION.linkbacksOpenByDefault),
      closeCommentsAfterDays: z.number().int().min(1).max(36500).nullable().default(null),
      closeLinkbacksAfterDays: z.number().int().min(1).max(36500).nullable().default(null),
    })
    .prefault({}),
  comments: z
    .object({
      maxDepth: z.number().int().min(1).max(20).default(5),
      order: z.enum(['oldest', 'newest']).default('oldest'),
      holdAll: z.boolean().default(false),
      holdFirstTimeAuthors: z.boolean().default(true),
      holdWhenLinksExceed: z.number().int().min(0).max(100).default(2),
      moderationWords: words.default([]),
      blockWords: words.default([]),
      blockEmails: words.default([]),
      blockIps: words.default([]),
      blockDomains: words.default([]),
      minFillSeconds: z.number().min(0).max(600).default(3),
      formMaxAgeMinutes: z.number().int().min(1).max(43_200).default(1440),
      maxLength: z.number().int().min(100).max(100_000).default(10_000),
      moderatorEmails: words.default([]),
      perPage: z.number().int().min(1).max(500).default(50),
      perIpLimit: z.number().int().min(1).max(100_000).default(5),
      perArticleLimit: z.number().int().min(1).max(100_000).default(60),
      rateWindowSeconds: z.number().int().min(1).max(86_400).default(60),
    })
    .prefault({}),
  linkbacks: z
    .object({
      approveDomains: words.default([]),
      blockDomains: words.default([]),
      receiveTrackbacks: z.boolean().default(true),
      send: z.boolean().default(true),
    })
    .prefault({}),
  fediverse: z
    .object({
      repliesFollow: z.enum(['linkbacks', 'comments']).default('linkbacks'),
      blockInstances: words.default([]),
      blockActors: z.array(z.string().max(2000)).max(10_000).default([]),
    })
    .prefault({}),
});

export const SETTINGS_KEY = 'site';

export function parseSiteSettings(value: unknown): SiteSettings {
  return siteSettingsSchema.parse(value ?? {});
}

export async function loadSiteSettings(repo: SettingsRepository): Promise<SiteSettings> {
  return parseSiteSettings(await repo.get<unknown>(SETTINGS_KEY));
}

/** Merges a partial change into the stored settings, validating the result. */
export async function updateSiteSettings(
  repo: SettingsRepository,
  change: Record<string, unknown>,
): Promise<SiteSettings> {
  const current = (await repo.get<Record<string, unknown>>(SETTINGS_KEY)) ?? {};
  const parsed = parseSiteSettings(mergeSettingsChange(current, change));
  await repo.set(SETTINGS_KEY, parsed);
  return parsed;
}

/** The stored settings with a partial change laid over them, one level deep (not yet checked). */
export function mergeSettingsChange(
  current: Readonly<Record<string, unknown>>,
  change: Readonly<Record<string, unknown>>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...current };
  for (const [k, v] of Object.entries(change)) {
    const prev = merged[k];
    merged[k] =
      v && typeof v === 'object' && !Array.isArray(v) && prev && typeof prev === 'object'
        ? { ...(prev as object), ...(v as object) }
        : v;
  }
  return merged;
}
