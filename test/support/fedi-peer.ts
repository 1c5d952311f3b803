/**
 * A second, independent fediverse server for the federation tests: Fedify with its own in-memory
 * key–value store, on 127.0.0.1, sharing no code with src/. One Person, `alice`, who can look up
 * and follow a remote actor, record the signed deliveries she receives, post a reply Note, edit
 * it, delete it and like an object.
 */
import { createServer, type Server } from 'node:http';
import { getRequestListener } from '@hono/node-server';
import {
  createFederation,
  generateCryptoKeyPair,
  signRequest,
  MemoryKvStore,
  type Context,
  type Federation,
} from '@fedify/fedify';
import {
  Accept,
  Activity,
  Create,
  Delete,
  Endpoints,
  Follow,
  Like,
  Note,
  Person,
  PUBLIC_COLLECTION,
  Tombstone,
  Update,
  isActor,
  type Actor,
} from '@fedify/vocab';
import { Temporal as TemporalPolyfill } from '@js-temporal/polyfill';

export interface Received {
  readonly type: string;
  readonly activity: Activity;
  /** The raw JSON-LD of the activity, compacted. */
  readonly json: Record<string, unknown>;
}

export interface FediPeer {
  readonly url: string;
  readonly aliceId: string;
  readonly received: Received[];
  lookup(handle: string): Promise<Actor>;
  follow(actor: Actor): Promise<void>;
  reply(to: Actor, inReplyTo: string, html: string): Promise<string>;
  edit(to: Actor, noteId: string, html: string): Promise<void>;
  remove(to: Actor, noteId: string): Promise<void>;
  like(to: Actor, objectId: string): Promise<string>;
  /**
   * A hand-made inbox POST signed with alice's RSA key: `ageSeconds` back-dates the signature,
   * `sendBody` replaces the body after signing (a digest mismatch).
   */
  signedPost(
    url: string,
    body: string,
    opts?: {
      ageSeconds?: number;
      sendBody?: string;
      spec?: 'draft-cavage-http-signatures-12' | 'rfc9421';
    },
  ): Promise<Request>;
  close(): Promise<void>;
}

