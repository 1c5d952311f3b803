/** The sending side of the three protocols (pure): targets, discovery, request bodies, answers. */
export { isOwnSite, linkTargets } from './targets.js';
export {
  discoverLinkbackEndpoint,
  type DiscoveredEndpoint,
  type DiscoveryResponse,
} from './discover.js';
export {
  basicPingCall,
  extendedPingCall,
  pingbackCall,
  TRACKBACK_CONTENT_TYPE,
  TRACKBACK_SEND_EXCERPT_MAX,
  trackbackBody,
  WEBMENTION_CONTENT_TYPE,
  webmentionBody,
  websubPublishBody,
  XMLRPC_CONTENT_TYPE,
  type OutgoingTrackback,
} from './requests.js';
export {
  MAX_RETRY_AFTER_MS,
  pingbackVerdict,
  readTrackbackResponse,
  retryAfterMs,
  trackbackVerdict,
  updatePingVerdict,
  webmentionVerdict,
  type ReceiverAnswer,
  type SendVerdict,
} from './answers.js';
