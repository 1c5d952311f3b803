import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { FailureCode } from '../domain/failures.js';

/** The one place where failure codes become HTTP statuses. */
export const FAILURE_STATUS: Readonly<Record<FailureCode, ContentfulStatusCode>> = {
  not_found: 404,
  gone: 410,
  invalid_input: 400,
  conflict: 409,
  comments_closed: 403,
  linkbacks_closed: 403,
  rate_limited: 429,
  payload_too_large: 413,
  unsupported_media_type: 415,
  forbidden: 403,
};

export function statusFor(code: FailureCode): ContentfulStatusCode {
  return FAILURE_STATUS[code];
}
