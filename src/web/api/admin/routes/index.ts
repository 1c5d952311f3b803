/**
 * Every route group of the admin API, in the document's order. A new group is one file under
 * routes/ exporting an ApiRouteGroup, added to this list (register.ts mounts and documents it).
 */
import type { ApiRouteGroup } from '../route-table.js';
import { ARTICLE_ROUTES } from './articles.js';
import { DISCUSSION_ROUTES } from './discussion.js';
import { JOB_ROUTES } from './jobs.js';
import { LINKBACK_ROUTES } from './linkbacks.js';
import { MEDIA_ROUTES } from './media.js';
import { PAGE_ROUTES } from './pages.js';
import { SETTINGS_ROUTES } from './settings.js';
import { TERM_ROUTES } from './terms.js';
import { USER_ROUTES } from './users.js';
import { WEBHOOK_ROUTES } from './webhooks.js';

export const ADMIN_API_GROUPS: readonly ApiRouteGroup[] = [
  ARTICLE_ROUTES,
  LINKBACK_ROUTES,
  PAGE_ROUTES,
  MEDIA_ROUTES,
  TERM_ROUTES,
  USER_ROUTES,
  DISCUSSION_ROUTES,
  SETTINGS_ROUTES,
  JOB_ROUTES,
  WEBHOOK_ROUTES,
];
