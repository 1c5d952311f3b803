import type { Config } from '../config/config.js';

/** Exit codes follow sysexits.h so scripts can tell a typo from a broken database. */
export const EXIT = {
  ok: 0,
  failure: 1,
  usage: 64,
  dataError: 65,
  notFound: 66,
  software: 70,
  tempFail: 75,
  noPermission: 77,
  config: 78,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export interface CommandIo {
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Reads a line from the terminal without echo, for passwords; null when not interactive. */
  readonly prompt: ((question: string) => Promise<string>) | null;
}

/** A command's behaviour; its one-line summary lives in the command table (command-table.ts). */
export interface Command {
  readonly name: string;
  readonly usage: string;
  run(args: readonly string[], io: CommandIo, config: () => Config): Promise<ExitCode>;
}

/**
 * A command as `newsdesk --help` lists it. The module behind it (and everything that module
 * imports) loads only when the command is asked for, so one command never pays for the others.
 */
export interface CommandEntry {
  readonly name: string;
  readonly summary: string;
  readonly load: () => Promise<Command>;
}
