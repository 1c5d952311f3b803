export { findLinkToTarget, type LinkCheckInput, type LinkCheckResult } from './find-link.js';
export { isGoneMarker } from './gone.js';
export { extractLinkback, type LinkbackContent, type LinkbackContentInput } from './extract.js';
export { authorFromAuthorPage, type LinkbackAuthor } from './author.js';
export type { LinkbackType, RsvpValue } from './classify.js';
export type { LinkElementKind } from './link-elements.js';
export { sanitizeContent, textToSanitizedHtml, type SanitizedHtml } from './sanitize-content.js';
export { EXCERPT_CONTEXT_CHARS, EXCERPT_LINK_TEXT_MAX } from './excerpt.js';
