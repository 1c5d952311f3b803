import type { Logger } from '../../src/app/ports.js';

export interface LoggedLine {
  readonly level: 'info' | 'warn' | 'error' | 'debug';
  readonly fields: object;
  readonly msg: string | undefined;
}

/** A Logger that keeps every line, for tests that pin what is logged and at which level. */
export function recordingLogger(): {
  readonly logger: Logger;
  readonly lines: LoggedLine[];
  /** Every line as text (errors by their message), to search for a cause. */
  text(): string;
} {
  const lines: LoggedLine[] = [];
  const at =
    (level: LoggedLine['level']) =>
    (obj: object | string, msg?: string): void => {
      lines.push({ level, fields: typeof obj === 'object' ? obj : {}, msg: msg ?? String(obj) });
    };
  const logger: Logger = {
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    debug: at('debug'),
    child: () => logger,
  };
  const describe = (value: unknown): string =>
    value instanceof Error ? `${value.name}: ${value.message}` : JSON.stringify(value);
  return {
    logger,
    lines,
    text: () =>
      lines
        .map(
          (l) =>
            `${l.level} ${l.msg ?? ''} ${Object.entries(l.fields)
              .map(([k, v]) => `${k}=${describe(v)}`)
              .join(' ')}`,
        )
        .join('\n'),
  };
}
