import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[] }[];
}

/**
 * axe-core's serious and critical violations on the page, one line each (empty: none). It runs
 * as a script, so a page in a JavaScript-off context cannot be checked: callers check the same
 * pages with JavaScript on. `passes` is how many rules passed, so a caller can see axe ran.
 */
export async function axeSerious(page: Page): Promise<{ violations: string[]; passes: number }> {
  await page.evaluate(AXE_SOURCE);
  const result = await page.evaluate(async () => {
    const w = window as unknown as {
      axe: {
        run: (d: Document, o: object) => Promise<{ violations: AxeViolation[]; passes: unknown[] }>;
      };
    };
    const r = await w.axe.run(document, { resultTypes: ['violations'] });
    return { violations: r.violations, passes: r.passes.length };
  });
  return {
    passes: result.passes,
    violations: result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes[0]?.target)}`),
  };
}
