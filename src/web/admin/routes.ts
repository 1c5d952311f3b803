import type { Action } from '../../domain/permissions.js';

/**
 * Every admin route and the permission it needs. The app mounts exactly these, and the role
 * matrix test walks this table for every role, so a route cannot be added without a rule.
 * `null`: open to anyone (signing in, the first-run setup). An article route names the least it
 * needs ("-own"); the use case then checks the article itself (the byline, or the "-any" right).
 */
export const ADMIN_ROUTES = [
  { method: 'GET', path: '/login', action: null },
  { method: 'POST', path: '/login', action: null },
  { method: 'GET', path: '/setup', action: null },
  { method: 'POST', path: '/setup', action: null },
  { method: 'POST', path: '/logout', action: 'admin.enter' },
  { method: 'POST', path: '/logout-everywhere', action: 'admin.enter' },
  { method: 'GET', path: '/', action: 'admin.enter' },
  { method: 'GET', path: '/moderation', action: 'discussion.moderate' },
  { method: 'POST', path: '/moderation', action: 'discussion.moderate' },
  { method: 'GET', path: '/audit', action: 'audit.read' },
  { method: 'GET', path: '/webhooks', action: 'webhooks.manage' },
  { method: 'POST', path: '/webhooks', action: 'webhooks.manage' },
  { method: 'GET', path: '/webhooks/deliveries', action: 'webhooks.manage' },
  { method: 'GET', path: '/terms', action: 'terms.manage' },
  { method: 'POST', path: '/terms', action: 'terms.manage' },
  { method: 'GET', path: '/users', action: 'users.manage' },
  { method: 'POST', path: '/users', action: 'users.manage' },
  // Per-article routes need the "-own" permission here; the use case then checks the byline.
  { method: 'GET', path: '/articles', action: 'article.edit-own' },
  { method: 'GET', path: '/articles/:id/revisions', action: 'article.edit-own' },
  { method: 'GET', path: '/articles/:id/revisions/:rev', action: 'article.edit-own' },
  { method: 'POST', path: '/articles/:id/revisions/:rev/restore', action: 'article.edit-own' },
  { method: 'GET', path: '/articles/:id/linkbacks', action: 'linkbacks.ledger' },
  { method: 'POST', path: '/articles/:id/linkbacks', action: 'linkbacks.ledger' },
  { method: 'GET', path: '/settings/discussion', action: 'discussion.settings' },
  { method: 'POST', path: '/settings/discussion', action: 'discussion.settings' },
  { method: 'GET', path: '/settings/site', action: 'settings.manage' },
  { method: 'POST', path: '/settings/site', action: 'settings.manage' },
  // Every user manages their own tokens; seeing everyone's is checked in the use case.
  { method: 'GET', path: '/tokens', action: 'admin.enter' },
  { method: 'POST', path: '/tokens', action: 'admin.enter' },
  { method: 'GET', path: '/articles/new', action: 'article.create' },
  { method: 'POST', path: '/articles/new', action: 'article.create' },
  { method: 'GET', path: '/articles/:id/edit', action: 'article.edit-own' },
  { method: 'POST', path: '/articles/:id/edit', action: 'article.edit-own' },
  { method: 'POST', path: '/articles/:id/preview', action: 'article.edit-own' },
  { method: 'POST', path: '/preview', action: 'article.create' },
  { method: 'POST', path: '/articles/:id/autosave', action: 'article.edit-own' },
  { method: 'POST', path: '/media/upload', action: 'media.upload' },
  { method: 'POST', path: '/moderation/reply', action: 'discussion.moderate' },
  { method: 'GET', path: '/fediverse', action: 'discussion.settings' },
  { method: 'POST', path: '/fediverse', action: 'discussion.settings' },
] as const satisfies readonly {
  method: 'GET' | 'POST';
  path: string;
  action: Action | null;
}[];

export type AdminRoute = (typeof ADMIN_ROUTES)[number];
