/** The ids in an admin path (`/admin/articles/12/revisions/3`), read once with one message. */
import { failure, type Failure } from '../../../domain/failures.js';
import { err, ok, type Result } from '../../../domain/result.js';

const ID = /^[1-9][0-9]{0,11}$/;

export function pathId(value: string | undefined, what: string): Result<number, Failure> {
  return value !== undefined && ID.test(value)
    ? ok(Number(value))
    : err(
        failure('invalid_input', `The ${what} in the address must be a whole number such as 12.`),
      );
}
