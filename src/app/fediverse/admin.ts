/**
 * What operators see of federation: who follows the site, and how deliveries to their inboxes
 * are going. Shared by the CLI (`newsdesk fediverse …`) and any admin page.
 */
/** A job as the queue lists it (the job engine's JobInfo, as far as deliveries need it). */
export interface QueuedJob {
  readonly id: string;
  readonly task: string;
  readonly payload: unknown;
  readonly status: 'queued' | 'running' | 'done' | 'dead';
  readonly runAt: Date;
  readonly attempts: number;
  readonly lastError: string | null;
}

/** The job queue's listing (the engine's JobQueue satisfies it). */
export interface JobLister {
  list(filter?: { readonly limit?: number }): Promise<readonly QueuedJob[]>;
}

export interface FollowerView {
  readonly id: string;
  readonly handle: string;
  readonly inbox: string;
  readonly sharedInbox: string | null;
  readonly since: string;
}

export interface FollowersPort {
  list(actor: string): Promise<FollowerView[]>;
}

export async function listFollowers(port: FollowersPort, actor = 'site'): Promise<FollowerView[]> {
  return port.list(actor);
}

export type DeliveryStatus = 'queued' | 'running' | 'failed' | 'dead';

export interface DeliveryView {
  readonly jobId: string;
  readonly inbox: string;
  readonly activityType: string;
  readonly activityId: string | null;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly runAt: string;
}

/** The delivery a federation job carries, or null for a job that is not one (fan-out, inbox). */
export function deliveryOf(job: QueuedJob, task: string): DeliveryView | null {
  if (job.task !== task || job.status === 'done') return null;
  const message = (job.payload as { message?: Record<string, unknown> } | null)?.message;
  if (message?.['type'] !== 'outbox' || typeof message['inbox'] !== 'string') return null;
  // Fedify counts its own attempts on the message; a failed one is queued again with a delay.
  const attempt = typeof message['attempt'] === 'number' ? message['attempt'] : 0;
  const status: DeliveryStatus =
    job.status === 'dead'
      ? 'dead'
      : attempt > 0 || job.lastError !== null
        ? 'failed'
        : job.status === 'running'
          ? 'running'
          : 'queued';
  return {
    jobId: job.id,
    inbox: message['inbox'],
    activityType: typeof message['activityType'] === 'string' ? message['activityType'] : '?',
    activityId: typeof message['activityId'] === 'string' ? message['activityId'] : null,
    status,
    attempts: Math.max(attempt, job.attempts),
    lastError: job.lastError,
    runAt: job.runAt.toISOString(),
  };
}

/** Deliveries waiting or failing, optionally only those of one status (`failed` includes dead). */
/** A delivery federation stopped retrying (its last attempt failed), as the store keeps it. */
export interface GivenUpView {
  readonly inbox: string;
  readonly activityId: string | null;
  readonly activityType: string;
  readonly attempts: number;
  readonly error: string;
  readonly at: string;
}

export async function listDeliveries(
  queue: JobLister,
  task: string,
  filter: { readonly status?: DeliveryStatus } = {},
  givenUp: readonly GivenUpView[] = [],
): Promise<DeliveryView[]> {
  const jobs = await queue.list({ limit: 1000 });
  const dead = givenUp.map((g): DeliveryView => ({
    jobId: '-',
    inbox: g.inbox,
    activityType: g.activityType,
    activityId: g.activityId,
    status: 'dead',
    attempts: g.attempts,
    lastError: g.error,
    runAt: g.at,
  }));
  return [...jobs.map((j) => deliveryOf(j, task)), ...dead]
    .filter((d): d is DeliveryView => d !== null)
    .filter(
      (d) =>
        filter.status === undefined ||
        d.status === filter.status ||
        (filter.status === 'failed' && d.status === 'dead'),
    );
}
