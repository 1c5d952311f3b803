/** What the admin API is given by the composition root (src/main/admin-api.ts). */
import type { AppDeps } from '../../../app/deps.js';
import type { AdminContentQueries } from '../../../app/admin-content/ports.js';
import type { JobsPort } from '../../../app/jobs/manage-jobs.js';
import type { SendDeps } from '../../../app/linkbacks/send-deps.js';
import type { MediaDeps } from '../../../app/media/deps.js';
import type { ClientIp } from '../../client-ip.js';

export interface AdminApiLimits {
  /** Requests a caller (token, session, or address without credentials) may make per window. */
  readonly requestsPerWindow: number;
  readonly windowSeconds: number;
}

export interface AdminApiDeps {
  readonly app: AppDeps;
  readonly media: MediaDeps;
  /** Keyset pages of everything the admin sees (drafts and trash included). */
  readonly content: AdminContentQueries;
  readonly clientIp: ClientIp;
  readonly limits: AdminApiLimits;
  /** The job queue (listing and retrying jobs). */
  readonly jobs: JobsPort;
  /** What sending linkbacks again from the ledger needs. */
  readonly send: SendDeps;
}
