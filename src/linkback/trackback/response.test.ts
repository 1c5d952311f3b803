import { describe, expect, it } from 'vitest';
import { loadScenarios } from '../fixtures/load-scenarios.js';
import { encodeTrackbackResponse, type TrackbackOutcome } from './response.js';

const scenarios = loadScenarios<{ outcome: TrackbackOutcome }>('trackback/responses', 'xml');

describe('TrackBack responses', () => {
  it.each(scenarios.map((s) => [s.name, s] as const))(
    'match the golden file %s (F80, F82, F90)',
    (_name, { body, meta }) => {
      expect(encodeTrackbackResponse(meta.outcome)).toBe(body);
    },
  );
});
