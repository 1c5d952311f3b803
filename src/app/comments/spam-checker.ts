/**
 * An optional second opinion on comments (an Akismet-compatible service). Off by default; the
 * verdict is advisory: 'unknown' (service down, bad key) never blocks a comment.
 */
export interface SpamCheckInput {
  readonly permalink: string;
  readonly authorName: string;
  readonly authorEmail: string;
  readonly authorUrl: string | null;
  readonly content: string;
  readonly ip: string | null;
  readonly userAgent: string | null;
  readonly referrer: string | null;
}

export type SpamVerdict = 'spam' | 'ham' | 'unknown';

export interface SpamChecker {
  check(input: SpamCheckInput): Promise<SpamVerdict>;
}
