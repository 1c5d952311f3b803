import { describeReason, type ModerationReason } from '../../domain/comment-moderation.js';
import type { DiscussionItem } from '../../domain/discussion-item.js';

/** The plain-text mail telling moderators an item waits for them. */
export function heldItemMessage(input: {
  readonly siteTitle: string;
  readonly articleTitle: string;
  readonly articleUrl: string;
  readonly item: DiscussionItem;
  readonly text: string;
  readonly reasons: readonly ModerationReason[];
}): { subject: string; body: string } {
  const { item } = input;
  const what =
    item.kind === 'comment'
      ? 'Comment'
      : item.kind === 'fediverse'
        ? 'Fediverse reply'
        : 'Linkback';
  const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ').slice(0, 200);
  return {
    subject: oneLine(`[${input.siteTitle}] ${what} held for moderation: ${input.articleTitle}`),
    body: [
      `A ${what.toLowerCase()} on "${input.articleTitle}" is waiting for moderation.`,
      `Article: ${input.articleUrl}`,
      '',
      `Author: ${item.authorName}${item.authorEmail ? ` <${item.authorEmail}>` : ''}`,
      ...(item.authorUrl ? [`Website: ${item.authorUrl}`] : []),
      ...(item.authorIp ? [`IP: ${item.authorIp}`] : []),
      `Held because: ${input.reasons.map(describeReason).join('; ') || 'moderation rules'}`,
      '',
      input.text,
      '',
      `Approve: newsdesk discussion approve ${item.id}`,
      `Spam:    newsdesk discussion spam ${item.id}`,
      `Trash:   newsdesk discussion trash ${item.id}`,
    ].join('\n'),
  };
}
