import { parseArgs } from 'node:util';
import { UsageError } from './command.js';

type Spec = Record<string, 'string' | 'boolean' | 'strings'>;
type Parsed<S extends Spec> = {
  [K in keyof S]?: S[K] extends 'boolean' ? boolean : S[K] extends 'strings' ? string[] : string;
};

/** Strict flag parsing: unknown flags and stray arguments are usage errors with the flag named. */
export function parseFlags<S extends Spec>(
  args: readonly string[],
  spec: S,
  positionals = 0,
): Parsed<S> & { _: string[] } {
  const options = Object.fromEntries(
    Object.entries(spec).map(([name, kind]) => [
      name,
      kind === 'strings' ? { type: 'string' as const, multiple: true } : { type: kind },
    ]),
  );
  try {
    const { values, positionals: rest } = parseArgs({
      args: [...args],
      options,
      allowPositionals: positionals > 0,
      strict: true,
    });
    if (rest.length > positionals)
      throw new UsageError(`unexpected argument: ${rest[positionals]}`);
    return { ...(values as Parsed<S>), _: rest };
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(
      error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error),
    );
  }
}
