/**
 * The bodies a sender POSTs, byte for byte. Each protocol has exactly one builder here.
 */
import { cropAtWord } from '../html/text.js';
import { encodeMethodCall } from '../xmlrpc/encode.js';

/** W3C Webmention §3.1.3: form-encoded `source` and `target`, nothing else. */
export const WEBMENTION_CONTENT_TYPE = 'application/x-www-form-urlencoded';

/**
 * The endpoint's own query string stays in the URL we POST to (webmention.rocks test 21); the
 * body carries only the two parameters.
 */
export function webmentionBody(source: string, target: string): string {
  return new URLSearchParams({ source, target }).toString();
}

/** Pingback 1.0 §3: an XML-RPC call, `text/xml`. */
export const XMLRPC_CONTENT_TYPE = 'text/xml';

/** `pingback.ping(sourceURI, targetURI)`: two `<string>` params, source first. */
export function pingbackCall(source: string, target: string): string {
  return encodeMethodCall('pingback.ping', [source, target]);
}

/**
 * TrackBack 1.2 "Sending a TrackBack Ping": form-encoded POST, the charset named (SHOULD) and
 * every field in it (MUST). We always send UTF-8.
 */
export const TRACKBACK_CONTENT_TYPE = 'application/x-www-form-urlencoded; charset=utf-8';

/** WordPress crops a trackback excerpt to 252 characters plus an ellipsis; so do we. */
export const TRACKBACK_SEND_EXCERPT_MAX = 252;

export interface OutgoingTrackback {
  /** Our permalink (required). */
  readonly url: string;
  readonly title: string;
  /** Plain text. */
  readonly excerpt: string;
  readonly blogName: string;
}

export function trackbackBody(ping: OutgoingTrackback): string {
  return new URLSearchParams({
    url: ping.url,
    title: ping.title,
    excerpt: cropAtWord(ping.excerpt, TRACKBACK_SEND_EXCERPT_MAX),
    blog_name: ping.blogName,
  }).toString();
}

/**
 * `weblogUpdates.extendedPing(name, url, changesUrl, feedUrl)` (the extended form ping services
 * such as Ping-o-Matic accept); `weblogUpdates.ping(name, url)` is the fallback.
 */
export function extendedPingCall(
  siteName: string,
  siteUrl: string,
  changedUrl: string,
  feedUrl: string,
): string {
  return encodeMethodCall('weblogUpdates.extendedPing', [siteName, siteUrl, changedUrl, feedUrl]);
}

export function basicPingCall(siteName: string, siteUrl: string): string {
  return encodeMethodCall('weblogUpdates.ping', [siteName, siteUrl]);
}

/**
 * A hub notification: `hub.mode=publish` and the topic URL, form-encoded (PubSubHubbub 0.3
 * §7.1, "New Content Notification"). W3C WebSub §6 leaves the publisher-to-hub step to each hub;
 * the common hubs take this one.
 */
export function websubPublishBody(topicUrl: string): string {
  return new URLSearchParams({ 'hub.mode': 'publish', 'hub.url': topicUrl }).toString();
}
