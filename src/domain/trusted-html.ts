declare const trusted: unique symbol;

/**
 * Markup that is safe to place in a page as is. Only the sanitiser (render/sanitize.ts) and the
 * escaper may produce it; everything else from outside is a plain string and gets escaped.
 */
export type TrustedHtml = string & { readonly [trusted]: true };

/** For values read back from our own store, where only sanitised HTML was ever written. */
export function trustStoredHtml(value: string): TrustedHtml {
  return value as TrustedHtml;
}
