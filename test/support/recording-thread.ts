import type {
  FediverseReaction,
  FediverseReply,
  FediverseThread,
  ThreadOutcome,
} from '../../src/app/fediverse/thread-port.js';

export type ThreadCall =
  | { readonly method: 'receiveReply' | 'updateReply'; readonly reply: FediverseReply }
  | { readonly method: 'deleteReply'; readonly objectId: string }
  | { readonly method: 'addReaction'; readonly reaction: FediverseReaction }
  | { readonly method: 'removeReaction'; readonly activityId: string; readonly actorId: string };

/**
 * A test double of the FediverseThread seam: records what federation hands the discussion, and
 * answers as a thread holding the given articles would. The real implementation lives on the
 * discussion side; the integrator's end-to-end test runs with it.
 */
export function recordingThread(opts: { readonly blocked?: Set<string> } = {}) {
  const calls: ThreadCall[] = [];
  const blocked = opts.blocked ?? new Set<string>();
  let next = 1;
  const thread: FediverseThread = {
    articleFor(idOrUrl) {
      const m = /\/ap\/articles\/(\d+)$/.exec(idOrUrl);
      return Promise.resolve(m?.[1] ? { articleId: Number(m[1]) } : null);
    },
    receiveReply(reply): Promise<ThreadOutcome> {
      calls.push({ method: 'receiveReply', reply });
      return Promise.resolve({ kind: 'stored', itemId: next++, status: 'held' });
    },
    updateReply(reply): Promise<ThreadOutcome> {
      calls.push({ method: 'updateReply', reply });
      return Promise.resolve({ kind: 'updated', itemId: 1 });
    },
    deleteReply(objectId): Promise<ThreadOutcome> {
      calls.push({ method: 'deleteReply', objectId });
      return Promise.resolve({ kind: 'removed', itemId: 1 });
    },
    addReaction(reaction): Promise<ThreadOutcome> {
      calls.push({ method: 'addReaction', reaction });
      return Promise.resolve({ kind: 'stored', itemId: next++, status: 'approved' });
    },
    removeReaction(activityId, actorId): Promise<ThreadOutcome> {
      calls.push({ method: 'removeReaction', activityId, actorId });
      return Promise.resolve({ kind: 'removed', itemId: null });
    },
    isBlocked(actorId) {
      const host = new URL(actorId).host;
      return Promise.resolve(blocked.has(actorId) || blocked.has(host));
    },
  };
  return { thread, calls, blocked };
}
