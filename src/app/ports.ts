/** The ports use cases depend on. Implementations are passed in by the composition root. */

/** The current time. Tests pass a pinned clock. */
export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** The part of a pino logger we use, so tests can pass a recording one. */
export interface Logger {
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  debug(obj: object | string, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

export const silentLogger: Logger = {
  info: () => {},
  warn: () => {},
  error: () => {},
  debug: () => {},
  child: () => silentLogger,
};

/** A job to run later, durably. Mirrors the job queue's enqueue request. */
export interface JobRequest {
  readonly task: string;
  readonly payload: { readonly [key: string]: unknown };
  readonly runAt?: Date;
  readonly dedupeKey?: string;
  readonly maxAttempts?: number;
}

/**
 * A transaction with the repositories and the job queue bound to it: rows and the jobs that
 * concern them commit together or not at all.
 */
export interface TxContext<R> {
  readonly repos: R;
  enqueue(job: JobRequest): Promise<void>;
}

export interface UnitOfWork<R> {
  run<T>(work: (tx: TxContext<R>) => Promise<T>): Promise<T>;
}
