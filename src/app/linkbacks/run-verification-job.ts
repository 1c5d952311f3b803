import type { JobRequest, Logger } from '../ports.js';
import type { LinkbackDeps } from './deps.js';
import type { LinkbackRecord } from './ports.js';
import { verificationJob, verifyPayload, type VerifyPayload } from './verification-job.js';
import { verifyLinkback, type VerifyResult } from './verify-linkback.js';
import {
  DEFAULT_VERIFY_SCHEDULE,
  deferralDelayMs,
  jittered,
  maxAttempts,
  retryDelayMs,
  type Random,
  type VerifySchedule,
} from './verify-schedule.js';

/** What the job runner needs beyond the linkback use cases' own dependencies. */
export interface VerifyJobDeps extends LinkbackDeps {
  readonly schedule?: VerifySchedule;
  /** For the jitter (default Math.random). */
  readonly random?: Random;
}

/**
 * What a worker runs for a `verify-linkback` job (queued as `verification-job.ts` describes).
 * The job queues its own next run, in the transaction that records its result, and completes:
 * - our own limits refused the fetch → the same job again after a jittered, growing delay, with
 *   no attempt spent (after `maxDeferrals` in a row the refusal counts as an attempt);
 * - the source failed (404/5xx/timeout: perhaps transient, W3C Webmention §3.2.2 leaves the
 *   policy to the receiver) → the next attempt after the schedule's jittered delay; the last
 *   attempt settles the row instead;
 * - an established mention → a re-check after `recheckMs` (sooner while its source answers 404).
 * It throws only for faults of ours (the queue then retries it with its own backoff).
 */
export async function runVerifyLinkbackJob(
  deps: VerifyJobDeps,
  payload: unknown,
  helpers: { readonly jobId: string; readonly attempt: number; readonly logger: Logger },
): Promise<void> {
  const job = verifyPayload.parse(payload);
  const schedule = deps.schedule ?? DEFAULT_VERIFY_SCHEDULE;
  const random = deps.random ?? Math.random;
  // The queue counts its own runs of this job (a crash uses one up), on top of earlier jobs'.
  const attempt = (job.attemptsUsed ?? 0) + helpers.attempt;
  const { result } = await verifyLinkback(
    { ...deps, logger: helpers.logger },
    job.itemId,
    job.mode,
    {
      // A re-check never retries quickly: a failure keeps the mention until the next one.
      final: job.mode === 'recheck' || attempt >= maxAttempts(schedule),
      fetchAuthorPage: true,
      hideMissingAfterMs: schedule.hideMissingAfterMs,
      next: (r, before) => {
        const next = nextJob(r, before, { job, attempt, schedule, random, now: deps.clock() });
        // A job a receiver queued for this item while this one ran is newer: it wins the key.
        if (!next || !/^\d{1,19}$/.test(helpers.jobId)) return next;
        return { ...next, yieldToJobsAfter: helpers.jobId };
      },
    },
  );
  if (result.kind === 'retry' || result.kind === 'deferred') {
    helpers.logger.info(
      { itemId: job.itemId, attempt, reason: result.reason, result: result.kind },
      'linkback verification will run again',
    );
  }
}

interface Context {
  readonly job: VerifyPayload;
  /** The genuine attempt this run is. */
  readonly attempt: number;
  readonly schedule: VerifySchedule;
  readonly random: Random;
  readonly now: Date;
}

/** The job that follows a run's result, or none. Exported for its unit test. */
export function nextJob(
  result: VerifyResult,
  before: LinkbackRecord,
  c: Context,
): JobRequest | undefined {
  const { job, schedule: s, random, now } = c;
  const recheck = (delayMs: number) =>
    delayMs > 0 ? verificationJob(job.itemId, 'recheck', now, delayMs) : undefined;
  const periodic = () => recheck(s.recheckMs > 0 ? jittered(s.recheckMs, random) : 0);
  switch (result.kind) {
    case 'deferred': {
      const deferrals = (job.deferrals ?? 0) + 1;
      if (deferrals > s.maxDeferrals) return undefined;
      return verificationJob(job.itemId, job.mode, now, deferralDelayMs(deferrals, s, random), {
        attemptsUsed: c.attempt - 1,
        deferrals,
      });
    }
    case 'retry': {
      const delay = retryDelayMs(c.attempt, s, random);
      if (delay === undefined) return undefined;
      return verificationJob(job.itemId, job.mode, now, delay, {
        attemptsUsed: c.attempt,
        deferrals: 0,
      });
    }
    case 'missing':
      return recheck(jittered(s.missingRecheckMs, random));
    case 'verified':
    case 'kept':
    case 'hidden':
      return periodic();
    case 'skipped': {
      // A re-check that met a moderated row keeps its schedule (it fetched nothing), so a
      // mention restored from spam or trash is still re-read. An inline-verified Pingback's
      // safety net (jobs queued before Pingback answered first) starts the re-checks.
      const moderated = before.item.status === 'spam' || before.item.status === 'trash';
      if (job.mode === 'recheck' && moderated) return periodic();
      return before.verifiedAt !== null &&
        before.item.status !== 'deleted' &&
        before.item.status !== 'spam' &&
        before.item.status !== 'trash' &&
        job.mode === 'if-pending'
        ? periodic()
        : undefined;
    }
    case 'deleted':
    case 'rejected':
      return undefined;
  }
}
