import { pino } from 'pino';
import type { Logger } from '../app/ports.js';
import type { Config } from '../config/config.js';

/** Logs go to stderr as JSON lines, so stdout stays for command output. */
export function createLogger(config: Pick<Config, 'logLevel'>): Logger {
  return pino({ level: config.logLevel, base: { app: 'newsdesk' } }, pino.destination(2));
}
