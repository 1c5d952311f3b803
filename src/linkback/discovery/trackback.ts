/**
 * TrackBack ping URL discovery (TrackBack 1.2 §"Auto-Discovery of TrackBack Ping URLs", case F91).
 * RDF blocks normally sit inside HTML comments, so they are found by scanning the text for
 * `<rdf:RDF … </rdf:RDF>` and each block is then parsed as XML with saxes (no DTDs, no entity
 * expansion beyond XML's five and character references). The `rdf:Description` whose
 * `dc:identifier` names the URL we linked wins — archive pages carry one block per entry.
 * Fallback: the common, non-standard `<link rel="trackback">` / `<a rel="trackback">`.
 */
import { SaxesParser } from 'saxes';
import { isHtmlType } from '../media-type.js';
import { findRelLink } from './find-rel-link.js';
import { matchKey, parseHttpUrl } from '../url.js';

export interface TrackbackDiscoveryInput {
  readonly body: string;
  /** The URL our article links to (the `dc:identifier` to look for). */
  readonly linkedUrl: string;
  /** The response URL after redirects, for resolving relative URLs; defaults to linkedUrl. */
  readonly finalUrl?: string | URL;
  readonly contentType?: string | undefined;
}

interface RdfDescription {
  readonly identifier?: string;
  readonly about?: string;
  readonly ping?: string;
}

/** RDF blocks bigger than this are not TrackBack blocks; skip instead of parsing. */
const MAX_BLOCK_LENGTH = 16 * 1024;

export function discoverTrackbackPing({
  body,
  linkedUrl,
  finalUrl = linkedUrl,
  contentType,
}: TrackbackDiscoveryInput): URL | null {
  const wanted = matchKey(linkedUrl);
  if (wanted === null) return null;
  for (const description of rdfDescriptions(body)) {
    const id = description.identifier ?? description.about;
    if (id === undefined || description.ping === undefined) continue;
    if (matchKey(id, finalUrl) !== wanted) continue;
    const ping = parseHttpUrl(description.ping, finalUrl);
    if (ping !== null) return ping;
  }
  if (!isHtmlType(contentType)) return null;
  return findRelLink(body, finalUrl, 'trackback');
}

function* rdfDescriptions(body: string): Generator<RdfDescription> {
  let from = 0;
  for (;;) {
    const start = body.indexOf('<rdf:RDF', from);
    if (start < 0) return;
    const close = body.indexOf('</rdf:RDF>', start);
    if (close < 0) return;
    from = close + '</rdf:RDF>'.length;
    if (from - start > MAX_BLOCK_LENGTH) continue;
    yield* parseRdfBlock(body.slice(start, from));
  }
}

function parseRdfBlock(block: string): RdfDescription[] {
  if (/<!\s*(?:doctype|entity)/i.test(block)) return [];
  const found: RdfDescription[] = [];
  const parser = new SaxesParser({ xmlns: false });
  parser.on('opentag', (tag) => {
    if (tag.name !== 'rdf:Description') return;
    const attrs = tag.attributes as Record<string, string>;
    found.push({
      identifier: attrs['dc:identifier'],
      about: attrs['rdf:about'],
      ping: attrs['trackback:ping'],
    });
  });
  try {
    parser.write(block).close();
  } catch {
    // A malformed block still yields the descriptions read before the error.
  }
  return found;
}
