import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { FailureCode } from '../domain/failures.js';

/**
 * The one place where failure codes become HTTP statuses. Every refusal of every area (site,
 * comment form, protocol endpoints) takes its status from here.
 */
export const FAILURE_STATUS = {
  not_found: 404,
  gone: 410,
  invalid_input: 400,
  conflict: 409,
  comments_closed: 403,
  linkbacks_closed: 403,
  rate_limited: 429,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unauthenticated: 401,
  forbidden: 403,
  method_not_allowed: 405,
  unavailable: 503,
  precondition_failed: 412,
  precondition_required: 428,
} as const satisfies Readonly<Record<FailureCode, ContentfulStatusCode>>;

export type FailureStatus<C extends FailureCode> = (typeof FAILURE_STATUS)[C];

/** The status for a failure code, typed as exactly that status (no casts at the call sites). */
export function statusFor<C extends FailureCode>(code: C): FailureStatus<C> {
  return FAILURE_STATUS[code];
}

/**
 * The one JSON shape of a refusal: `{"error": code, "error_description": sentence}` (the
 * vocabulary Webmention receivers use). `error` defaults to the failure code; an endpoint with a
 * finer vocabulary of its own (Webmention's `invalid_source`, …) passes it.
 */
export function refuseJson(
  c: Context,
  failure: FailureCode,
  description: string,
  error: string = failure,
) {
  return c.json({ error, error_description: description }, statusFor(failure));
}
