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
