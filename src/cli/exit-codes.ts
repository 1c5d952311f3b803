import type { FailureCode } from '../domain/failures.js';
import { EXIT, type ExitCode } from './command.js';

/**
 * The one place where failure codes become exit codes (sysexits.h), beside web/errors.ts's
 * statuses; the README's failure table lists both.
 */
export const FAILURE_EXIT = {
  not_found: EXIT.notFound,
  gone: EXIT.dataError,
  invalid_input: EXIT.dataError,
  conflict: EXIT.dataError,
  comments_closed: EXIT.noPermission,
  linkbacks_closed: EXIT.noPermission,
  rate_limited: EXIT.tempFail,
  payload_too_large: EXIT.dataError,
  unsupported_media_type: EXIT.dataError,
  unauthenticated: EXIT.noPermission,
  forbidden: EXIT.noPermission,
  method_not_allowed: EXIT.usage,
  unavailable: EXIT.tempFail,
  precondition_failed: EXIT.dataError,
  precondition_required: EXIT.usage,
} as const satisfies Readonly<Record<FailureCode, ExitCode>>;

export function exitFor(code: FailureCode): ExitCode {
  return FAILURE_EXIT[code];
}
