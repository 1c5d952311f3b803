/**
 * Reading and changing the site settings: one use case for the admin's settings screens,
 * `newsdesk settings` and the JSON API. A change names settings by dotted key (setting-keys.ts),
 * is checked against the role matrix and the store's own schema, lands in the audit log with
 * what it changed (before → after), and purges every cached page, since a setting can change any
 * of them (the description is in every page's head; posts per page shifts every list).
 */
import type { z } from 'zod';
import type { Author } from '../../domain/article.js';
import { failure, type Failure } from '../../domain/failures.js';
import { can } from '../../domain/permissions.js';
import { err, ok, type Result } from '../../domain/result.js';
import { ALL_KEY } from '../../domain/surrogate-keys.js';
import { audit } from '../auth/audit.js';
import { enqueuePurge } from '../cache/purge.js';
import type { AppDeps } from '../deps.js';
import {
  loadSiteSettings,
  mergeSettingsChange,
  parseSiteSettings,
  SETTINGS_KEY,
  siteSettingsSchema,
  type SiteSettings,
} from '../site-settings.js';
import { summarizeChange } from './change-summary.js';
import {
  MANAGED_ELSEWHERE,
  parseSettingText,
  SECTION_ACTION,
  settingSpec,
  SETTING_SPECS,
  valueAt,
} from './setting-keys.js';

/** Who asks: a signed-in user (checked against the matrix) or a label such as `cli`. */
export type SettingsActor = Pick<Author, 'id' | 'email' | 'role'> | string;

export interface SettingChange {
  readonly key: string;
  readonly before: unknown;
  readonly after: unknown;
}

export interface SettingsChangeOptions {
  /** The values are text, as a form or a shell sends them, to be read by each setting's kind. */
  readonly asText?: boolean;
  readonly ip?: string | null;
}

/** The settings as they are now, defaults filled in. */
export function showSettings(deps: Pick<AppDeps, 'repos'>): Promise<SiteSettings> {
  return loadSiteSettings(deps.repos.settings);
}

type Issue = z.core.$ZodIssue;

/** A schema complaint in words a person can act on. */
function issueText(issue: Issue): string {
  const unit = (origin: unknown) =>
    origin === 'string' ? ' characters' : origin === 'array' ? ' entries' : '';
  switch (issue.code) {
    case 'too_big':
      return `at most ${String(issue.maximum)}${unit(issue.origin)}`;
    case 'too_small':
      return `at least ${String(issue.minimum)}${unit(issue.origin)}`;
    case 'invalid_type':
      return issue.expected === 'int' ? 'expected a whole number' : `expected ${issue.expected}`;
    case 'invalid_value':
      return `expected one of: ${issue.values.map(String).join(', ')}`;
    default:
      return issue.message;
  }
}

/** The setting an issue's path falls under, and the list line when it is one entry of a list. */
function issueField(issue: Issue): { key: string; text: string } {
  const path = issue.path.map(String);
  const key = [path.slice(0, 2).join('.'), path[0] ?? ''].find((k) => settingSpec(k)) ?? path[0];
  const rest = issue.path.slice((key ?? '').split('.').length);
  const line = typeof rest[0] === 'number' ? `line ${rest[0] + 1}: ` : '';
  return { key: key ?? 'input', text: `${line}${issueText(issue)}` };
}

/** `{ a: 1, 'b.c': 2 }` → `{ a: 1, b: { c: 2 } }` (keys are at most two deep). */
function nest(flat: ReadonlyMap<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of flat) {
    const [head = '', tail] = key.split('.');
    if (tail === undefined) out[head] = value;
    else out[head] = { ...(out[head] as object | undefined), [tail]: value };
  }
  return out;
}

function refused(fields: Record<string, string>): Failure {
  const list = Object.entries(fields);
  const [first] = list;
  const more = list.length > 1 ? ` (and ${list.length - 1} more)` : '';
  return failure(
    'invalid_input',
    first ? `${first[0]}: ${first[1]}${more}; nothing was saved` : 'invalid input',
    { fields },
  );
}

/**
 * Changes the named settings together, or none of them. Settings not named keep their values.
 * A change that changes nothing is not recorded.
 */
export async function changeSettings(
  deps: Pick<AppDeps, 'uow' | 'clock'>,
  actor: SettingsActor,
  values: Readonly<Record<string, unknown>>,
  opts: SettingsChangeOptions = {},
): Promise<Result<{ settings: SiteSettings; changes: SettingChange[] }, Failure>> {
  const fields: Record<string, string> = {};
  const accepted = new Map<string, unknown>();
  for (const [key, raw] of Object.entries(values)) {
    const spec = settingSpec(key);
    if (!spec) {
      fields[key.slice(0, 100)] = MANAGED_ELSEWHERE[key] ?? 'no such setting';
      continue;
    }
    const action = SECTION_ACTION[spec.section];
    if (typeof actor !== 'string' && !can(actor.role, action)) {
      return err(failure('forbidden', `a ${actor.role} may not change ${key} (${action})`));
    }
    if (!opts.asText) accepted.set(key, raw);
    else if (typeof raw !== 'string') fields[key] = 'expected text';
    else {
      const parsed = parseSettingText(spec.kind, raw);
      if (parsed.ok) accepted.set(key, parsed.value);
      else fields[key] = parsed.message;
    }
  }
  return deps.uow.run(async (tx) => {
    const stored = (await tx.repos.settings.get<Record<string, unknown>>(SETTINGS_KEY)) ?? {};
    const before = parseSiteSettings(stored);
    const checked = siteSettingsSchema.safeParse(mergeSettingsChange(stored, nest(accepted)));
    if (!checked.success) {
      for (const issue of checked.error.issues) {
        const { key, text } = issueField(issue);
        fields[key] ??= text;
      }
    }
    if (Object.keys(fields).length > 0 || !checked.success) return err(refused(fields));
    const after = checked.data;
    const changes = SETTING_SPECS.filter((s) => accepted.has(s.key))
      .map((s) => ({ key: s.key, before: valueAt(before, s.key), after: valueAt(after, s.key) }))
      .filter((c) => JSON.stringify(c.before) !== JSON.stringify(c.after));
    if (changes.length === 0) return ok({ settings: before, changes });
    await tx.repos.settings.set(SETTINGS_KEY, after);
    await audit(tx.repos.audit, deps.clock(), {
      actor: typeof actor === 'string' ? actor : { id: actor.id, email: actor.email },
      action: 'settings.change',
      subject: 'settings',
      detail: { changes: Object.fromEntries(changes.map((c) => [c.key, summarizeChange(c)])) },
      ip: opts.ip ?? null,
    });
    await enqueuePurge(tx, [ALL_KEY]);
    return ok({ settings: after, changes });
  });
}
