/**
 * Moderation of incoming linkbacks (W3C Webmention §4.1: receivers MAY moderate): held by default; sources on the approve
 * list go straight to approved (still only shown once verified); sources on the block list are
 * stored as spam and never fetched. A listed domain covers its subdomains; `www.` is ignored.
 */
import type { ModerationStatus } from '../../domain/discussion-item.js';
import type { LinkbackSettings } from '../site-settings.js';

const bareHost = (host: string): string =>
  host
    .toLowerCase()
    .replace(/^www\./, '')
    .replace(/\.$/, '');

export function domainListed(sourceUrl: string, domains: readonly string[]): boolean {
  let host: string;
  try {
    host = bareHost(new URL(sourceUrl).hostname);
  } catch {
    return false;
  }
  return domains.some((d) => {
    const listed = bareHost(d.trim());
    return listed !== '' && (host === listed || host.endsWith(`.${listed}`));
  });
}

export type SourceVerdict = 'blocked' | 'approved' | 'held';

export function judgeSource(sourceUrl: string, settings: LinkbackSettings): SourceVerdict {
  if (domainListed(sourceUrl, settings.blockDomains)) return 'blocked';
  if (domainListed(sourceUrl, settings.approveDomains)) return 'approved';
  return 'held';
}

/** The moderation status a linkback starts with (or returns to after a deletion). */
export function initialStatus(verdict: SourceVerdict): ModerationStatus {
  return verdict === 'blocked' ? 'spam' : verdict === 'approved' ? 'approved' : 'pending';
}
