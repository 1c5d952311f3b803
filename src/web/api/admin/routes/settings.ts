/**
 * Site and discussion settings, on the use case of /admin/settings and `newsdesk settings`: keys
 * are the dotted names of that table (app/settings/setting-keys.ts), every change is checked by
 * the one settings schema, applied together or not at all, and lands in the audit log.
 */
import { z } from 'zod';
import { changeSettings, showSettings } from '../../../../app/settings/manage-settings.js';
import { SETTING_SPECS, valueAt } from '../../../../app/settings/setting-keys.js';
import type { SiteSettings } from '../../../../app/site-settings.js';
import { ok } from '../../../../domain/result.js';
import { defineRoute, type ApiRouteGroup } from '../route-table.js';

const settingValue = z.union([z.boolean(), z.number(), z.string(), z.array(z.string()), z.null()]);

const settingsView = z
  .object({
    settings: z
      .record(z.string(), settingValue)
      .meta({ description: 'Every changeable setting by its dotted key.' }),
  })
  .meta({ id: 'AdminSettings' });

function flat(settings: SiteSettings): Record<string, z.input<typeof settingValue>> {
  const out: Record<string, z.input<typeof settingValue>> = {};
  for (const s of SETTING_SPECS) {
    const v = valueAt(settings, s.key);
    out[s.key] = (Array.isArray(v) ? [...(v as string[])] : v) as z.input<typeof settingValue>;
  }
  return out;
}

const getSettings = defineRoute({
  method: 'get',
  path: '/settings',
  operationId: 'getSettings',
  summary: 'Every changeable setting, defaults filled in',
  action: 'discussion.settings',
  scope: 'read',
  response: settingsView,
  async handle({ deps }) {
    return ok({ body: { settings: flat(await showSettings(deps.app)) } });
  },
});

const changeSettingsRoute = defineRoute({
  method: 'patch',
  path: '/settings',
  operationId: 'changeSettings',
  summary: 'Changes the named settings together, or none of them',
  description:
    'Site settings (description, logoUrl, postsPerPage) need the owner’s settings permission; ' +
    'discussion settings the discussion-settings one. An unknown key or a bad value refuses the ' +
    'whole change with 400 naming the field.',
  action: 'discussion.settings',
  scope: 'write',
  body: {
    kind: 'json',
    schema: z.record(z.string().max(100), settingValue).refine((r) => Object.keys(r).length > 0, {
      message: 'name at least one setting',
    }),
  },
  response: settingsView.extend({
    changed: z.array(z.string()).meta({ description: 'The keys whose value changed.' }),
  }),
  refusals: ['forbidden'],
  async handle({ deps, caller, body, ip }) {
    const r = await changeSettings(deps.app, caller.user, body, { ip });
    if (!r.ok) return r;
    return ok({
      body: { settings: flat(r.value.settings), changed: r.value.changes.map((c) => c.key) },
    });
  },
});

export const SETTINGS_ROUTES: ApiRouteGroup = {
  name: 'settings',
  description: 'Site settings and discussion settings.',
  routes: [getSettings, changeSettingsRoute],
};
