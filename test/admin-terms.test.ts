/** /admin/terms over HTTP: forms post, redirect, and a refused form comes back with its content. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { listTerms } from '../src/app/terms/manage-terms.js';
import { AdminClient, aUser, PASSWORD } from './support/admin-client.js';
import { describeEachDialect } from './support/dialects.js';
import { startSite, type SiteHarness } from './support/site-harness.js';

describeEachDialect('admin: categories and tags', (dialect) => {
  let site: SiteHarness;
  let browser: AdminClient;
  let csrf = '';
  beforeAll(async () => {
    site = await startSite(dialect, {});
    const editor = await aUser(site.rt.deps, 'editor');
    browser = new AdminClient(site.base);
    expect((await browser.signIn(editor.email, PASSWORD)).status).toBe(303);
    csrf = await browser.csrfFrom('/admin/terms');
  });
  afterAll(() => site?.close());

  const post = (fields: Record<string, string>) =>
    browser.post('/admin/terms', { _csrf: csrf, ...fields });

  it('adds a category, moves another under it, renames it and deletes it, each by POST then 303', async () => {
    const add = await post({ op: 'create', kind: 'category', name: 'World', slug: '', parent: '' });
    expect(add.status).toBe(303);
    expect(add.headers.get('location')).toBe('/admin/terms?done=created');
    await post({ op: 'create', kind: 'category', name: 'Europe', slug: '', parent: '' });
    const [europe, world] = await listTerms(site.rt.deps, 'category');
    const move = await post({
      op: 'update',
      id: String(europe?.id),
      name: 'Europa',
      slug: 'europa',
      parent: String(world?.id),
    });
    expect(move.status).toBe(303);
    const page = await (await browser.get('/admin/terms?done=saved')).text();
    expect(page).toContain('Term saved.');
    expect(page).toContain('value="Europa"');
    const moved = (await listTerms(site.rt.deps, 'category')).find((t) => t.id === europe?.id);
    expect(moved).toMatchObject({ name: 'Europa', slug: 'europa', parentId: world?.id });
    expect((await post({ op: 'delete', id: String(europe?.id) })).status).toBe(303);
    expect((await listTerms(site.rt.deps, 'category')).map((t) => t.name)).toEqual(['World']);
  });

  it('a refused form comes back with what was typed and a clear message, escaped', async () => {
    const hostile = '<img src=x onerror=alert(1)>';
    const bad = await post({
      op: 'create',
      kind: 'tag',
      name: hostile,
      slug: 'Bad Slug!',
      parent: '',
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain('slug: lowercase letters, digits and single hyphens');
    expect(html).toContain('value="&lt;img src=x onerror=alert(1)&gt;"');
    expect(html).not.toContain('<img src=x');
    const long = await post({
      op: 'create',
      kind: 'tag',
      name: 'x'.repeat(300),
      slug: '',
      parent: '',
    });
    expect(long.status).toBe(400);
    expect(await long.text()).toContain('name: at most 200 characters');
    for (const fields of <Record<string, string>[]>[
      { op: 'explode' },
      { op: 'delete', id: '1 or 1=1' },
      { op: 'update', id: '-4', name: 'X', slug: 'x' },
      { op: 'create', kind: 'section', name: 'X', slug: '', parent: '' },
      { op: 'create', kind: 'category', name: 'X', slug: '', parent: 'abc' },
    ])
      expect((await post(fields)).status, JSON.stringify(fields)).toBe(400);
    expect(await listTerms(site.rt.deps, 'tag')).toEqual([]);
  });

  it('moving a category under its own subcategory is refused with the form kept', async () => {
    await post({ op: 'create', kind: 'category', name: 'Sport', slug: '', parent: '' });
    const sport = (await listTerms(site.rt.deps, 'category')).find((t) => t.name === 'Sport');
    await post({
      op: 'create',
      kind: 'category',
      name: 'Tennis',
      slug: '',
      parent: String(sport?.id),
    });
    const tennis = (await listTerms(site.rt.deps, 'category')).find((t) => t.name === 'Tennis');
    const cycle = await post({
      op: 'update',
      id: String(sport?.id),
      name: 'Sports',
      slug: 'sport',
      parent: String(tennis?.id),
    });
    expect(cycle.status).toBe(409);
    const html = await cycle.text();
    expect(html).toContain('cannot be moved under itself or its subcategories');
    expect(html).toContain('value="Sports"');
  });
});
