import { createInterface } from 'node:readline';
import { ConfigError, loadConfigFromProcess, type Config } from '../config/config.js';
import { EXIT, UsageError, type CommandEntry, type CommandIo, type ExitCode } from './command.js';
import { COMMANDS } from './command-table.js';

function help(commands: readonly CommandEntry[]): string {
  return [
    'usage: newsdesk <command> [options]',
    '',
    ...commands.map((c) => `  ${c.name.padEnd(11)} ${c.summary}`),
    '',
    'Configuration comes from NEWSDESK_* environment variables (see README).',
    "Run 'newsdesk <command> --help' for a command's options.",
  ].join('\n');
}

function hiddenPrompt(question: string): Promise<string> {
  return new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stderr, terminal: true });
    const write = (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput;
    (rl as unknown as { _writeToOutput: (s: string) => void })._writeToOutput = (s: string) => {
      if (s.startsWith(question)) write.call(rl, s);
    };
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
  });
}

export async function runCli(
  argv: readonly string[],
  io: CommandIo,
  getConfig: () => Config,
  commands: readonly CommandEntry[] = COMMANDS,
): Promise<ExitCode> {
  const [name, ...args] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.out(help(commands));
    return name ? EXIT.ok : EXIT.usage;
  }
  const entry = commands.find((c) => c.name === name);
  if (!entry) {
    io.err(`newsdesk: unknown command '${name}'\n\n${help(commands)}`);
    return EXIT.usage;
  }
  const command = await entry.load();
  if (args.includes('--help') || args.includes('-h')) {
    io.out(`usage: ${command.usage}`);
    return EXIT.ok;
  }
  try {
    return await command.run(args, io, getConfig);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`newsdesk ${name}: ${error.message}\nusage: ${command.usage}`);
      return EXIT.usage;
    }
    if (error instanceof ConfigError) {
      io.err(`newsdesk: configuration error: ${error.message}`);
      return EXIT.config;
    }
    // Imported here rather than at the top: only a command that loaded it can throw one.
    const { MigrationError } = await import('../main/migrate.js');
    if (error instanceof MigrationError) {
      io.err(`newsdesk: ${error.message}`);
      return EXIT.software;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.err(`newsdesk ${name}: ${message}`);
    return EXIT.failure;
  }
}

/** The process entry point: real stdio, the real environment, the exit code. */
export async function main(argv: readonly string[]): Promise<void> {
  let config: Config | undefined;
  const code = await runCli(
    argv,
    {
      out: (line) => process.stdout.write(`${line}\n`),
      err: (line) => process.stderr.write(`${line}\n`),
      prompt: process.stdin.isTTY ? hiddenPrompt : null,
    },
    () => (config ??= loadConfigFromProcess()),
  );
  process.exitCode = code;
}
