/** Background jobs: the queue the workers run, listed, and a dead job run again. */
import { z } from 'zod';
import { listJobs, retryJob, type JobEntry } from '../../../../app/jobs/manage-jobs.js';
import { ok } from '../../../../domain/result.js';
import { defineRoute, type ApiRouteGroup } from '../route-table.js';
import { iso } from '../schemas.js';

const jobStatus = z.enum(['queued', 'running', 'done', 'dead']);

export const adminJob = z
  .object({
    id: z.string(),
    task: z.string(),
    status: jobStatus,
    runAt: z.string(),
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    lastError: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'AdminJob' });

const jobJson = (j: JobEntry): z.input<typeof adminJob> => ({
  id: j.id,
  task: j.task,
  status: j.status,
  runAt: iso(j.runAt),
  attempts: j.attempts,
  maxAttempts: j.maxAttempts,
  lastError: j.lastError,
  createdAt: iso(j.createdAt),
  updatedAt: iso(j.updatedAt),
});

const listJobsRoute = defineRoute({
  method: 'get',
  path: '/jobs',
  operationId: 'listJobs',
  summary: 'Jobs by when they run; payloads are left out (they may hold personal data)',
  action: 'jobs.manage',
  scope: 'read',
  query: z
    .object({
      status: jobStatus.optional(),
      limit: z
        .string()
        .regex(/^(?:[1-9]\d{0,2}|1000)$/, 'a number from 1 to 1000')
        .transform(Number)
        .optional(),
    })
    .strict(),
  response: z.object({ items: z.array(adminJob) }),
  async handle({ deps, query }) {
    const jobs = await listJobs(deps.jobs, {
      ...(query.status ? { status: query.status } : {}),
      limit: query.limit ?? 100,
    });
    return ok({ body: { items: jobs.map(jobJson) } });
  },
});

const retryJobRoute = defineRoute({
  method: 'post',
  path: '/jobs/{id}/retry',
  operationId: 'retryJob',
  summary: 'Runs a dead (or waiting) job now, its attempts reset',
  action: 'jobs.manage',
  scope: 'write',
  params: z.object({
    id: z
      .string()
      .regex(/^[1-9]\d{0,18}$/, 'a job id')
      .meta({ description: 'The job’s id as listed.' }),
  }),
  response: z.object({ id: z.string() }),
  refusals: ['conflict'],
  async handle({ deps, caller, params, ip }) {
    const r = await retryJob(deps.app, deps.jobs, params.id, caller.user, ip);
    return r.ok ? ok({ body: r.value }) : r;
  },
});

export const JOB_ROUTES: ApiRouteGroup = {
  name: 'jobs',
  description: 'The background job queue (owners only).',
  routes: [listJobsRoute, retryJobRoute],
};
