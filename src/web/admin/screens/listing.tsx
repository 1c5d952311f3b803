/**
 * The markup the admin's list screens share (revisions, the linkback ledger, API tokens): the
 * status and error notices over the list, and the list itself, a table with one row of column
 * headers, or one sentence when there is nothing to list.
 */
import type { JSX } from 'hono/jsx/jsx-runtime';

/** What the last action said: a status (polite) and an error (assertive), each when given. */
export function Notices(props: { notice?: string | undefined; error?: string | undefined }) {
  return (
    <>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.error ? (
        <p class="notice error" role="alert">
          {props.error}
        </p>
      ) : null}
    </>
  );
}

/**
 * The items as table rows under column headers (a `false` column is left out, for columns some
 * viewers do not get), or the `empty` sentence when there are none.
 */
export function ListingTable<T>(props: {
  class: string;
  columns: readonly (string | false)[];
  items: readonly T[];
  empty: string;
  row: (item: T) => JSX.Element;
}): JSX.Element {
  if (props.items.length === 0) return <p>{props.empty}</p>;
  return (
    <table class={props.class}>
      <thead>
        <tr>
          {props.columns.map((name) => (name === false ? null : <th scope="col">{name}</th>))}
        </tr>
      </thead>
      <tbody>{props.items.map((item) => props.row(item))}</tbody>
    </table>
  );
}
