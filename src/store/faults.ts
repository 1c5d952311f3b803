/**
 * The one place that knows which driver errors mean "the database is there but cannot answer
 * now" (a lock held elsewhere, a restart, a failover). The web layer answers those with 503 and
 * Retry-After through the classifier the composition root hands it; everything else stays a 500.
 */

export class StoreUnavailableError extends Error {
  constructor(
    message: string,
    override readonly cause: unknown,
  ) {
    super(message);
    this.name = 'StoreUnavailableError';
  }
}

interface DriverError {
  readonly code?: unknown;
  readonly errcode?: unknown;
  readonly message?: unknown;
}

const asDriverError = (error: unknown): DriverError | null =>
  typeof error === 'object' && error !== null ? (error as DriverError) : null;

const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;
const SQLITE_FULL = 13;

/** node:sqlite reports the extended result code; its low byte is the primary one. */
export function isSqliteBusy(error: unknown): boolean {
  const e = asDriverError(error);
  if (!e || e.code !== 'ERR_SQLITE_ERROR' || typeof e.errcode !== 'number') return false;
  const primary = e.errcode & 0xff;
  return primary === SQLITE_BUSY || primary === SQLITE_LOCKED;
}

/**
 * SQLSTATE class 08 (connection exception), 57P01–57P03 (shutdown, crash, cannot connect now)
 * and 53300 (too many connections): conditions that pass.
 */
const PG_UNAVAILABLE_STATE = /^(08|57P0[1-3]|53300)/;
// The web layer tells a reader's hang-up (its own socket closed) apart before asking this.
const NET_UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
]);
const PG_CLIENT_GONE =
  /Connection terminated|connection error|Client was closed|timeout exceeded when trying to connect/i;

/** The disk (or a quota) is full: the database cannot write until an operator frees space. */
export function isSqliteFull(error: unknown): boolean {
  const e = asDriverError(error);
  return e?.code === 'ERR_SQLITE_ERROR' && typeof e.errcode === 'number'
    ? (e.errcode & 0xff) === SQLITE_FULL
    : false;
}

export function isStoreUnavailable(error: unknown): boolean {
  if (error instanceof StoreUnavailableError) return true;
  if (isSqliteBusy(error) || isSqliteFull(error)) return true;
  const e = asDriverError(error);
  if (!e) return false;
  if (
    typeof e.code === 'string' &&
    (PG_UNAVAILABLE_STATE.test(e.code) || NET_UNAVAILABLE.has(e.code))
  ) {
    return true;
  }
  return typeof e.message === 'string' && PG_CLIENT_GONE.test(e.message);
}
