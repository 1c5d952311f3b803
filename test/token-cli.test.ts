import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliRunner } from './support/cli-child.js';

const dir = mkdtempSync(join(tmpdir(), 'newsdesk-cli-token-'));
const db = join(dir, 'cli.sqlite');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const newsdesk = cliRunner(db);

const create = (extra: string[]) =>
  newsdesk(['token', 'create', '--user', 'ed@example.org', '--name', 'wire', ...extra]);

describe('newsdesk token', () => {
  beforeAll(() => {
    const r = newsdesk([
      'user',
      'add',
      '--email',
      'ed@example.org',
      '--name',
      'Ed',
      '--role',
      'editor',
    ]);
    expect(r.code).toBe(0);
  });

  it('creates a token, prints it once, lists it without the secret and revokes it', () => {
    const made = create(['--scopes', 'read,write', '--expires-days', '7']);
    expect(made.code).toBe(0);
    const secret = made.out.trim();
    expect(secret).toMatch(/^nd_[A-Za-z0-9_-]{43}$/);
    expect(made.err).toContain('shown only now');

    const json = create(['--scopes', 'moderate', '--json']);
    expect(json.code).toBe(0);
    const parsed = JSON.parse(json.out) as {
      id: number;
      token: string;
      scopes: string[];
      status: string;
    };
    expect(parsed.token).toMatch(/^nd_/);
    expect(parsed.scopes).toEqual(['moderate']);
    expect(parsed.status).toBe('active');

    const list = newsdesk(['token', 'list', '--json']);
    expect(list.code).toBe(0);
    expect(list.out).not.toContain(secret.slice(3));
    expect(list.out).not.toContain(parsed.token.slice(3));
    const tokens = JSON.parse(list.out) as { id: number; name: string; status: string }[];
    expect(tokens.map((t) => t.id)).toEqual([parsed.id, parsed.id - 1]);

    const revoked = newsdesk(['token', 'revoke', String(parsed.id)]);
    expect(revoked.code).toBe(0);
    expect(revoked.out).toContain(`token ${parsed.id} revoked`);
    const again = newsdesk(['token', 'list']);
    expect(again.out).toMatch(new RegExp(`^${parsed.id}\\trevoked\\t`, 'm'));
    expect(newsdesk(['token', 'revoke', String(parsed.id)]).code).toBe(65);

    const audit = newsdesk(['audit', '--action', 'api-token.revoke', '--json']);
    expect(JSON.parse(audit.out)).toHaveLength(1);
  });

  it('refuses malformed arguments with exit 64 and stores nothing', { timeout: 120_000 }, () => {
    const before = newsdesk(['token', 'list', '--json']).out;
    for (const args of [
      ['token'],
      ['token', 'mint'],
      ['token', 'create', '--name', 'x', '--scopes', 'read'],
      ['token', 'create', '--user', 'ed@example.org', '--scopes', 'read'],
      ['token', 'create', '--user', 'ed@example.org', '--name', 'x'],
      ['token', 'create', '--user', 'ed@example.org', '--name', 'x', '--scopes', 'read', '--admin'],
      [
        'token',
        'create',
        '--user',
        'ed@example.org',
        '--name',
        'x',
        '--scopes',
        'read',
        '--expires-days',
        'ten',
      ],
      [
        'token',
        'create',
        '--user',
        'ed@example.org',
        '--name',
        'x',
        '--scopes',
        'read',
        '--expires-days',
        '-3',
      ],
      [
        'token',
        'create',
        '--user',
        'ed@example.org',
        '--name',
        'x',
        '--scopes',
        'read',
        '--expires-days',
        '1e3',
      ],
      ['token', 'list', 'extra'],
      ['token', 'revoke'],
      ['token', 'revoke', 'abc'],
      ['token', 'revoke', '0'],
      ['token', 'revoke', '1; drop table api_tokens'],
      ['token', 'revoke', '1', '2'],
    ]) {
      const r = newsdesk(args);
      expect(r.code, args.join(' ')).toBe(64);
      expect(r.err.length, args.join(' ')).toBeGreaterThan(0);
    }
    expect(newsdesk(['token', 'list', '--json']).out).toBe(before);
  });

  it('refuses a bad scope, an unknown user and an out-of-range expiry with exit 65, an unknown id with 66', () => {
    const before = newsdesk(['token', 'list', '--json']).out;
    const scope = create(['--scopes', 'read,admin']);
    expect(scope.code).toBe(65);
    expect(scope.err).toContain('unknown scope "admin"');
    expect(create(['--scopes', ',']).code).toBe(65);
    const user = newsdesk([
      'token',
      'create',
      '--user',
      'nobody@example.org',
      '--name',
      'x',
      '--scopes',
      'read',
    ]);
    expect(user.code).toBe(65);
    expect(user.err).toContain('no user with email nobody@example.org');
    expect(create(['--scopes', 'read', '--expires-days', '0']).code).toBe(65);
    expect(create(['--scopes', 'read', '--expires-days', '99999']).code).toBe(65);
    expect(
      newsdesk([
        'token',
        'create',
        '--user',
        'ed@example.org',
        '--name',
        'x'.repeat(5000),
        '--scopes',
        'read',
      ]).code,
    ).toBe(65);
    const unknown = newsdesk(['token', 'revoke', '424242']);
    expect(unknown.code).toBe(66);
    expect(unknown.err).toContain('no API token 424242');
    expect(newsdesk(['token', 'list', '--json']).out).toBe(before);
  });
});
