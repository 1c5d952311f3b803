/**
 * Every route group of the admin API, in the document's order. A new group is one file under
 * routes/ exporting an ApiRouteGroup, added to this list (register.ts mounts and documents it).
 */
import type { ApiRouteGroup } from '../route-table.js';
import { ARTICLE_ROUTES } from './articles.js';

export const ADMIN_API_GROUPS: readonly ApiRouteGroup[] = [ARTICLE_ROUTES];
