/** A statement seen by the store's query hook. */
export interface RecordedStatement {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/**
 * Records the SQL statements run while `during` runs, through the `onQuery` hook a test site
 * passes to its store (startLinkbackSite's option); statements outside it are ignored.
 */
export function statementRecorder() {
  let recording = false;
  const statements: RecordedStatement[] = [];
  return {
    onQuery(sql: string, parameters: readonly unknown[]): void {
      if (recording) statements.push({ sql, parameters });
    },
    async during<T>(
      work: () => Promise<T>,
    ): Promise<{ result: T; statements: RecordedStatement[] }> {
      statements.length = 0;
      recording = true;
      try {
        return { result: await work(), statements: [...statements] };
      } finally {
        recording = false;
      }
    },
  };
}
