/**
 * What a Webmention status URL shows (Webmention §3.2.1 "201 Created with a Location"): queued,
 * verified (and whether it is shown), rejected with its reason, or deleted at the source.
 */
import { isPublic } from '../../domain/discussion-item.js';
import type { AppDeps } from '../deps.js';
import { readStatusToken } from './status-token.js';

export interface WebmentionStatus {
  readonly state: 'queued' | 'verified' | 'rejected' | 'deleted';
  /** Shown on the article page now (verified and approved). */
  readonly visible: boolean;
  /** Moderation, in words a sender can act on (never "spam"). */
  readonly moderation: 'awaiting moderation' | 'approved' | 'not shown';
  readonly reason: string | null;
  readonly protocol: string | null;
  readonly type: string;
  readonly source: string | null;
  readonly target: string | null;
  readonly updatedAt: Date;
}

export async function webmentionStatus(
  deps: Pick<AppDeps, 'repos'>,
  token: string,
): Promise<WebmentionStatus | null> {
  const id = await readStatusToken(deps, token);
  const record = id === null ? undefined : await deps.repos.discussion.findLinkback(id);
  if (!record) return null;
  const { item } = record;
  const state =
    item.status === 'deleted'
      ? 'deleted'
      : item.verification === 'verified'
        ? 'verified'
        : item.verification === 'rejected'
          ? 'rejected'
          : 'queued';
  return {
    state,
    visible: isPublic(item),
    moderation:
      item.status === 'approved'
        ? 'approved'
        : item.status === 'pending'
          ? 'awaiting moderation'
          : 'not shown',
    reason: state === 'rejected' || state === 'deleted' ? item.verificationError : null,
    protocol: item.protocol,
    type: item.type,
    source: item.sourceUrl,
    target: item.targetUrl,
    updatedAt: item.updatedAt,
  };
}
