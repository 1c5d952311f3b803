/**
 * The code tables in the READMEs are the reference senders, operators and scripts read, so they
 * must list exactly what the code answers (as Fastify's test suite does for its error codes):
 * failure codes with their HTTP statuses and exit codes, Webmention error codes with theirs, and
 * the Pingback faults.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WEBMENTION_ERROR_CODES } from '../src/app/linkbacks/index.js';
import { FAILURE_EXIT } from '../src/cli/exit-codes.js';
import { FAILURE_CODES } from '../src/domain/failures.js';
import { PINGBACK_FAULT, XMLRPC_FAULT } from '../src/linkback/index.js';
import { FAILURE_STATUS, statusFor } from '../src/web/errors.js';
import { WEBMENTION_FAILURE } from '../src/web/linkbacks/webmention-app.js';

const read = (path: string) => readFileSync(new URL(`../${path}`, import.meta.url), 'utf8');

/** The body rows of the first Markdown table after `heading`, as trimmed cells. */
function tableAfter(markdown: string, heading: string): string[][] {
  const start = markdown.indexOf(heading);
  expect(start, `${heading} is in the document`).toBeGreaterThanOrEqual(0);
  const lines = markdown.slice(start).split('\n');
  const first = lines.findIndex((l) => l.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split('|')
        .map((cell) => cell.trim().replace(/^`(.*)`$/, '$1')),
    );
  }
  return rows;
}

describe("the README's failure table", () => {
  const rows = tableAfter(read('README.md'), '## Failure codes');

  it('lists every failure code of the catalogue, and nothing else', () => {
    expect(rows.map((r) => r[0]).sort()).toEqual(Object.keys(FAILURE_CODES).sort());
  });

  it('gives each the HTTP status of web/errors.ts and the exit code of cli/exit-codes.ts', () => {
    for (const [code, status, exit, meaning] of rows) {
      const key = code as keyof typeof FAILURE_CODES;
      expect({ code, status: Number(status), exit: Number(exit), meaning }).toEqual({
        code,
        status: FAILURE_STATUS[key],
        exit: FAILURE_EXIT[key],
        meaning: FAILURE_CODES[key],
      });
    }
  });
});

describe("the linkbacks README's tables", () => {
  const readme = read('src/web/linkbacks/README.md');

  it('lists every Webmention error code with the status it is answered with', () => {
    const rows = tableAfter(readme, '## Webmention');
    expect(rows.map((r) => r[0]).sort()).toEqual([...WEBMENTION_ERROR_CODES].sort());
    for (const [code, status] of rows) {
      const failure = WEBMENTION_FAILURE[code as (typeof WEBMENTION_ERROR_CODES)[number]];
      expect([code, Number(status)]).toEqual([code, statusFor(failure)]);
    }
  });

  it('lists every Pingback and XML-RPC fault code the server can answer', () => {
    const rows = tableAfter(readme, '## Pingback');
    const faults = [...Object.values(PINGBACK_FAULT), ...Object.values(XMLRPC_FAULT)];
    expect(rows.map((r) => Number(r[0])).sort((a, b) => a - b)).toEqual(
      faults.sort((a, b) => a - b),
    );
  });

  it('and the top-level README names the same faults', () => {
    const line = read('README.md')
      .split('\n')
      .find((l) => l.startsWith('| `POST /xmlrpc`'));
    const listed = /faults \(([^)]*)\)/.exec(line ?? '')?.[1] ?? '';
    const codes = listed.split(',').map((c) => Number(c.trim().replace('−', '-')));
    const faults = [...Object.values(PINGBACK_FAULT), ...Object.values(XMLRPC_FAULT)];
    expect(codes.sort((a, b) => a - b)).toEqual(faults.sort((a, b) => a - b));
  });
});
