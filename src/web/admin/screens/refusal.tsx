/** A refused request on a per-article screen: the failure's message under a title for its kind. */
import type { JSX } from 'hono/jsx/jsx-runtime';
import type { Failure } from '../../../domain/failures.js';
import { ProblemPage, type AdminFrame } from '../admin-views.js';

const TITLES: Partial<Record<Failure['code'], string>> = {
  not_found: 'Not found',
  forbidden: 'Not allowed',
  conflict: 'Changed meanwhile',
};

export function RefusalPage(props: { frame: AdminFrame; failure: Failure }): JSX.Element {
  return (
    <ProblemPage
      frame={props.frame}
      title={TITLES[props.failure.code] ?? 'Bad request'}
      message={props.failure.message}
    />
  );
}
