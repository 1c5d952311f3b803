import type {
  DiscussionItem,
  DiscussionKind,
  ModerationStatus,
} from '../../domain/discussion-item.js';
import { cropAtWord, htmlToText } from '../../linkback/index.js';
import type { AppDeps } from '../deps.js';

export interface ListRequest {
  readonly status?: ModerationStatus;
  readonly articleId?: number;
  readonly kind?: DiscussionKind;
  readonly limit?: number;
  /** Keyset paging by id (the admin API): items older by id than this one, newest id first. */
  readonly beforeId?: number;
  readonly orderById?: boolean;
}

/** The moderation queue (newest first), for the CLI and an admin screen. */
export function listDiscussionItems(
  deps: Pick<AppDeps, 'repos'>,
  req: ListRequest,
): Promise<DiscussionItem[]> {
  return deps.repos.discussion.list({
    ...req,
    limit: Math.min(Math.max(req.limit ?? 100, 1), 10_000),
  });
}

/** An item's text as one plain line for a listing, cropped at a word. */
export function itemExcerpt(item: Pick<DiscussionItem, 'contentHtml'>, max = 120): string {
  return cropAtWord(htmlToText(item.contentHtml), max);
}

/** One discussion item, whatever its status (the moderation views and the admin API). */
export function findDiscussionItem(
  deps: Pick<AppDeps, 'repos'>,
  id: number,
): Promise<DiscussionItem | undefined> {
  return deps.repos.discussion.findById(id);
}
