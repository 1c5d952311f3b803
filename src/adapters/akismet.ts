import type { SpamChecker } from '../app/comments/spam-checker.js';
import type { Logger } from '../app/ports.js';
import type { Fetcher } from '../net/index.js';

export const AKISMET_ENDPOINT = 'https://rest.akismet.com/1.1/comment-check';

export interface AkismetOptions {
  readonly apiKey: string;
  /** The site's home URL (Akismet's `blog`). */
  readonly siteUrl: string;
  /** The guarded fetcher from src/net: the only way out. */
  readonly fetch: Fetcher;
  readonly logger: Logger;
  /** An Akismet-compatible comment-check URL. */
  readonly endpoint?: string;
}

/**
 * Akismet's comment-check call (https://akismet.com/developers/comment-check/): a form POST
 * answered with the body `true` (spam) or `false` (ham); anything else, such as `invalid` for a
 * bad key with an `X-akismet-debug-help` header, means no verdict.
 */
export function akismetChecker(opts: AkismetOptions): SpamChecker {
  return {
    async check(input) {
      const form = new URLSearchParams({
        api_key: opts.apiKey,
        blog: opts.siteUrl,
        permalink: input.permalink,
        comment_type: 'comment',
        comment_author: input.authorName,
        comment_author_email: input.authorEmail,
        comment_content: input.content,
        user_ip: input.ip ?? '',
        user_agent: input.userAgent ?? '',
        referrer: input.referrer ?? '',
      });
      if (input.authorUrl) form.set('comment_author_url', input.authorUrl);
      const res = await opts.fetch({
        url: opts.endpoint ?? AKISMET_ENDPOINT,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
        body: form.toString(),
        accept: ['text/plain', 'text/html', 'application/json'],
        maxBytes: 4096,
        maxRedirects: 0,
      });
      if (!res.ok) {
        opts.logger.warn({ code: res.error.code }, 'akismet: no verdict (request failed)');
        return 'unknown';
      }
      const body = res.value.body.trim();
      if (res.value.status === 200 && body === 'true') return 'spam';
      if (res.value.status === 200 && body === 'false') return 'ham';
      opts.logger.warn(
        { status: res.value.status, help: res.value.headers.get('x-akismet-debug-help') },
        'akismet: no verdict',
      );
      return 'unknown';
    },
  };
}
