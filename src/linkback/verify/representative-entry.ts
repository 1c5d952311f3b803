/**
 * The representative object of a source page (webmention.rocks `Mf2.php`): the
 * only top-level h-entry/h-event/h-cite; else one whose `url` is the source URL; else the
 * first. Entries of a top-level h-feed are considered when there is no top-level entry, and
 * the feed is returned too, because its `author` applies to them (authorship spec step 3).
 */
import { matchKey } from '../url.js';
import { hasType, propertyUrls, type Mf2Document, type Mf2Item } from './mf2.js';

const ENTRY_TYPES = ['h-entry', 'h-event', 'h-cite'];

export interface RepresentativeEntry {
  readonly entry: Mf2Item;
  readonly feed?: Mf2Item;
}

const isEntry = (item: Mf2Item): boolean => ENTRY_TYPES.some((t) => hasType(item, t));

export function findRepresentativeEntry(
  document: Mf2Document,
  sourceUrl: string | URL,
): RepresentativeEntry | undefined {
  const topLevel = document.items.filter(isEntry);
  if (topLevel.length > 0) return { entry: pick(topLevel, sourceUrl) };
  for (const feed of document.items.filter((item) => hasType(item, 'h-feed'))) {
    const entries = (feed.children ?? []).filter(isEntry);
    if (entries.length > 0) return { entry: pick(entries, sourceUrl), feed };
  }
  return undefined;
}

function pick(entries: Mf2Item[], sourceUrl: string | URL): Mf2Item {
  const [first, ...rest] = entries as [Mf2Item, ...Mf2Item[]];
  if (rest.length === 0) return first;
  const sourceKey = matchKey(String(sourceUrl));
  const byUrl = entries.find((entry) =>
    propertyUrls(entry, 'url').some((url) => matchKey(url, sourceUrl) === sourceKey),
  );
  return byUrl ?? first;
}
