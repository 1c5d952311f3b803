/** Pure linkback protocol modules (no I/O): see ./README.md for the map and the decisions. */
export * from './xmlrpc/index.js';
export * from './pingback/index.js';
export * from './trackback/index.js';
export * from './webmention/index.js';
export * from './verify/index.js';
export * from './discovery/index.js';
export { normalizeSourceUrl } from './normalize-source.js';
export { cropAtWord, htmlToText } from './html/text.js';
export { charsetParameter, isHtmlType, mediaType } from './media-type.js';
export * from './send/index.js';
