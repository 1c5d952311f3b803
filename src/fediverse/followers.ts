import type { KvStore } from '@fedify/fedify';

export interface Follower {
  readonly id: string;
  readonly inbox: string;
  readonly sharedInbox: string | null;
  readonly handle: string;
  readonly since: string;
}

const key = (actor: string, follower?: string) =>
  follower === undefined
    ? (['newsdesk', 'followers', actor] as const)
    : (['newsdesk', 'followers', actor, follower] as const);

/** Who follows our actors, kept in the store's key–value table (one entry per follower). */
export function followerBook(kv: KvStore) {
  return {
    add: (actor: string, f: Follower) => kv.set(key(actor, f.id), f),
    remove: (actor: string, followerId: string) => kv.delete(key(actor, followerId)),
    async list(actor: string): Promise<Follower[]> {
      const out: Follower[] = [];
      for await (const entry of kv.list(key(actor))) {
        if (entry.key.length === 4) out.push(entry.value as Follower);
      }
      return out.sort((a, b) => a.since.localeCompare(b.since) || a.id.localeCompare(b.id));
    },
  };
}
export type FollowerBook = ReturnType<typeof followerBook>;
