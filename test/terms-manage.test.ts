/** Managing categories and tags (src/app/terms): the use cases the admin, the API and the CLI share. */
import { afterEach, beforeEach, expect, it } from 'vitest';
import type { AppDeps } from '../src/app/deps.js';
import { silentLogger } from '../src/app/ports.js';
import { listAudit } from '../src/app/auth/audit.js';
import { createTerm, deleteTerm, listTerms, updateTerm } from '../src/app/terms/manage-terms.js';
import { loadConfig } from '../src/config/config.js';
import type { Term } from '../src/domain/article.js';
import { openRuntime, type Runtime } from '../src/main/runtime.js';
import { describeEachDialect, type TestStore } from './support/dialects.js';
import { anArticle, anAuthor } from './support/fixtures.js';

describeEachDialect('managing categories and tags', (dialect) => {
  let store: TestStore;
  let rt: Runtime;
  let deps: AppDeps;
  beforeEach(async () => {
    store = await dialect.open();
    const config = loadConfig({
      ...store.env,
      NEWSDESK_SITE_URL: 'http://news.test',
      NEWSDESK_TIMEZONE: 'UTC',
    });
    await store.close();
    rt = await openRuntime(config, silentLogger, {});
    deps = rt.deps;
  });
  afterEach(async () => {
    await rt.close();
    await store.dispose();
  });

  const make = async (kind: 'category' | 'tag', name: string, parentId?: number): Promise<Term> => {
    const r = await createTerm(deps, 'cli', { kind, name, parentId });
    if (!r.ok) throw new Error(r.error.message);
    return r.value;
  };

  it('creates a category with a slug from its name and lists it with its article count', async () => {
    const news = await make('category', 'World News');
    expect(news.slug).toBe('world-news');
    const author = await anAuthor(deps);
    await anArticle(deps, author, { categories: ['World News'] });
    const list = await listTerms(deps, 'category');
    expect(list.map((t) => [t.name, t.articleCount])).toEqual([['World News', 1]]);
    expect(await listTerms(deps, 'tag')).toEqual([]);
  });

  it('refuses a second term of the same kind with the same slug, but a tag may share a category slug', async () => {
    await make('category', 'Sport');
    const again = await createTerm(deps, 'cli', { kind: 'category', name: 'Sport!' });
    expect(again.ok || again.error).toMatchObject({
      code: 'conflict',
      fields: { slug: 'already taken' },
    });
    expect((await createTerm(deps, 'cli', { kind: 'tag', name: 'Sport' })).ok).toBe(true);
  });

  it('refuses malformed, oversized and hostile input with a message per field', async () => {
    const cases: [unknown, string][] = [
      [{ kind: 'category', name: '' }, 'name'],
      [{ kind: 'category', name: 'x'.repeat(201) }, 'name'],
      [{ kind: 'category', name: 'Ok', slug: 'Not A Slug' }, 'slug'],
      [{ kind: 'category', name: 'Ok', slug: '../../etc/passwd' }, 'slug'],
      [{ kind: 'section', name: 'Ok' }, 'kind'],
      [{ kind: 'category', name: 'Ok', parentId: -1 }, 'parentId'],
      [{ kind: 'category', name: 'Ok', description: 'd'.repeat(2001) }, 'description'],
    ];
    for (const [input, field] of cases) {
      const r = await createTerm(deps, 'cli', input as never);
      expect(r.ok, JSON.stringify(input).slice(0, 80)).toBe(false);
      if (!r.ok) {
        expect(r.error.code).toBe('invalid_input');
        expect(Object.keys(r.error.fields ?? {})).toContain(field);
      }
    }
    const script = await make('tag', '<script>alert(1)</script>');
    expect(script.name).toBe('<script>alert(1)</script>');
    expect(script.slug).toBe('script-alert-1-script');
    expect(await listTerms(deps, 'category')).toEqual([]);
  });

  it('renames and re-slugs a term, and refuses a slug another term holds', async () => {
    const a = await make('tag', 'Elections');
    await make('tag', 'Polls');
    const r = await updateTerm(deps, 'cli', a.id, { name: 'Votes', slug: 'votes' });
    expect(r.ok && [r.value.name, r.value.slug]).toEqual(['Votes', 'votes']);
    const taken = await updateTerm(deps, 'cli', a.id, { slug: 'polls' });
    expect(taken.ok || taken.error.code).toBe('conflict');
    expect((await updateTerm(deps, 'cli', 9999, { name: 'X' })).ok).toBe(false);
  });

  it('moves a category under a parent, but never under itself or its own subcategory', async () => {
    const world = await make('category', 'World');
    const europe = await make('category', 'Europe');
    const france = await make('category', 'France', europe.id);
    const moved = await updateTerm(deps, 'cli', europe.id, { parentId: world.id });
    expect(moved.ok && moved.value.parentId).toBe(world.id);
    for (const parentId of [europe.id, france.id]) {
      const cycle = await updateTerm(deps, 'cli', world.id, {
        parentId: parentId === europe.id ? france.id : parentId,
      });
      expect(cycle.ok || cycle.error.code).toBe('conflict');
    }
    const self = await updateTerm(deps, 'cli', europe.id, { parentId: europe.id });
    expect(self.ok || self.error.code).toBe('conflict');
    const tag = await make('tag', 'Brexit');
    const tagUnder = await updateTerm(deps, 'cli', tag.id, { parentId: world.id });
    expect(tagUnder.ok || tagUnder.error.code).toBe('invalid_input');
    const underTag = await updateTerm(deps, 'cli', france.id, { parentId: tag.id });
    expect(underTag.ok || underTag.error.code).toBe('invalid_input');
    const top = await updateTerm(deps, 'cli', europe.id, { parentId: null });
    expect(top.ok && top.value.parentId).toBeNull();
  });

  it('deletes a category: its articles stay without it and its subcategories move up to its parent', async () => {
    const world = await make('category', 'World');
    const europe = await make('category', 'Europe', world.id);
    const france = await make('category', 'France', europe.id);
    const author = await anAuthor(deps);
    const { article } = await anArticle(deps, author, {
      categories: ['World/Europe'],
      tags: ['eu'],
    });
    const r = await deleteTerm(deps, 'cli', europe.id);
    expect(r.ok).toBe(true);
    const after = await listTerms(deps, 'category');
    expect(after.map((t) => t.name)).toEqual(['France', 'World']);
    expect(after.find((t) => t.id === france.id)?.parentId).toBe(world.id);
    const terms = (await deps.repos.terms.forArticles([article.id])).get(article.id) ?? [];
    expect(terms.map((t) => t.name)).toEqual(['eu']);
    expect(await deps.repos.articles.findById(article.id)).toBeDefined();
    expect((await deleteTerm(deps, 'cli', europe.id)).ok).toBe(false);
  });

  it('records every change in the audit log with who made it', async () => {
    const t = await make('tag', 'One');
    await updateTerm(deps, { id: 7, email: 'ed@example.org' }, t.id, { name: 'Two' });
    await deleteTerm(deps, 'cli', t.id);
    const log = await listAudit(deps, {});
    expect(log.map((e) => [e.action, e.actor])).toEqual([
      ['term.delete', 'cli'],
      ['term.update', 'user:7 (ed@example.org)'],
      ['term.create', 'cli'],
    ]);
  });
});
