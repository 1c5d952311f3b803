import { describe, expect, it } from 'vitest';
import { loadScenarios } from '../fixtures/load-scenarios.js';
import { linkHeaderValues } from './link-header.js';
import { discoverWebmentionEndpoint } from './webmention.js';

interface DiscoveryMeta {
  description: string;
  finalUrl: string;
  headers: Array<[string, string]>;
  contentType: string | null;
  expected: string | null;
}

const scenarios = loadScenarios<DiscoveryMeta>('discovery/webmention', 'html');

describe('Webmention endpoint discovery (webmention.rocks and extra golden cases)', () => {
  it('has a fixture for every discovery case, A1–A27 (docs/conformance.md)', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(27);
  });

  it.each(scenarios.map((s) => [`${s.name}: ${s.meta.description}`, s] as const))(
    '%s',
    (_title, { body, meta }) => {
      const endpoint = discoverWebmentionEndpoint({
        finalUrl: meta.finalUrl,
        linkHeaders: linkHeaderValues(meta.headers),
        contentType: meta.contentType ?? undefined,
        body,
      });
      expect(endpoint?.href ?? null).toBe(meta.expected);
    },
  );
});
