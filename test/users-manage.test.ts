/** Managing users (src/app/users/manage-users.ts): roles, the last owner, disabling. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { AppDeps } from '../src/app/deps.js';
import { silentLogger } from '../src/app/ports.js';
import { listAudit } from '../src/app/auth/audit.js';
import { resumeSession, signIn } from '../src/app/auth/sign-in.js';
import { addUser } from '../src/app/users/add-user.js';
import { changeUserRole, disableUser, listUsers } from '../src/app/users/manage-users.js';
import { loadConfig } from '../src/config/config.js';
import type { Author, UserRole } from '../src/domain/article.js';
import { openRuntime, type Runtime } from '../src/main/runtime.js';
import { describeEachDialect, type TestStore } from './support/dialects.js';

const PASSWORD = 'correct horse battery';

describeEachDialect('managing users', (dialect) => {
  let store: TestStore;
  let rt: Runtime;
  let deps: AppDeps;
  beforeEach(async () => {
    store = await dialect.open();
    const config = loadConfig({ ...store.env, NEWSDESK_SITE_URL: 'http://news.test' });
    await store.close();
    rt = await openRuntime(config, silentLogger, {});
    deps = rt.deps;
  });
  afterEach(async () => {
    await rt.close();
    await store.dispose();
  });

  const user = async (name: string, role: UserRole): Promise<Author> => {
    const r = await addUser(deps, {
      email: `${name.toLowerCase()}@example.org`,
      name,
      role,
      password: PASSWORD,
    });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };
  const signInAs = (u: Author) =>
    signIn(deps, { email: u.email, password: PASSWORD, ip: null, userAgent: null });

  it('lists owners first, then by name', async () => {
    await user('Zed', 'author');
    await user('Amy', 'moderator');
    await user('Olga', 'owner');
    expect((await listUsers(deps)).map((u) => u.name)).toEqual(['Olga', 'Zed', 'Amy']);
  });

  it('changes a role, ends that user’s sessions and records who did it', async () => {
    const owner = await user('Olga', 'owner');
    const ed = await user('Ed', 'author');
    const session = await signInAs(ed);
    expect(session.ok).toBe(true);
    const r = await changeUserRole(deps, owner, ed.id, 'editor');
    expect(r.ok && r.value.role).toBe('editor');
    expect((await deps.repos.users.findById(ed.id))?.role).toBe('editor');
    if (session.ok) expect(await resumeSession(deps, session.value.token)).toBeUndefined();
    const [entry] = await listAudit(deps, { action: 'user.role' });
    expect(entry).toMatchObject({
      actor: `user:${owner.id} (olga@example.org)`,
      subject: `user:${ed.id}`,
      detail: { from: 'author', to: 'editor' },
    });
  });

  it('never demotes the last owner, but does once there is another', async () => {
    const olga = await user('Olga', 'owner');
    const last = await changeUserRole(deps, 'cli', olga.id, 'editor');
    expect(last.ok || last.error).toMatchObject({
      code: 'conflict',
      fields: { role: 'the site needs an owner' },
    });
    const pat = await user('Pat', 'editor');
    expect((await changeUserRole(deps, 'cli', pat.id, 'owner')).ok).toBe(true);
    expect((await changeUserRole(deps, 'cli', olga.id, 'editor')).ok).toBe(true);
    expect((await deps.repos.users.findById(olga.id))?.role).toBe('editor');
  });

  it('refuses unknown, malformed and hostile roles and unknown users', async () => {
    const ed = await user('Ed', 'author');
    for (const role of [
      'admin',
      '',
      'owner; drop table users',
      'x'.repeat(10_000),
      3,
      null,
      { role: 'owner' },
    ]) {
      const r = await changeUserRole(deps, 'cli', ed.id, role);
      expect(r.ok || r.error.code).toBe('invalid_input');
    }
    expect((await deps.repos.users.findById(ed.id))?.role).toBe('author');
    const none = await changeUserRole(deps, 'cli', 99_999, 'editor');
    expect(none.ok || none.error.code).toBe('not_found');
  });

  it('disables an account: its sessions end, it cannot sign in, its record stays', async () => {
    const owner = await user('Olga', 'owner');
    const ed = await user('Ed', 'editor');
    const session = await signInAs(ed);
    const r = await disableUser(deps, owner, ed.id);
    expect(r.ok && r.value.sessionsEnded).toBe(1);
    if (session.ok) expect(await resumeSession(deps, session.value.token)).toBeUndefined();
    expect((await signInAs(ed)).ok).toBe(false);
    expect(await deps.repos.users.findById(ed.id)).toBeDefined();
    expect((await listAudit(deps, { action: 'user.disable' })).length).toBe(1);
  });

  it('refuses to disable an owner, and a disabled owner does not count as the last one', async () => {
    const olga = await user('Olga', 'owner');
    const pat = await user('Pat', 'owner');
    const refused = await disableUser(deps, 'cli', olga.id);
    expect(refused.ok || refused.error.code).toBe('conflict');
    expect((await signInAs(olga)).ok).toBe(true);
    await deps.repos.credentials.clearPasswordHash(pat.id);
    const demote = await changeUserRole(deps, 'cli', olga.id, 'editor');
    expect(demote.ok || demote.error.code).toBe('conflict');
  });
});
