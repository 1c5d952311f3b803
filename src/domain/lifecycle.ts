/**
 * What an article's URL answers at a given moment, from its lifecycle fields alone: live (200),
 * gone (410, a tombstone: it was public and was taken down or put in the trash) or hidden (404:
 * it never was public, so nothing about it, not even its title, may show).
 */
import { isLive, type Article } from './article.js';

export type PublicState = 'live' | 'gone' | 'hidden';

/** True when the article had been public before it was trashed or withdrawn. */
export function wasPublic(a: Article): boolean {
  const published = a.publishedAt?.getTime();
  if (published === undefined) return false;
  // A draft that had been published, then withdrawn; or a published article put in the trash.
  // A scheduled article taken down before its time never was public.
  if (a.status === 'draft') return a.withdrawnAt !== null && published <= a.withdrawnAt.getTime();
  if (a.status === 'published') return a.deletedAt !== null && published <= a.deletedAt.getTime();
  return false;
}

export function publicState(a: Article, now: Date): PublicState {
  if (isLive(a, now)) return 'live';
  if (a.deletedAt !== null || (a.status === 'draft' && a.withdrawnAt !== null)) {
    return wasPublic(a) ? 'gone' : 'hidden';
  }
  return 'hidden';
}

/** When a trashed article is purged for good. */
export function purgeDueAt(deletedAt: Date, trashDays: number): Date {
  return new Date(deletedAt.getTime() + trashDays * 86_400_000);
}
