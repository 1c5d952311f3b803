import { describe, expect, it } from 'vitest';
import { recordingLogger as recorder } from '../../../test/support/recording-logger.js';
import { toGraphileLogger } from './graphile-logger.js';

const failure = (attempts: number) => ({
  failure: true,
  job: { id: '7', task_identifier: 'verify-linkback', attempts, max_attempts: 5 },
  error: new Error('source answered 503'),
  duration: 12,
});

describe('graphile-worker log lines', () => {
  it('logs a failed attempt that will be retried at info, without a stack', () => {
    const { lines, logger } = recorder();
    toGraphileLogger(logger).error('Failed task 7 ... :\n  at stack', failure(2));
    expect(lines).toEqual([
      {
        level: 'info',
        fields: {
          jobId: '7',
          task: 'verify-linkback',
          attempt: 2,
          maxAttempts: 5,
          error: 'source answered 503',
        },
        msg: 'job attempt failed; will retry',
      },
    ]);
  });

  it('logs the last failed attempt at warn', () => {
    const { lines, logger } = recorder();
    toGraphileLogger(logger).error('Failed task 7', failure(5));
    expect(lines.map((l) => l.level)).toEqual(['warn']);
  });

  it('keeps other errors at error level', () => {
    const { lines, logger } = recorder();
    toGraphileLogger(logger).error('could not connect', { error: new Error('down') });
    expect(lines.map((l) => l.level)).toEqual(['error']);
  });
});
