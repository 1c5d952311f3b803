/**
 * The fediverse blocklists (instances and actors, kept in the site settings' `fediverse` part):
 * one use case each for the CLI and the admin. Blocking also hides what the actor or instance
 * already left: its replies move to spam (recorded in the moderation log, so a moderator can
 * approve one again) and its reactions are deleted; the pages that showed them are purged.
 */
import { parseBlockTarget, type BlockTarget } from '../../domain/fediverse-actor.js';
import { failure, type Failure } from '../../domain/failures.js';
import { err, ok, type Result } from '../../domain/result.js';
import { audit } from '../auth/audit.js';
import { discussionPurgeKeys, enqueuePurge } from '../cache/purge.js';
import type { AppDeps } from '../deps.js';
import { loadSiteSettings, updateSiteSettings } from '../site-settings.js';

type BlockDeps = Pick<AppDeps, 'repos' | 'uow' | 'clock'>;

export interface FediverseBlocks {
  readonly instances: readonly string[];
  readonly actors: readonly string[];
}

export interface BlockOutcome {
  readonly target: BlockTarget;
  /** False when it was already on (block) or already off (unblock) the list. */
  readonly changed: boolean;
  readonly hiddenItems: number;
  readonly removedReactions: number;
}

const BAD_TARGET =
  'name an instance (a domain such as social.example) or an actor by its id URL (https://social.example/users/name)';

function parse(value: string): Result<BlockTarget, Failure> {
  const target = typeof value === 'string' && value.length <= 2000 ? parseBlockTarget(value) : null;
  return target ? ok(target) : err(failure('invalid_input', BAD_TARGET));
}

export async function listFediverseBlocks(deps: Pick<AppDeps, 'repos'>): Promise<FediverseBlocks> {
  const s = (await loadSiteSettings(deps.repos.settings)).fediverse;
  return { instances: [...s.blockInstances], actors: [...s.blockActors] };
}

export async function blockFediverse(
  deps: BlockDeps,
  req: { readonly value: string; readonly actor: string },
): Promise<Result<BlockOutcome, Failure>> {
  const parsed = parse(req.value);
  if (!parsed.ok) return parsed;
  const target = parsed.value;
  const now = deps.clock();
  return ok(
    await deps.uow.run(async (tx) => {
      const s = (await loadSiteSettings(tx.repos.settings)).fediverse;
      const list = target.kind === 'actor' ? s.blockActors : s.blockInstances;
      const entry = target.kind === 'actor' ? target.id : target.host;
      const changed = !list.includes(entry);
      if (changed) {
        await updateSiteSettings(tx.repos.settings, {
          fediverse: {
            [target.kind === 'actor' ? 'blockActors' : 'blockInstances']: [...list, entry],
          },
        });
      }
      const by = target.kind === 'actor' ? { actorId: target.id } : { host: target.host };
      const items = await tx.repos.fediverse.visibleItemsOf(by);
      const articles = new Set<number>();
      for (const item of items) {
        await tx.repos.discussion.setStatus(
          item,
          'spam',
          req.actor,
          `fediverse block: ${entry}`,
          now,
        );
        articles.add(item.articleId);
      }
      const reactionArticles = await tx.repos.fediverse.deleteReactionsOf(by);
      for (const id of reactionArticles) articles.add(id);
      for (const id of articles) await enqueuePurge(tx, discussionPurgeKeys(id));
      await audit(tx.repos.audit, now, {
        actor: req.actor,
        action: 'fediverse.block',
        subject: `${target.kind}:${entry}`,
        detail: { hiddenItems: items.length, articles: articles.size },
      });
      return {
        target,
        changed,
        hiddenItems: items.length,
        removedReactions: reactionArticles.length,
      };
    }),
  );
}

export async function unblockFediverse(
  deps: BlockDeps,
  req: { readonly value: string; readonly actor: string },
): Promise<Result<BlockOutcome, Failure>> {
  const parsed = parse(req.value);
  if (!parsed.ok) return parsed;
  const target = parsed.value;
  const now = deps.clock();
  return ok(
    await deps.uow.run(async (tx) => {
      const s = (await loadSiteSettings(tx.repos.settings)).fediverse;
      const key = target.kind === 'actor' ? 'blockActors' : 'blockInstances';
      const entry = target.kind === 'actor' ? target.id : target.host;
      const list = s[key];
      const changed = list.includes(entry);
      if (changed) {
        await updateSiteSettings(tx.repos.settings, {
          fediverse: { [key]: list.filter((x) => x !== entry) },
        });
        await audit(tx.repos.audit, now, {
          actor: req.actor,
          action: 'fediverse.unblock',
          subject: `${target.kind}:${entry}`,
        });
      }
      return { target, changed, hiddenItems: 0, removedReactions: 0 };
    }),
  );
}
