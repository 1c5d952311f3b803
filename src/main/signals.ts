/**
 * Waits for SIGTERM or SIGINT. A second signal while shutting down ends the process at once
 * (exit 130 for SIGINT, 143 for SIGTERM), for an operator who does not want to wait.
 */
export function untilStopSignal(
  onForced: (signal: NodeJS.Signals) => void,
): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const first = (signal: NodeJS.Signals) => {
      process.off('SIGINT', first);
      process.off('SIGTERM', first);
      const again = (s: NodeJS.Signals) => onForced(s);
      process.once('SIGINT', again);
      process.once('SIGTERM', again);
      resolve(signal);
    };
    process.on('SIGINT', first);
    process.on('SIGTERM', first);
  });
}

/** Resolves true when `work` settles within `ms`, false when the time ran out first. */
export async function within(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true as const), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export const forcedExitCode = (signal: NodeJS.Signals): number => (signal === 'SIGINT' ? 130 : 143);
