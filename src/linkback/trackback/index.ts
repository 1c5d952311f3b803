export {
  parseTrackbackForm,
  TRACKBACK_EXCERPT_MAX,
  TRACKBACK_TITLE_MAX,
  type TrackbackFormError,
  type TrackbackFormErrorCode,
  type TrackbackPing,
} from './form.js';
export { encodeTrackbackResponse, type TrackbackOutcome } from './response.js';
export { trackbackRdf, type TrackbackRdfInput } from './rdf.js';
