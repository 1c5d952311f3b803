/**
 * The catalogue of failures that cross a boundary, with stable codes. Use cases return them as
 * values (a Result); the web layer maps each code to an HTTP status in exactly one place
 * (web/errors.ts), the CLI to an exit code in exactly one place (cli/exit-codes.ts). The README's
 * table lists all three, and a test keeps it in step.
 */
export const FAILURE_CODES = {
  not_found: 'The thing asked for does not exist.',
  gone: 'The thing asked for was deleted.',
  invalid_input: 'The input was malformed or out of range.',
  conflict: 'The change conflicts with existing data.',
  comments_closed: 'Comments are closed for this article.',
  linkbacks_closed: 'Trackbacks, pingbacks and webmentions are closed for this article.',
  rate_limited: 'Too many requests; try again later.',
  payload_too_large: 'The request body is larger than allowed.',
  unsupported_media_type: 'The request body has a content type this endpoint does not accept.',
  unauthenticated: 'Sign in first.',
  forbidden: 'This action is not allowed.',
  method_not_allowed: 'This endpoint does not answer that request method.',
  unavailable: 'The database cannot answer right now; try again shortly.',
  precondition_failed: 'The item changed since the version the request names (If-Match).',
  precondition_required: 'This change must name the version it starts from (If-Match).',
} as const;

export type FailureCode = keyof typeof FAILURE_CODES;

export interface Failure {
  readonly code: FailureCode;
  readonly message: string;
  /** Per-field messages for forms. */
  readonly fields?: Readonly<Record<string, string>>;
  readonly retryAfterSeconds?: number;
}

export function failure(
  code: FailureCode,
  message: string = FAILURE_CODES[code],
  extra: Omit<Failure, 'code' | 'message'> = {},
): Failure {
  return { code, message, ...extra };
}
