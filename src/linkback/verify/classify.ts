/**
 * Linkback type against *our* target (as webmention.rocks classifies mentions): a response property counts only if it
 * refers to the target URL (webmention.rocks `getMentionType`); otherwise it is a mention.
 * Precedence (our recommendation): rsvp, repost, like, bookmark, reply, mention. An RSVP is a
 * reply to an event carrying a valid `rsvp` value.
 */
import { matchKey } from '../url.js';
import { firstString, propertyUrls, type Mf2Item } from './mf2.js';

export type LinkbackType = 'rsvp' | 'repost' | 'like' | 'bookmark' | 'reply' | 'mention';
export type RsvpValue = 'yes' | 'no' | 'maybe' | 'interested';

export interface Classification {
  readonly type: LinkbackType;
  readonly rsvp?: RsvpValue;
}

const RSVP_VALUES: readonly string[] = ['yes', 'no', 'maybe', 'interested'];

/** Property → type, in precedence order after rsvp. */
const RESPONSE_PROPERTIES: ReadonlyArray<readonly [string, LinkbackType]> = [
  ['repost-of', 'repost'],
  ['like-of', 'like'],
  ['bookmark-of', 'bookmark'],
  ['in-reply-to', 'reply'],
];

export function classifyEntry(
  entry: Mf2Item,
  target: string | URL,
  base: string | URL,
): Classification {
  const targetKey = matchKey(String(target));
  const refersToTarget = (property: string): boolean =>
    targetKey !== null &&
    propertyUrls(entry, property).some((u) => matchKey(u, base) === targetKey);

  const rsvp = firstString(entry, 'rsvp')?.toLowerCase();
  if (rsvp !== undefined && RSVP_VALUES.includes(rsvp) && refersToTarget('in-reply-to')) {
    return { type: 'rsvp', rsvp: rsvp as RsvpValue };
  }
  for (const [property, type] of RESPONSE_PROPERTIES) {
    if (refersToTarget(property)) return { type };
  }
  return { type: 'mention' };
}
