import type { Logger } from '../ports.js';
import type { LinkbackDeps } from './deps.js';
import { VERIFY_MAX_ATTEMPTS, verifyPayload } from './verification-job.js';
import { verifyLinkback } from './verify-linkback.js';

/**
 * What a worker runs for a `verify-linkback` job (queued as `verification-job.ts` describes).
 * Throws to have the queue retry with backoff while a source is unavailable (404/5xx/timeout:
 * perhaps transient, W3C Webmention §3.2.2 leaves the policy to the receiver); the last attempt
 * settles the row instead.
 */
export async function runVerifyLinkbackJob(
  deps: LinkbackDeps,
  payload: unknown,
  helpers: { readonly attempt: number; readonly logger: Logger },
): Promise<void> {
  const job = verifyPayload.parse(payload);
  const { result } = await verifyLinkback(
    { ...deps, logger: helpers.logger },
    job.itemId,
    job.mode,
    {
      final: helpers.attempt >= VERIFY_MAX_ATTEMPTS,
      fetchAuthorPage: true,
    },
  );
  if (result.kind === 'retry') {
    throw new Error(`linkback source unavailable (${result.reason}); will retry`);
  }
}
