import type { Child } from 'hono/jsx';

/**
 * A hono/jsx child as markup. What the features hand the theme is usually already markup
 * (`raw()`, an escaped string object), taken as it is; anything else (a JSX element, text, a list)
 * is written by hono/jsx itself, so it is escaped exactly as before.
 */
export async function childHtml(child: Child | undefined): Promise<string> {
  if (child === null || child === undefined || child === false || child === '') return '';
  if (child instanceof String && (child as { isEscaped?: boolean }).isEscaped) return String(child);
  return String(await (<>{child}</>).toString());
}
