import { isActor, type Actor } from '@fedify/vocab';
import type { FediverseActorCard } from '../app/fediverse/thread-port.js';

/** The card the discussion shows for a remote actor: id, `@user@host`, name, profile page, icon. */
export async function actorCard(actor: Actor): Promise<FediverseActorCard | null> {
  if (!isActor(actor) || actor.id === null) return null;
  const id = actor.id.href;
  const user = actor.preferredUsername?.toString() ?? id;
  const icon = await actor.getIcon().catch(() => null);
  const iconUrl = icon?.url instanceof URL ? icon.url.href : (icon?.url?.href?.href ?? null);
  const url = actor.url instanceof URL ? actor.url.href : (actor.url?.href?.href ?? id);
  return {
    id,
    handle: `@${user}@${actor.id.host}`,
    name: actor.name?.toString() ?? null,
    profileUrl: url,
    iconUrl,
  };
}
