import type { CommandEntry } from './command.js';

/**
 * Every command, in the order `newsdesk --help` lists them. Each entry imports its module on
 * demand: loading them all (and through them the admin API, the renderer, sharp, Fedify) cost
 * each one-shot invocation close to a second of CPU.
 */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'serve',
    summary: 'run the web server (and, by default, the job workers)',
    load: async () => (await import('./commands/serve.js')).serveCommand,
  },
  {
    name: 'migrate',
    summary: 'bring the database schema up to date (safe to run twice)',
    load: async () => (await import('./commands/migrate.js')).migrateCommand,
  },
  {
    name: 'user',
    summary: 'manage users: user add --email E --name N --role R [--password P]',
    load: async () => (await import('./commands/user.js')).userCommand,
  },
  {
    name: 'article',
    summary: 'create, show, edit, correct and list articles; their revisions',
    load: async () => (await import('./commands/article.js')).articleCommand,
  },
  {
    name: 'page',
    summary: 'create, update and list pages (/slug/)',
    load: async () => (await import('./commands/page.js')).pageCommand,
  },
  {
    name: 'media',
    summary: 'add, list, show, update and delete library images',
    load: async () => (await import('./commands/media.js')).mediaCommand,
  },
  {
    name: 'discussion',
    summary: 'moderate comments and linkbacks: list, approve, spam, trash, reply, edit',
    load: async () => (await import('./commands/discussion.js')).discussionCommand,
  },
  {
    name: 'linkbacks',
    summary: 'outbound linkbacks: show the ledger, send again',
    load: async () => (await import('./commands/linkbacks.js')).linkbacksCommand,
  },
  {
    name: 'worker',
    summary: 'run the job workers alone (for deployments with several app processes)',
    load: async () => (await import('./commands/worker.js')).workerCommand,
  },
  {
    name: 'jobs',
    summary: 'show background jobs and requeue failed ones',
    load: async () => (await import('./commands/jobs.js')).jobsCommand,
  },
  {
    name: 'search',
    summary: 'rebuild the full-text search index',
    load: async () => (await import('./commands/search.js')).searchCommand,
  },
  {
    name: 'import',
    summary: 'import a WordPress export (WXR), comments and linkbacks included',
    load: async () => (await import('./commands/import.js')).importCommand,
  },
  {
    name: 'export',
    summary: 'export the site as a WordPress export (WXR 1.2), discussion included',
    load: async () => (await import('./commands/export.js')).exportCommand,
  },
  {
    name: 'audit',
    summary: 'read the audit log (sign-ins, moderation, settings and role changes)',
    load: async () => (await import('./commands/audit.js')).auditCommand,
  },
  {
    name: 'backup',
    summary: 'copy the SQLite database while the site runs (one consistent snapshot)',
    load: async () => (await import('./commands/backup.js')).backupCommand,
  },
  {
    name: 'restore',
    summary: 'replace the SQLite database with a backup (stop the site first)',
    load: async () => (await import('./commands/backup.js')).restoreCommand,
  },
  {
    name: 'webhook',
    summary: 'signed webhooks for article and discussion events: add, list, deliveries, redeliver',
    load: async () => (await import('./commands/webhook.js')).webhookCommand,
  },
  {
    name: 'term',
    summary: 'categories and tags: term list|add|update|delete',
    load: async () => (await import('./commands/term.js')).termCommand,
  },
  {
    name: 'token',
    summary: 'scoped API tokens: token create|list|revoke',
    load: async () => (await import('./commands/token.js')).tokenCommand,
  },
  {
    name: 'fediverse',
    summary: 'federation: followers, deliveries, author actors, blocklists',
    load: async () => (await import('./commands/fediverse.js')).fediverseCommand,
  },
  {
    name: 'settings',
    summary: 'site and discussion settings: settings show|set',
    load: async () => (await import('./commands/settings.js')).settingsCommand,
  },
];
