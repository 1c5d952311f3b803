import { akismetChecker } from '../adapters/akismet.js';
import { slidingWindowLimiter } from '../adapters/sliding-window-limiter.js';
import { formTokens } from '../app/comments/form-token.js';
import { tokenSlots } from '../app/comments/token-slots.js';
import { socketClientIp } from '../web/client-ip.js';
import { commentsApp } from '../web/comments/comments-app.js';
import { commentFormDecorator } from '../web/comments/form-decorator.js';
import { readerFill } from '../web/comments/reader-fill.js';
import type { SiteDeps } from '../web/site/site-app.js';
import type { Runtime } from './runtime.js';

/**
 * The comments feature's parts for one HTTP app: the article-page form and the POST route. The
 * rate limiter lives in this process's memory (see adapters/sliding-window-limiter.ts).
 */
export function commentsFeature(rt: Runtime) {
  const { config, deps } = rt;
  const tokens = formTokens(deps.repos.settings);
  const slots = tokenSlots(tokens, deps.clock);
  const limiter = slidingWindowLimiter({ now: () => deps.clock().getTime() });
  const spamChecker = config.akismetKey
    ? akismetChecker({
        apiKey: config.akismetKey,
        siteUrl: config.siteUrl,
        endpoint: config.akismetUrl ?? undefined,
        logger: deps.logger.child({ component: 'akismet' }),
        fetch: rt.spamCheckFetcher,
      })
    : null;
  return {
    decorator: commentFormDecorator({ app: deps, tokens, slots }),
    slots,
    readerFill,
    app: (site: SiteDeps) =>
      commentsApp({
        app: deps,
        limiter,
        tokens,
        spamChecker,
        siteTitle: config.siteTitle,
        site,
        clientIp: socketClientIp,
      }),
  };
}
