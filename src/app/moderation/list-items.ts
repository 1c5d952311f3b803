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