export async function startFediPeer(): Promise<FediPeer> {
  const notes = new Map<string, { inReplyTo: string; html: string; deleted: boolean }>();
  const received: Received[] = [];
  let keys: CryptoKeyPair[] | null = null;
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no address');
  const url = `http://127.0.0.1:${address.port}`;

  const federation: Federation<void> = createFederation<void>({
    kv: new MemoryKvStore(),
    allowPrivateAddress: true,
    origin: url,
  });
  federation
    .setActorDispatcher('/users/{identifier}', async (ctx, identifier) => {
      if (identifier !== 'alice') return null;
      const pairs = await ctx.getActorKeyPairs(identifier);
      return new Person({
        id: ctx.getActorUri(identifier),
        preferredUsername: 'alice',
        name: 'Alice Peer',
        url: new URL(`${url}/@alice`),
        inbox: ctx.getInboxUri(identifier),
        endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
        publicKey: pairs[0]?.cryptographicKey ?? null,
        assertionMethods: pairs.map((p) => p.multikey),
      });
    })
    .setKeyPairsDispatcher(async () => {
      keys ??= [
        await generateCryptoKeyPair('RSASSA-PKCS1-v1_5'),
        await generateCryptoKeyPair('Ed25519'),
      ];
      return keys;
    });
  federation.setObjectDispatcher(Note, '/notes/{id}', (ctx, values) => {
    const note = notes.get(values.id);
    if (note === undefined || note.deleted) return null;
    return noteObject(ctx, values.id, note.inReplyTo, note.html);
  });
  const record = async (_ctx: unknown, activity: Activity) => {
    const json = (await activity.toJsonLd({ format: 'compact' })) as Record<string, unknown>;
    received.push({ type: String(json['type']), activity, json });
  };
  federation
    .setInboxListeners('/users/{identifier}/inbox', '/inbox')
    .on(Accept, record)
    .on(Create, record)
    .on(Update, record)
    .on(Delete, record);

  const noteObject = (ctx: Context<void>, id: string, inReplyTo: string, html: string) =>
    new Note({
      id: ctx.getObjectUri(Note, { id }),
      attribution: ctx.getActorUri('alice'),
      content: html,
      replyTarget: new URL(inReplyTo),
      to: PUBLIC_COLLECTION,
      published: instantAt(Date.now()),
    });

  const listener = getRequestListener((req) => federation.fetch(req, { contextData: undefined }));
  server.on('request', (req, res) => void listener(req, res));
  const ctx = () => federation.createContext(new URL(url), undefined);
  let seq = 0;
  const send = (to: Actor, activity: Activity) =>
    ctx().sendActivity({ identifier: 'alice' }, to, activity, { immediate: true });
  const alice = () => ctx().getActorUri('alice');

  return {
    url,
    aliceId: `${url}/users/alice`,
    received,
    async lookup(handle) {
      // Fedify's own WebFinger client asks https:// only; on loopback the peer asks over http.
      const host = handle.replace(/^acct:[^@]+@/, '');
      const jrd = await fetch(
        `http://${host}/.well-known/webfinger?resource=${encodeURIComponent(handle)}`,
      );
      if (!jrd.ok) throw new Error(`WebFinger answered ${jrd.status} for ${handle}`);
      const links =
        ((await jrd.json()) as { links?: { rel: string; href?: string; type?: string }[] }).links ??
        [];
      const self = links.find((l) => l.rel === 'self' && l.type === 'application/activity+json');
      if (self?.href === undefined) throw new Error(`no self link for ${handle}`);
      const found = await ctx().lookupObject(self.href);
      if (!isActor(found)) throw new Error(`no actor for ${handle}`);
      return found;
    },
    async follow(to) {
      await send(
        to,
        new Follow({ id: new URL(`${url}/follows/${++seq}`), actor: alice(), object: to.id }),
      );
    },
    async reply(to, inReplyTo, html) {
      const id = String(++seq);
      notes.set(id, { inReplyTo, html, deleted: false });
      const note = noteObject(ctx(), id, inReplyTo, html);
      await send(
        to,
        new Create({
          id: new URL(`${url}/notes/${id}#create`),
          actor: alice(),
          object: note,
          to: PUBLIC_COLLECTION,
        }),
      );
      return note.id!.href;
    },
    async edit(to, noteId, html) {
      const id = noteId.split('/').pop() ?? '';
      const note = notes.get(id);
      if (note === undefined) throw new Error('no such note');
      note.html = html;
      // The embedded copy lies: the receiver must fetch the real one.
      const embedded = noteObject(
        ctx(),
        id,
        note.inReplyTo,
        '<p>embedded copy, not the real one</p>',
      );
      await send(
        to,
        new Update({
          id: new URL(`${noteId}#update-${++seq}`),
          actor: alice(),
          object: embedded,
          to: PUBLIC_COLLECTION,
        }),
      );
    },
    async remove(to, noteId) {
      const id = noteId.split('/').pop() ?? '';
      const note = notes.get(id);
      if (note !== undefined) note.deleted = true;
      await send(
        to,
        new Delete({
          id: new URL(`${noteId}#delete`),
          actor: alice(),
          object: new Tombstone({ id: new URL(noteId) }),
          to: PUBLIC_COLLECTION,
        }),
      );
    },
    async like(to, objectId) {
      const id = new URL(`${url}/likes/${++seq}`);
      await send(to, new Like({ id, actor: alice(), object: new URL(objectId) }));
      return id.href;
    },
    async signedPost(target, body, opts = {}) {
      const [rsa] = await ctx().getActorKeyPairs('alice');
      if (rsa === undefined) throw new Error('alice has no key');
      const request = new Request(target, {
        method: 'POST',
        headers: { 'content-type': 'application/activity+json' },
        body,
      });
      const signed = await signRequest(request, rsa.privateKey, rsa.keyId, {
        spec: opts.spec ?? 'draft-cavage-http-signatures-12',
        currentTime: instantAt(Date.now() - (opts.ageSeconds ?? 0) * 1000),
      });
      return new Request(target, {
        method: 'POST',
        headers: signed.headers,
        body: opts.sendBody ?? body,
      });
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/**
 * An instant as Fedify's vocabulary takes it. Node has no global Temporal yet: Fedify runs on the
 * polyfill, whose class is the runtime value; its declared type differs from lib's only in name.
 */
function instantAt(ms: number): Temporal.Instant {
  return TemporalPolyfill.Instant.fromEpochMilliseconds(ms) as unknown as Temporal.Instant;
}
