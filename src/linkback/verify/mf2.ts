/**
 * A safe wrapper over `microformats-parser` (pinned ~2.0.6) plus small readers for its output.
 * The parser throws on an empty string and on a `<body>` with no element children (410 pages
 * are often empty), so every call goes through `parseMf2`, which returns an empty document
 * instead. Its types are not exported, so the shapes we rely on are declared here.
 */
import type * as Mf2Parser from 'microformats-parser';
import { lazyRequire } from '../../lazy-require.js';

/** Loaded by the first verification, never by a server that only serves pages. */
const parser = lazyRequire<typeof Mf2Parser>('microformats-parser');

export interface Mf2Item {
  readonly type?: string[];
  readonly properties: Record<string, Mf2Property[]>;
  readonly children?: Mf2Item[];
  readonly value?: Mf2Property;
  readonly id?: string;
}
export interface Mf2Image {
  readonly value?: string;
  readonly alt: string;
}
export interface Mf2Html {
  readonly html: string;
  readonly value: string;
}
export type Mf2Property = Mf2Item | Mf2Image | Mf2Html | string;

export interface Mf2Document {
  readonly items: Mf2Item[];
  readonly rels: Record<string, string[]>;
}

const EMPTY: Mf2Document = { items: [], rels: {} };

export function parseMf2(body: string, baseUrl: string | URL): Mf2Document {
  if (body.trim() === '') return EMPTY;
  try {
    const parsed = parser().mf2(body, { baseUrl: String(baseUrl) });
    return { items: parsed.items, rels: parsed.rels };
  } catch {
    return EMPTY;
  }
}

export function isItem(value: Mf2Property | undefined): value is Mf2Item {
  return typeof value === 'object' && 'properties' in value;
}

export function isHtml(value: Mf2Property | undefined): value is Mf2Html {
  return typeof value === 'object' && 'html' in value && !('properties' in value);
}

export function hasType(item: Mf2Item, type: string): boolean {
  return item.type?.includes(type) ?? false;
}

/** The plain string form of a property value (nested items and html use their `value`). */
export function stringValue(value: Mf2Property | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (isItem(value)) return typeof value.value === 'string' ? value.value : undefined;
  return value.value;
}

/** First string value of a property, trimmed, or undefined when absent/empty. */
export function firstString(item: Mf2Item, name: string): string | undefined {
  for (const value of item.properties[name] ?? []) {
    const text = stringValue(value)?.trim();
    if (text !== undefined && text !== '') return text;
  }
  return undefined;
}

/**
 * Every URL a property refers to: plain string values, and for nested items (h-cite, h-card)
 * their `url` values and their own `value`.
 */
export function propertyUrls(item: Mf2Item, name: string): string[] {
  const urls: string[] = [];
  for (const value of item.properties[name] ?? []) {
    if (isItem(value)) {
      for (const url of value.properties['url'] ?? []) {
        const text = stringValue(url);
        if (text !== undefined) urls.push(text);
      }
      if (typeof value.value === 'string') urls.push(value.value);
    } else {
      const text = stringValue(value);
      if (text !== undefined) urls.push(text);
    }
  }
  return urls;
}
