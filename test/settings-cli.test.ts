import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliRunner } from './support/cli-child.js';

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-cli-settings-'));
const newsdesk = cliRunner(join(dir, 'cli.sqlite'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const show = () =>
  JSON.parse(newsdesk(['settings', 'show', '--json']).out) as {
    comments: { holdAll: boolean; blockWords: string[]; maxDepth: number };
    discussion: { closeCommentsAfterDays: number | null };
  };

describe('newsdesk settings', () => {
  it('shows every setting by key and changes one, recording it in the audit log', () => {
    const listed = newsdesk(['settings', 'show']);
    expect(listed.code).toBe(0);
    expect(listed.out).toMatch(/^comments\.holdAll\tfalse$/m);
    const set = newsdesk(['settings', 'set', 'comments.holdAll', 'on']);
    expect(set.code).toBe(0);
    expect(set.out).toContain('comments.holdAll: false → true');
    expect(newsdesk(['settings', 'set', 'comments.holdAll', 'on']).out).toContain('unchanged');
    expect(newsdesk(['settings', 'set', 'discussion.closeCommentsAfterDays', '14']).code).toBe(0);
    expect(newsdesk(['settings', 'set', 'comments.blockWords', '["casino","lottery"]']).code).toBe(
      0,
    );
    const s = show();
    expect(s.comments.holdAll).toBe(true);
    expect(s.discussion.closeCommentsAfterDays).toBe(14);
    expect(s.comments.blockWords).toEqual(['casino', 'lottery']);
    const audit = JSON.parse(newsdesk(['audit', '--action', 'settings.change', '--json']).out) as {
      actor: string;
    }[];
    expect(audit).toHaveLength(3);
    expect(audit[0]?.actor).toBe('cli');
  });

  it('refuses a bad value, an unknown key and a blocklist kept elsewhere, and saves nothing', () => {
    const before = show();
    const range = newsdesk(['settings', 'set', 'comments.maxDepth', '99']);
    expect(range.code).toBe(65);
    expect(range.err).toContain('comments.maxDepth: at most 20; nothing was saved');
    expect(newsdesk(['settings', 'set', 'comments.nope', '1']).code).toBe(65);
    const fedi = newsdesk(['settings', 'set', 'fediverse.blockInstances', 'social.example']);
    expect(fedi.code).toBe(65);
    expect(fedi.err).toContain('newsdesk fediverse block');
    expect(newsdesk(['settings', 'set', 'comments.blockWords', '[1]']).code).toBe(64);
    expect(newsdesk(['settings', 'set', 'comments.holdAll']).code).toBe(64);
    expect(show()).toEqual(before);
  });
});
