/** The linkback protocol endpoints, one sub-app each, and the article-page advertising. */
export { webmentionApp, WEBMENTION_MAX_BYTES } from './webmention-app.js';
export { pingbackApp, PINGBACK_MAX_BYTES } from './pingback-app.js';
export { trackbackApp, TRACKBACK_MAX_BYTES } from './trackback-app.js';
export { linkbackDecorator, trackbackPath } from './decorator.js';
