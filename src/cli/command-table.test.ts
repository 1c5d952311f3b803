import { describe, expect, it } from 'vitest';
import { EXIT, type Command, type CommandEntry, type CommandIo } from './command.js';
import { COMMANDS } from './command-table.js';
import { runCli } from './main.js';

function capture(): { io: CommandIo; out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { out: (l) => out.push(l), err: (l) => err.push(l), prompt: null }, out, err };
}

/** A table of two commands that records which modules were loaded. */
function recordingTable(loaded: string[]): CommandEntry[] {
  return ['alpha', 'beta'].map((name) => ({
    name,
    summary: `the ${name} command`,
    load: () => {
      loaded.push(name);
      const command: Command = {
        name,
        usage: `newsdesk ${name} [--flag]`,
        run: () => Promise.resolve(EXIT.ok),
      };
      return Promise.resolve(command);
    },
  }));
}

const noConfig = (): never => {
  throw new Error('no configuration in this test');
};

describe('the command table', () => {
  it('names each command once, and each loads the command of its own name', async () => {
    const names = COMMANDS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const entry of COMMANDS) {
      const command = await entry.load();
      expect(command.name).toBe(entry.name);
      expect(command.usage.startsWith(`newsdesk ${entry.name}`)).toBe(true);
    }
  });

  it('lists every command for --help without loading any of them', async () => {
    const loaded: string[] = [];
    const { io, out } = capture();
    expect(await runCli(['--help'], io, noConfig, recordingTable(loaded))).toBe(EXIT.ok);
    expect(out.join('\n')).toContain('  alpha       the alpha command');
    expect(out.join('\n')).toContain('  beta        the beta command');
    expect(loaded).toEqual([]);
  });

  it("prints a command's usage for its --help, loading that command alone", async () => {
    const loaded: string[] = [];
    const { io, out } = capture();
    expect(await runCli(['beta', '--help'], io, noConfig, recordingTable(loaded))).toBe(EXIT.ok);
    expect(out).toEqual(['usage: newsdesk beta [--flag]']);
    expect(loaded).toEqual(['beta']);
  });

  it('refuses an unknown command with the list, loading nothing', async () => {
    const loaded: string[] = [];
    const { io, err } = capture();
    expect(await runCli(['gamma'], io, noConfig, recordingTable(loaded))).toBe(EXIT.usage);
    expect(err.join('\n')).toContain("newsdesk: unknown command 'gamma'");
    expect(loaded).toEqual([]);
  });
});
