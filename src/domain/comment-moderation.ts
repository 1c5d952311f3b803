/**
 * The newsroom's moderation rules as a pure function: what a new discussion item's status should
 * be, and why. Spam rules win over hold rules; an item no rule catches is approved. Works for any
 * kind of item (comments, linkbacks): callers fill in what they know.
 */

export interface ModerationRules {
  readonly holdAll: boolean;
  readonly holdFirstTimeAuthors: boolean;
  /** Hold when the item has more links than this. */
  readonly holdWhenLinksExceed: number;
  readonly moderationWords: readonly string[];
  readonly blockWords: readonly string[];
  /** Whole addresses (`a@b.example`) or whole mail domains (`@b.example`). */
  readonly blockEmails: readonly string[];
  /** Whole addresses, or prefixes ending in `*` (`203.0.113.*`, `2001:db8:*`). */
  readonly blockIps: readonly string[];
  /** Host names; a listed domain also blocks its subdomains. */
  readonly blockDomains: readonly string[];
}

export interface ModerationCandidate {
  readonly authorName: string;
  readonly authorEmail: string | null;
  readonly authorUrl: string | null;
  readonly authorIp: string | null;
  /** What the author wrote, as plain source text. */
  readonly text: string;
  /** Every link target in the rendered content (absolute URLs). */
  readonly links: readonly string[];
  /** Items by the same author (email) approved before; 0 for a first-time author. */
  readonly approvedBefore: number;
}

export type ModerationReason =
  | { readonly rule: 'block-word'; readonly match: string }
  | { readonly rule: 'block-email'; readonly match: string }
  | { readonly rule: 'block-ip'; readonly match: string }
  | { readonly rule: 'block-domain'; readonly match: string }
  | { readonly rule: 'hold-all' }
  | { readonly rule: 'moderation-word'; readonly match: string }
  | { readonly rule: 'too-many-links'; readonly count: number; readonly limit: number }
  | { readonly rule: 'first-time-author' };

export interface ModerationVerdict {
  readonly status: 'approved' | 'pending' | 'spam';
  /** Every rule that fired, spam rules first; empty when approved. */
  readonly reasons: readonly ModerationReason[];
}

const clean = (list: readonly string[]) =>
  list.map((w) => w.trim().toLowerCase()).filter((w) => w.length > 0);

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Case-insensitive, and only as a whole word where the entry starts or ends with a letter or
 * digit: "ass" does not match "class" (the Scunthorpe problem), while "casino" matches "Casino!".
 */
export function findWord(words: readonly string[], haystacks: readonly string[]): string | null {
  const text = haystacks.join('\n');
  for (const word of clean(words)) {
    const start = /^[\p{L}\p{N}]/u.test(word) ? '(?<![\\p{L}\\p{N}])' : '';
    const end = /[\p{L}\p{N}]$/u.test(word) ? '(?![\\p{L}\\p{N}])' : '';
    if (new RegExp(`${start}${escapeRegExp(word)}${end}`, 'iu').test(text)) return word;
  }
  return null;
}

export function hostOf(url: string): string | null {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?(\[[^\]]*\]|[^:/?#]+)/i.exec(url.trim());
  return m?.[1] ? m[1].toLowerCase().replace(/\.$/, '') : null;
}

function matchDomain(domains: readonly string[], hosts: readonly string[]): string | null {
  for (const d of clean(domains).map((x) => x.replace(/^\*?\./, ''))) {
    if (hosts.some((h) => h === d || h.endsWith(`.${d}`))) return d;
  }
  return null;
}

function matchEmail(entries: readonly string[], email: string | null): string | null {
  if (!email) return null;
  const e = email.trim().toLowerCase();
  const domain = e.slice(e.lastIndexOf('@'));
  return clean(entries).find((x) => x === e || (x.startsWith('@') && x === domain)) ?? null;
}

function matchIp(entries: readonly string[], ip: string | null): string | null {
  if (!ip) return null;
  const a = ip.trim().toLowerCase();
  return (
    clean(entries).find((x) => (x.endsWith('*') ? a.startsWith(x.slice(0, -1)) : x === a)) ?? null
  );
}

export function moderationVerdict(
  item: ModerationCandidate,
  rules: ModerationRules,
): ModerationVerdict {
  const fields = [item.authorName, item.authorEmail ?? '', item.authorUrl ?? '', item.text];
  const hosts = [...item.links, item.authorUrl ?? '']
    .map(hostOf)
    .filter((h): h is string => h !== null);
  const emailDomain = item.authorEmail?.split('@').pop()?.toLowerCase();
  if (emailDomain) hosts.push(emailDomain);

  const spam: ModerationReason[] = [];
  const blockWord = findWord(rules.blockWords, fields);
  if (blockWord) spam.push({ rule: 'block-word', match: blockWord });
  const blockEmail = matchEmail(rules.blockEmails, item.authorEmail);
  if (blockEmail) spam.push({ rule: 'block-email', match: blockEmail });
  const blockIp = matchIp(rules.blockIps, item.authorIp);
  if (blockIp) spam.push({ rule: 'block-ip', match: blockIp });
  const blockDomain = matchDomain(rules.blockDomains, hosts);
  if (blockDomain) spam.push({ rule: 'block-domain', match: blockDomain });

  const hold: ModerationReason[] = [];
  if (rules.holdAll) hold.push({ rule: 'hold-all' });
  const word = findWord(rules.moderationWords, fields);
  if (word) hold.push({ rule: 'moderation-word', match: word });
  if (item.links.length > rules.holdWhenLinksExceed) {
    hold.push({
      rule: 'too-many-links',
      count: item.links.length,
      limit: rules.holdWhenLinksExceed,
    });
  }
  if (rules.holdFirstTimeAuthors && item.approvedBefore === 0) {
    hold.push({ rule: 'first-time-author' });
  }

  if (spam.length > 0) return { status: 'spam', reasons: [...spam, ...hold] };
  if (hold.length > 0) return { status: 'pending', reasons: hold };
  return { status: 'approved', reasons: [] };
}

/** One line per reason, for the moderation log and notifications. */
export function describeReason(r: ModerationReason): string {
  switch (r.rule) {
    case 'block-word':
      return `blocklisted word "${r.match}"`;
    case 'block-email':
      return `blocklisted email ${r.match}`;
    case 'block-ip':
      return `blocklisted IP ${r.match}`;
    case 'block-domain':
      return `blocklisted domain ${r.match}`;
    case 'hold-all':
      return 'every comment is held for moderation';
    case 'moderation-word':
      return `moderation word "${r.match}"`;
    case 'too-many-links':
      return `${r.count} links (more than ${r.limit})`;
    case 'first-time-author':
      return 'first comment by this author';
  }
}
