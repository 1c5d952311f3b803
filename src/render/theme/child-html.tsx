import type { Child } from 'hono/jsx';
import type { HtmlEscapedString } from 'hono/utils/html';

/**
 * Marks a component that only turns its props into markup (no children, no context, nothing
 * async), so `childHtml` may call it directly instead of through hono/jsx's render context.
 */
export const MARKUP_ONLY: unique symbol = Symbol('newsdesk.markupOnly');

export function markupOnly<P>(
  component: (props: P) => HtmlEscapedString,
): (props: P) => HtmlEscapedString {
  return Object.assign((props: P) => component(props), { [MARKUP_ONLY]: true });
}

interface ComponentNode {
  readonly tag: unknown;
  readonly props: unknown;
}

/**
 * A hono/jsx child as markup. What the features hand the theme is usually already markup
 * (`raw()`, an escaped string object) or a markup-only component, taken as it is; anything else
 * (a JSX element, text, a list) is written by hono/jsx itself, so it is escaped exactly as before.
 */
export async function childHtml(child: Child | undefined): Promise<string> {
  if (child === null || child === undefined || child === false || child === '') return '';
  if (child instanceof String && (child as { isEscaped?: boolean }).isEscaped) return String(child);
  const tag = (child as Partial<ComponentNode>).tag;
  if (typeof tag === 'function' && MARKUP_ONLY in tag) {
    return String(
      (tag as unknown as (props: unknown) => HtmlEscapedString)((child as ComponentNode).props),
    );
  }
  return String(await (<>{child}</>).toString());
}
