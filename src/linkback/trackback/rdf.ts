/**
 * The TrackBack RDF autodiscovery block for one of our pages (TrackBack 1.2 §"Auto-discovery
 * of TrackBack ping URLs"), wrapped in an HTML comment as the spec shows so browsers ignore it.
 * A comment may not contain `--` (HTML §13.1.6), so after XML escaping every `--` in any value
 * becomes `&#x2d;&#x2d;`, as WordPress does for titles; RDF consumers decode it back.
 */
import { escapeXml } from '../xml-escape.js';

export interface TrackbackRdfInput {
  readonly permalink: string;
  readonly title: string;
  readonly pingUrl: string;
}

const attr = (value: string): string => escapeXml(value).replace(/--/g, '&#x2d;&#x2d;');

export function trackbackRdf({ permalink, title, pingUrl }: TrackbackRdfInput): string {
  return [
    '<!--',
    '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"',
    '         xmlns:dc="http://purl.org/dc/elements/1.1/"',
    '         xmlns:trackback="http://madskills.com/public/xml/rss/module/trackback/">',
    `<rdf:Description rdf:about="${attr(permalink)}"`,
    `    dc:identifier="${attr(permalink)}"`,
    `    dc:title="${attr(title)}"`,
    `    trackback:ping="${attr(pingUrl)}" />`,
    '</rdf:RDF>',
    '-->',
  ].join('\n');
}
