export {
  addressInList,
  canonicalAddress,
  classifyAddress,
  validateAllowList,
  type AddressPolicy,
  type AddressVerdict,
} from './classify-address.js';
export { boundedGlobalFetch, type BoundedGlobalFetch } from './bounded-global-fetch.js';
export { destinationRefusal, type DestinationPolicy } from './check-destination.js';
export { createFetcher, FETCH_DEFAULTS } from './create-fetcher.js';
export { directConnector } from './direct-connector.js';
export { systemResolver } from './system-resolver.js';
export { UNREACHABLE_MESSAGE } from './types.js';
export type {
  ConnectTarget,
  Connector,
  FetchFailure,
  FetchFailureCode,
  FetchMethod,
  FetchOutcome,
  FetchRequest,
  FetchResponse,
  Fetcher,
  FetcherOptions,
  GuardedFetcher,
  ResolvedAddress,
  Resolver,
  ResponseHeaders,
  UnreachableCause,
  UnreachableEvent,
} from './types.js';
