import { changeLine, summarizeChange } from '../../app/settings/change-summary.js';
import { changeSettings, showSettings } from '../../app/settings/manage-settings.js';
import { settingSpec, SETTING_SPECS, valueAt } from '../../app/settings/setting-keys.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { exitFor } from '../exit-codes.js';
import { parseFlags } from '../flags.js';
import { withRuntime } from '../with-runtime.js';

const USAGE = `newsdesk settings show [--json]
newsdesk settings set KEY VALUE
  KEY is dotted, as settings show prints it (comments.holdAll, discussion.closeCommentsAfterDays).
  Switches take on/off; days take a number or off; lists take one entry a line or a JSON array.
  Fediverse blocklists change with newsdesk fediverse block / unblock.`;

/** A JSON array on the shell becomes the one-entry-a-line text the forms send. */
function listText(value: string): string {
  if (!value.trim().startsWith('[')) return value;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    throw new UsageError('a list given as JSON must be an array of strings: ["a","b"]');
  }
  if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string')) {
    throw new UsageError('a list given as JSON must be an array of strings: ["a","b"]');
  }
  return parsed.join('\n');
}

export const settingsCommand: Command = {
  name: 'settings',
  usage: USAGE,
  async run(args, io, getConfig) {
    const [sub, ...rest] = args;
    if (sub === 'show') {
      const f = parseFlags(rest, { json: 'boolean' });
      return withRuntime(getConfig(), async (rt) => {
        const settings = await showSettings(rt.deps);
        if (f.json) io.out(JSON.stringify(settings, null, 2));
        else {
          for (const s of SETTING_SPECS)
            io.out(`${s.key}\t${JSON.stringify(valueAt(settings, s.key))}`);
          io.out(`fediverse.blockInstances\t${JSON.stringify(settings.fediverse.blockInstances)}`);
          io.out(`fediverse.blockActors\t${JSON.stringify(settings.fediverse.blockActors)}`);
        }
        return EXIT.ok;
      });
    }
    if (sub === 'set') {
      const f = parseFlags(rest, {}, 2);
      const [key, value] = f._;
      if (key === undefined || value === undefined) {
        throw new UsageError('settings set needs KEY and VALUE (see: newsdesk settings show)');
      }
      const text = settingSpec(key)?.kind.type === 'list' ? listText(value) : value;
      return withRuntime(getConfig(), async (rt) => {
        const r = await changeSettings(rt.deps, 'cli', { [key]: text }, { asText: true });
        if (!r.ok) {
          io.err(`error: ${r.error.message}`);
          return exitFor(r.error.code);
        }
        if (r.value.changes.length === 0) io.out(`${key} unchanged`);
        for (const c of r.value.changes) io.out(changeLine(c.key, summarizeChange(c)));
        return EXIT.ok;
      });
    }
    throw new UsageError(`unknown subcommand: settings ${sub ?? ''}`.trim());
  },
};
