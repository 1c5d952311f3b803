/**
 * TrackBack 1.2 §"Sending a TrackBack ping" response body. Unlike WordPress we escape the
 * message: it may echo user input (case F90).
 */
import { escapeXml } from '../xml-escape.js';

export type TrackbackOutcome =
  { readonly ok: true } | { readonly ok: false; readonly message: string };

export function encodeTrackbackResponse(outcome: TrackbackOutcome): string {
  const inner = outcome.ok
    ? '<error>0</error>'
    : `<error>1</error>\n<message>${escapeXml(outcome.message)}</message>`;
  return `<?xml version="1.0" encoding="utf-8"?>\n<response>\n${inner}\n</response>\n`;
}
