import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../src/app/ports.js';
import { deleteArticle } from '../src/app/articles/trash.js';
import { loadConfig } from '../src/config/config.js';
import { openRuntime, type Runtime } from '../src/main/runtime.js';
import { startHttpServer, type RunningServer } from '../src/main/server.js';
import {
  directConnector,
  systemResolver,
  type Connector,
  type Resolver,
} from '../src/net/index.js';
import type { WorkerHandle } from '../src/jobs/contract.js';
import { testDialects, type TestStore } from './support/dialects.js';
import { startFediPeer, type FediPeer } from './support/fedi-peer.js';
import { anArticle, anAuthor } from './support/fixtures.js';
import { retitle } from './support/edits.js';
import { setAuthorActor } from '../src/app/fediverse/author-actors.js';
import { recordingThread } from './support/recording-thread.js';
import { PropertyValue, type Actor } from '@fedify/vocab';
import { freePort, until } from './support/wait.js';

const digestOf = (body: string) => `SHA-256=${createHash('sha256').update(body).digest('base64')}`;

describe('federation with an independent Fedify server on loopback', () => {
  const dialect = testDialects()[0]!; // SQLite: the queue and store paths are dialect-agnostic here
  let store: TestStore;
  let rt: Runtime;
  let server: RunningServer;
  let workers: WorkerHandle;
  let peer: FediPeer;
  let site: Actor;
  let base: string;
  const recording = recordingThread();
  const resolved: string[] = [];
  const connected: string[] = [];
  // private.test resolves to a private address: the guard must refuse it before any socket.
  const resolve: Resolver = async (host) => {
    resolved.push(host);
    return host === 'private.test' ? [{ address: '10.0.0.7', family: 4 }] : systemResolver(host);
  };
  const connect: Connector = (target) => {
    connected.push(target.address);
    if (target.address !== '127.0.0.1')
      throw new Error(`test refuses to connect to ${target.address}`);
    return directConnector(target);
  };

  beforeAll(async () => {
    store = await dialect.open();
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    const config = loadConfig({
      ...store.env,
      NEWSDESK_SITE_URL: base,
      NEWSDESK_LOG_LEVEL: 'silent',
      NEWSDESK_TIMEZONE: 'Europe/London',
      NEWSDESK_FETCH_ALLOW_LOOPBACK: '1',
    });
    await store.close();
    rt = await openRuntime(config, silentLogger, {
      fediverseThread: () => recording.thread,
      fetcher: { allowedPorts: 'any', resolve, connect },
    });
    server = await startHttpServer(rt, '127.0.0.1', port);
    workers = await rt.startWorkers(4);
    peer = await startFediPeer();
  }, 30_000);

  afterAll(async () => {
    await workers?.stop();
    await peer?.close();
    await server?.close();
    await rt?.close();
    await store?.dispose();
  });

  it('finds the site actor by WebFinger and is accepted when it follows', async () => {
    site = await peer.lookup(`acct:site@127.0.0.1:${new URL(base).port}`);
    expect(site.id?.href).toBe(`${base}/ap/actors/site`);
    await peer.follow(site);
    await until('the Accept', () => peer.received.find((r) => r.type === 'Accept'));
    expect((await rt.fediverse!.followers.list('site')).map((f) => f.id)).toEqual([peer.aliceId]);
  }, 30_000);

  it('shows the site actor’s profile to the peer: name, summary, the logo as icon and header, and the site as a field', async () => {
    expect(site.name?.toString()).toBe(rt.config.siteTitle);
    expect(site.summary?.toString()).toBe('<p>Independent news, written by people.</p>');
    expect(site.url?.href).toBe(`${base}/`);
    const icon = await site.getIcon();
    const header = await site.getImage();
    expect(icon?.url?.href).toBe(`${base}/assets/logo.png`);
    expect(icon?.mediaType).toBe('image/png');
    expect(header?.url?.href).toBe(`${base}/assets/logo.png`);
    const fields: { name: string; value: string }[] = [];
    for await (const a of site.getAttachments()) {
      if (a instanceof PropertyValue) fields.push({ name: String(a.name), value: String(a.value) });
    }
    expect(fields).toEqual([
      {
        name: 'Website',
        value: `<a href="${base}/" rel="me nofollow noopener" target="_blank">127.0.0.1:${new URL(base).port}</a>`,
      },
    ]);
  });

  it('answers WebFinger for an unknown account with a JSON 404, not the HTML error page', async () => {
    const host = new URL(base).host;
    for (const resource of [
      `acct:nobody@${host}`,
      `${base}/author/nobody/`,
      'acct:site@elsewhere.example',
    ]) {
      const res = await fetch(
        `${base}/.well-known/webfinger?resource=${encodeURIComponent(resource)}`,
      );
      expect(res.status, resource).toBe(404);
      expect(res.headers.get('content-type'), resource).toContain('application/json');
      expect(((await res.json()) as { error: string }).error).toBe('not_found');
    }
    const known = await fetch(
      `${base}/.well-known/webfinger?resource=${encodeURIComponent(`acct:site@${host}`)}`,
    );
    expect(known.status).toBe(200);
  });

  let articleId = 0;
  let objectId = '';
  it('delivers a signed Create(Article) with the full content when an article is published', async () => {
    const author = await anAuthor(rt.deps);
    const { article } = await anArticle(rt.deps, author, {
      title: 'Rivers rise',
      tags: ['Floods'],
    });
    articleId = article.id;
    objectId = `${base}/ap/articles/${articleId}`;
    const create = await until('the Create', () => peer.received.find((r) => r.type === 'Create'));
    const object = create.json['object'] as Record<string, unknown>;
    expect(object['type']).toBe('Article');
    expect(object['id']).toBe(objectId);
    expect(object['name']).toBe('Rivers rise');
    expect(String(object['content'])).toContain('<em>body</em>');
    expect(String(object['url'])).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/\d{4}\/\d{2}\/rivers-rise\/$/,
    );
    expect(JSON.stringify(object['tag'])).toContain('#Floods');
    const res = await fetch(objectId, { headers: { accept: 'application/activity+json' } });
    expect(res.headers.get('content-type')).toContain('application/activity+json');
    expect(((await res.json()) as { id: string }).id).toBe(objectId);
  }, 30_000);

  it('hands a reply to the thread, re-fetches it after an Update, and passes on its Delete and a like', async () => {
    const noteId = await peer.reply(site, objectId, '<p>First!</p>');
    const got = await until('receiveReply', () =>
      recording.calls.find((c) => c.method === 'receiveReply'),
    );
    expect(got.method === 'receiveReply' && got.reply).toMatchObject({
      objectId: noteId,
      inReplyTo: objectId,
      contentHtml: '<p>First!</p>',
      actor: { id: peer.aliceId, handle: `@alice@${new URL(peer.url).host}` },
    });
    await peer.edit(site, noteId, '<p>First, edited</p>');
    const upd = await until('updateReply', () =>
      recording.calls.find((c) => c.method === 'updateReply'),
    );
    // The re-fetched object, not the copy the Update embedded.
    expect(upd.method === 'updateReply' && upd.reply.contentHtml).toBe('<p>First, edited</p>');
    await peer.remove(site, noteId);
    const del = await until('deleteReply', () =>
      recording.calls.find((c) => c.method === 'deleteReply'),
    );
    expect(del).toEqual({ method: 'deleteReply', objectId: noteId });
    const likeId = await peer.like(site, objectId);
    const like = await until('addReaction', () =>
      recording.calls.find((c) => c.method === 'addReaction'),
    );
    expect(like.method === 'addReaction' && like.reaction).toMatchObject({
      kind: 'like',
      activityId: likeId,
      objectId,
    });
  }, 60_000);

  it('serves the article page byte-identical whatever the Accept header, naming its object in a link and a Link header', async () => {
    const create = peer.received.find((r) => r.type === 'Create')!;
    const url = (create.json['object'] as { url: string }).url;
    const plain = await fetch(url);
    const asJson = await fetch(url, { headers: { accept: 'application/activity+json' } });
    const again = await fetch(url, {
      headers: { accept: 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"' },
    });
    expect(plain.status).toBe(200);
    expect(asJson.headers.get('content-type')).toContain('text/html');
    const bytes = Buffer.from(await plain.arrayBuffer());
    expect(Buffer.from(await asJson.arrayBuffer()).equals(bytes)).toBe(true);
    expect(Buffer.from(await again.arrayBuffer()).equals(bytes)).toBe(true);
    const html = bytes.toString('utf8');
    expect(html).toContain(
      `<link rel="alternate" href="${objectId}" type="application/activity+json"/>`,
    );
    expect(plain.headers.get('link')).toContain(
      `<${objectId}>; rel="alternate"; type="application/activity+json"`,
    );
    expect(asJson.headers.get('link')).toBe(plain.headers.get('link'));
  });

  it('sends Update on an edit and Delete when the article is deleted', async () => {
    const article = (await rt.deps.repos.articles.findById(articleId))!;
    await retitle(rt.deps, article, 'Rivers rise further');
    const update = await until('the Update', () => peer.received.find((r) => r.type === 'Update'));
    expect((update.json['object'] as { name: string }).name).toBe('Rivers rise further');
    const r = await deleteArticle(rt.deps, { articleId, actorId: null });
    expect(r.ok).toBe(true);
    const del = await until('the Delete', () => peer.received.find((r) => r.type === 'Delete'));
    expect(JSON.stringify(del.json['object'])).toContain(objectId);
    const gone = await fetch(objectId, { headers: { accept: 'application/activity+json' } });
    expect(gone.status).toBe(404);
  }, 30_000);

  const activity = (actor: string) =>
    JSON.stringify({
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: `${actor}/likes/forged`,
      type: 'Like',
      actor,
      object: objectId,
    });

  it('refuses an inbox POST whose signature is forged', async () => {
    const before = recording.calls.length;
    const body = activity(peer.aliceId);
    const res = await fetch(`${base}/ap/inbox`, {
      method: 'POST',
      headers: {
        'content-type': 'application/activity+json',
        date: new Date().toUTCString(),
        digest: digestOf(body),
        signature: `keyId="${peer.aliceId}#main-key",algorithm="rsa-sha256",headers="(request-target) host date digest",signature="${Buffer.from('forged').toString('base64')}"`,
      },
      body,
    });
    expect(res.status).toBe(401);
    await new Promise((r) => setTimeout(r, 1500));
    expect(recording.calls.length).toBe(before);
  });

  it('refuses an inbox POST signed by a key at a private address, without opening a socket to it', async () => {
    const body = activity('http://private.test/actor');
    const res = await fetch(`${base}/ap/inbox`, {
      method: 'POST',
      headers: {
        'content-type': 'application/activity+json',
        date: new Date().toUTCString(),
        digest: digestOf(body),
        signature: `keyId="http://private.test/actor#main-key",algorithm="rsa-sha256",headers="(request-target) host date digest",signature="AAAA"`,
      },
      body,
    });
    expect(res.status).toBe(401);
    expect(resolved).toContain('private.test');
    expect(connected).not.toContain('10.0.0.7');
    expect(connected.every((a) => a === '127.0.0.1')).toBe(true);
  });

  it('lets an author opt in to an actor of their own that posts their bylines', async () => {
    const on = await setAuthorActor(rt.deps, 'ada-reporter', true);
    expect(on.ok).toBe(true);
    const author = await peer.lookup(`acct:ada-reporter@127.0.0.1:${new URL(base).port}`);
    expect(author.id?.href).toBe(`${base}/ap/actors/ada-reporter`);
    expect(author.name?.toString()).toBe('Ada Reporter');
    expect(author.url?.href).toBe(`${base}/author/ada-reporter/`);
    expect((await author.getIcon())?.url?.href).toBe(`${base}/assets/logo.png`);
    const names: string[] = [];
    for await (const a of author.getAttachments()) {
      if (a instanceof PropertyValue) names.push(String(a.name));
    }
    expect(names).toEqual(['Author page', rt.config.siteTitle]);
    await peer.follow(author);
    await until('the author’s Accept', () =>
      peer.received.find(
        (r) => r.type === 'Accept' && r.json['actor'] === `${base}/ap/actors/ada-reporter`,
      ),
    );
    const ada = (await rt.deps.repos.users.findBySlug('ada-reporter'))!;
    const { article } = await anArticle(rt.deps, ada, { title: 'Second story' });
    const create = await until('the author’s Create', () =>
      peer.received.find(
        (r) => r.type === 'Create' && r.json['actor'] === `${base}/ap/actors/ada-reporter`,
      ),
    );
    expect((create.json['object'] as { id: string }).id).toBe(`${base}/ap/articles/${article.id}`);
    // A user who did not opt in has no actor.
    const none = await fetch(`${base}/ap/actors/nobody`, {
      headers: { accept: 'application/activity+json' },
    });
    expect(none.status).toBe(404);
    expect((await setAuthorActor(rt.deps, 'site', true)).ok).toBe(false);
  }, 30_000);

  const likeBody = (id: string) =>
    JSON.stringify({
      '@context': 'https://www.w3.org/ns/activitystreams',
      id: `${peer.aliceId}/likes/${id}`,
      type: 'Like',
      actor: peer.aliceId,
      object: objectId,
    });
  const likesOf = (id: string) =>
    recording.calls.filter(
      (c) => c.method === 'addReaction' && c.reaction.activityId === `${peer.aliceId}/likes/${id}`,
    ).length;

  it('accepts a hand-signed activity once, and refuses the same request replayed', async () => {
    const req = await peer.signedPost(`${base}/ap/inbox`, likeBody('hand'));
    const first = await fetch(req.clone());
    expect(first.status).toBe(202);
    await until('the hand-signed like', () => (likesOf('hand') === 1 ? true : undefined));
    const replay = await fetch(req.clone());
    expect(replay.status).toBeLessThan(500);
    await new Promise((r) => setTimeout(r, 2000));
    expect(likesOf('hand')).toBe(1);
  }, 30_000);

  it('refuses a signature outside the clock window and a body that does not match its digest', async () => {
    for (const spec of ['draft-cavage-http-signatures-12', 'rfc9421'] as const) {
      const old = await peer.signedPost(`${base}/ap/inbox`, likeBody(`old-${spec}`), {
        ageSeconds: 2 * 3600,
        spec,
      });
      expect((await fetch(old)).status).toBe(401);
      const tampered = await peer.signedPost(`${base}/ap/inbox`, likeBody(`t-${spec}`), {
        sendBody: likeBody(`swapped-${spec}`),
        spec,
      });
      expect([400, 401]).toContain((await fetch(tampered)).status);
    }
    await new Promise((r) => setTimeout(r, 1500));
    expect(
      recording.calls.some(
        (c) => c.method === 'addReaction' && /old-|swapped-|\/t-/.test(c.reaction.activityId),
      ),
    ).toBe(false);
  }, 30_000);

  it('refuses an inbox body over the size limit with 413, and unparseable JSON without a thread call', async () => {
    const big = await fetch(`${base}/ap/inbox`, {
      method: 'POST',
      headers: { 'content-type': 'application/activity+json' },
      body: 'x'.repeat(300 * 1024),
    });
    expect(big.status).toBe(413);
    const before = recording.calls.length;
    const junk = await fetch(`${base}/ap/inbox`, {
      method: 'POST',
      headers: { 'content-type': 'application/activity+json' },
      body: '{"type": "Create", ',
    });
    expect(junk.status).toBeGreaterThanOrEqual(400);
    expect(junk.status).toBeLessThan(500);
    expect(recording.calls.length).toBe(before);
  });
});
