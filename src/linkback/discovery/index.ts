export { discoverWebmentionEndpoint, type WebmentionDiscoveryInput } from './webmention.js';
export { discoverPingbackServer, type PingbackDiscoveryInput } from './pingback.js';
export { discoverTrackbackPing, type TrackbackDiscoveryInput } from './trackback.js';
export {
  linkHeaderValues,
  parseLinkHeader,
  parseLinkHeaders,
  relTypes,
  type LinkValue,
} from './link-header.js';
