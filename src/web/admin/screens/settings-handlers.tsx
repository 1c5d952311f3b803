/**
 * The handlers of /admin/settings/discussion and /admin/settings/site: each form posts the text
 * of its fields to changeSettings (the use case `newsdesk settings set` calls), then 303, or the
 * form again with everything as typed and a message on each refused field. A field the form did
 * not send keeps its value.
 */
import type { Context } from 'hono';
import type { JSX } from 'hono/jsx/jsx-runtime';
import { changeSettings, showSettings } from '../../../app/settings/manage-settings.js';
import {
  sectionKeys,
  settingSpec,
  settingText,
  valueAt,
  type SettingSection,
} from '../../../app/settings/setting-keys.js';
import type { SiteSettings } from '../../../app/site-settings.js';
import { statusFor } from '../../errors.js';
import type { AdminFrame } from '../admin-views.js';
import type { SettingsFormState } from './setting-field.js';
import { DiscussionSettingsPage, SiteSettingsPage } from './settings-pages.js';
import type { ScreenKit } from './terms-handlers.js';

export interface SettingsKit<C extends Context> extends ScreenKit<C> {
  /** Every value the form sent for a field (a ticked box sends its hidden "off" and "on"). */
  readonly fields: (c: C, name: string) => string[];
  readonly ip: (c: C) => string | null;
}

type PageProps = { frame: AdminFrame; state: SettingsFormState; notice?: string; message?: string };
const PAGES: Record<SettingSection, (p: PageProps) => JSX.Element> = {
  discussion: DiscussionSettingsPage,
  site: SiteSettingsPage,
};

function stateOf(settings: SiteSettings, section: SettingSection): SettingsFormState {
  const values: Record<string, string> = {};
  for (const key of sectionKeys(section)) {
    const spec = settingSpec(key);
    if (spec) values[key] = settingText(spec.kind, valueAt(settings, key));
  }
  return { values, errors: {} };
}

const noticeOf = (changed: string | undefined): string | undefined => {
  if (changed === undefined || !/^\d{1,3}$/.test(changed)) return undefined;
  const n = Number(changed);
  return n === 0 ? 'Nothing changed.' : `Saved: ${n} setting${n === 1 ? '' : 's'} changed.`;
};

export function settingsHandlers<C extends Context>(kit: SettingsKit<C>) {
  const screen = (section: SettingSection) => ({
    get: async (c: C) => {
      const state = stateOf(await showSettings(kit.app), section);
      const notice = noticeOf(c.req.query('changed'));
      return kit.page(
        c,
        PAGES[section]({ frame: kit.frame(c), state, ...(notice ? { notice } : {}) }),
      );
    },
    post: async (c: C) => {
      const sent: Record<string, string> = {};
      for (const key of sectionKeys(section)) {
        const all = kit.fields(c, key);
        const last = all[all.length - 1];
        if (last !== undefined) sent[key] = last;
      }
      const r = await changeSettings(kit.app, kit.user(c), sent, { asText: true, ip: kit.ip(c) });
      if (r.ok)
        return c.redirect(`/admin/settings/${section}?changed=${r.value.changes.length}`, 303);
      // The form again: what was sent as typed, what was not as stored.
      const stored = stateOf(await showSettings(kit.app), section);
      const state = { values: { ...stored.values, ...sent }, errors: r.error.fields ?? {} };
      return kit.page(
        c,
        PAGES[section]({ frame: kit.frame(c), state, message: r.error.message }),
        statusFor(r.error.code),
      );
    },
  });
  const discussion = screen('discussion');
  const site = screen('site');
  return {
    'GET /settings/discussion': discussion.get,
    'POST /settings/discussion': discussion.post,
    'GET /settings/site': site.get,
    'POST /settings/site': site.post,
  };
}
