/**
 * Every setting a person may change, by its dotted key (`comments.holdAll`), with the kind of
 * value it takes and the permission that guards it. A table, not code: the admin's two forms,
 * `newsdesk settings set KEY VALUE` and the audit summary all read it, and the values are still
 * checked by the one schema in site-settings.ts.
 */
import type { Action } from '../../domain/permissions.js';
import type { SiteSettings } from '../site-settings.js';

export type SettingKind =
  | { readonly type: 'boolean' }
  | { readonly type: 'integer' }
  /** A whole number of days, or nothing (the rule is off). */
  | { readonly type: 'days' }
  | { readonly type: 'number' }
  | { readonly type: 'text' }
  /** One entry a line. */
  | { readonly type: 'list' }
  | { readonly type: 'choice'; readonly values: readonly string[] };

export type SettingSection = 'site' | 'discussion';

export interface SettingSpec {
  readonly key: string;
  readonly section: SettingSection;
  readonly kind: SettingKind;
}

const B = { type: 'boolean' } as const;
const I = { type: 'integer' } as const;
const L = { type: 'list' } as const;

/** The permission each section needs (domain/permissions.ts). */
export const SECTION_ACTION: Readonly<Record<SettingSection, Action>> = {
  site: 'settings.manage',
  discussion: 'discussion.settings',
};

const spec = (section: SettingSection, key: string, kind: SettingKind): SettingSpec => ({
  key,
  section,
  kind,
});

export const SETTING_SPECS: readonly SettingSpec[] = [
  spec('site', 'description', { type: 'text' }),
  spec('site', 'logoUrl', { type: 'text' }),
  spec('site', 'postsPerPage', I),
  spec('discussion', 'discussion.commentsOpenByDefault', B),
  spec('discussion', 'discussion.linkbacksOpenByDefault', B),
  spec('discussion', 'discussion.closeCommentsAfterDays', { type: 'days' }),
  spec('discussion', 'discussion.closeLinkbacksAfterDays', { type: 'days' }),
  spec('discussion', 'comments.holdAll', B),
  spec('discussion', 'comments.holdFirstTimeAuthors', B),
  spec('discussion', 'comments.holdWhenLinksExceed', I),
  spec('discussion', 'comments.moderationWords', L),
  spec('discussion', 'comments.blockWords', L),
  spec('discussion', 'comments.blockEmails', L),
  spec('discussion', 'comments.blockIps', L),
  spec('discussion', 'comments.blockDomains', L),
  spec('discussion', 'comments.maxDepth', I),
  spec('discussion', 'comments.order', { type: 'choice', values: ['oldest', 'newest'] }),
  spec('discussion', 'comments.perPage', I),
  spec('discussion', 'comments.maxLength', I),
  spec('discussion', 'comments.moderatorEmails', L),
  spec('discussion', 'comments.minFillSeconds', { type: 'number' }),
  spec('discussion', 'comments.formMaxAgeMinutes', I),
  spec('discussion', 'comments.perIpLimit', I),
  spec('discussion', 'comments.perArticleLimit', I),
  spec('discussion', 'comments.rateWindowSeconds', I),
  spec('discussion', 'linkbacks.approveDomains', L),
  spec('discussion', 'linkbacks.blockDomains', L),
  spec('discussion', 'linkbacks.receiveTrackbacks', B),
  spec('discussion', 'linkbacks.send', B),
  spec('discussion', 'fediverse.repliesFollow', {
    type: 'choice',
    values: ['linkbacks', 'comments'],
  }),
];

/**
 * Settings kept in the same record but changed by their own use case, because a change does more
 * than store a value (blocking an instance also hides what it already sent).
 */
export const MANAGED_ELSEWHERE: Readonly<Record<string, string>> = {
  'fediverse.blockInstances':
    'use newsdesk fediverse block / unblock, which also hides their replies',
  'fediverse.blockActors': 'use newsdesk fediverse block / unblock, which also hides their replies',
};

const BY_KEY = new Map(SETTING_SPECS.map((s) => [s.key, s]));

export const settingSpec = (key: string): SettingSpec | undefined => BY_KEY.get(key);

export const sectionKeys = (section: SettingSection): string[] =>
  SETTING_SPECS.filter((s) => s.section === section).map((s) => s.key);

/** The value at a dotted key of the settings. */
export function valueAt(settings: SiteSettings, key: string): unknown {
  let v: unknown = settings;
  for (const part of key.split('.')) {
    v = v && typeof v === 'object' ? (v as Record<string, unknown>)[part] : undefined;
  }
  return v;
}

/** A value as the forms and the shell write it: lists one entry a line, "off" for no days. */
export function settingText(kind: SettingKind, value: unknown): string {
  if (kind.type === 'list') return Array.isArray(value) ? value.join('\n') : '';
  if (kind.type === 'days') return value === null || value === undefined ? '' : String(value);
  return value === undefined ? '' : String(value);
}

const TRUE = new Set(['true', 'on', 'yes', '1']);
const FALSE = new Set(['false', 'off', 'no', '0']);

/**
 * Reads a value from text (a form field, a shell argument). Only the shape is checked here:
 * ranges and lengths are the schema's. An empty list line is dropped, a repeated one kept once.
 */
export function parseSettingText(
  kind: SettingKind,
  raw: string,
): { ok: true; value: unknown } | { ok: false; message: string } {
  const text = raw.trim();
  switch (kind.type) {
    case 'boolean':
      if (TRUE.has(text.toLowerCase())) return { ok: true, value: true };
      if (FALSE.has(text.toLowerCase())) return { ok: true, value: false };
      return { ok: false, message: 'expected on or off (true or false)' };
    case 'integer':
      return /^-?\d{1,15}$/.test(text)
        ? { ok: true, value: Number(text) }
        : { ok: false, message: 'expected a whole number' };
    case 'days':
      if (text === '' || text.toLowerCase() === 'off' || text.toLowerCase() === 'never')
        return { ok: true, value: null };
      return /^-?\d{1,15}$/.test(text)
        ? { ok: true, value: Number(text) }
        : { ok: false, message: 'expected a whole number of days, or empty for never' };
    case 'number':
      return /^-?\d{1,9}(?:\.\d{1,6})?$/.test(text)
        ? { ok: true, value: Number(text) }
        : { ok: false, message: 'expected a number' };
    case 'choice':
      return kind.values.includes(text)
        ? { ok: true, value: text }
        : { ok: false, message: `expected one of: ${kind.values.join(', ')}` };
    case 'list':
      return {
        ok: true,
        value: [
          ...new Set(
            raw
              .split(/\r\n|\r|\n/)
              .map((l) => l.trim())
              .filter((l) => l !== ''),
          ),
        ],
      };
    case 'text':
      return { ok: true, value: text };
  }
}
