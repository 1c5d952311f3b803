/**
 * Named, bounded steps for a long browser test. Each step races a deadline of its own, so a step
 * that stalls (a Playwright call with no timeout of its own: opening a page, typing, evaluating,
 * closing) fails with its name and the steps done before it, well inside the test's limit,
 * instead of the runner's bare "Test timed out".
 */
export class StepTimedOut extends Error {
  constructor(
    readonly step: string,
    readonly ms: number,
    readonly done: readonly string[],
  ) {
    super(
      `step "${step}" did not finish in ${ms} ms; done before it: ${done.join(', ') || 'none'}`,
    );
    this.name = 'StepTimedOut';
  }
}

export interface Steps {
  /** Runs `action`, failing with StepTimedOut when it takes longer than `ms`. */
  run<T>(name: string, ms: number, action: () => Promise<T>): Promise<T>;
  /** The steps finished so far, each with the milliseconds it took. */
  done(): readonly string[];
}

export function steps(now: () => number = Date.now): Steps {
  const done: string[] = [];
  return {
    async run(name, ms, action) {
      const start = now();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new StepTimedOut(name, ms, [...done])), ms);
      });
      try {
        const value = await Promise.race([action(), deadline]);
        done.push(`${name} (${now() - start} ms)`);
        return value;
      } finally {
        clearTimeout(timer);
      }
    },
    done: () => [...done],
  };
}
