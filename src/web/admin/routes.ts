import type { Action } from '../../domain/permissions.js';

/**
 * Every admin route and the permission it needs. The app mounts exactly these, and the role
 * matrix test walks this table for every role, so a route cannot be added without a rule.
 * `null`: open to anyone (signing in, the first-run setup).
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
  { method: 'POST', path: '/moderation/reply', action: 'discussion.moderate' },
  { method: 'GET', path: '/fediverse', action: 'discussion.settings' },
  { method: 'POST', path: '/fediverse', action: 'discussion.settings' },
] as const satisfies readonly {
  method: 'GET' | 'POST';
  path: string;
  action: Action | null;
}[];

export type AdminRoute = (typeof ADMIN_ROUTES)[number];
