import type { Repositories } from '../ports.js';
import type { CommentSettings } from '../site-settings.js';

/** Who hears about held items: the configured addresses plus every owner and moderator. */
export async function moderatorRecipients(
  repos: Pick<Repositories, 'users'>,
  settings: Pick<CommentSettings, 'moderatorEmails'>,
): Promise<string[]> {
  const users = await repos.users.listByRoles(['owner', 'moderator']);
  const all = [...settings.moderatorEmails, ...users.map((u) => u.email)]
    .map((e) => e.trim().toLowerCase())
    .filter((e) => e.includes('@'));
  return [...new Set(all)].sort();
}
