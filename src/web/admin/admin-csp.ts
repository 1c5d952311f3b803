import { SITE_CSP } from '../app.js';

/**
 * The admin's Content-Security-Policy: the site's, except that scripts may load from our own
 * origin (the editor island). Still no inline script, no event handler attributes, no eval:
 * without 'unsafe-inline', an injected `<script>` or `onerror=` cannot run even if markup slipped
 * past the sanitiser into a preview.
 */
export const ADMIN_CSP = SITE_CSP.replace("script-src 'none'", "script-src 'self'");
