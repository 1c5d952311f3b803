/** Pieces of the editor page: a labelled field with its message, the conflict's diff, notices. */
import type { Child } from 'hono/jsx';
import type { SnapshotDiff } from '../../../app/articles/revision-diff.js';
import type { EditConflict } from '../../../app/editor/save-from-editor.js';
import type { FieldErrors } from '../../../app/editor/editor-form.js';
import { utcToZonedLocal } from '../../../domain/zoned-time.js';

/** A time on the newsroom's clock, as `2026-12-24 09:30 (Europe/London)`. */
export const wallClock = (at: Date, timeZone: string) =>
  `${utcToZonedLocal(at, timeZone).replace('T', ' ')} (${timeZone})`;

/** A label, the control, and the field's message tied to it for screen readers. */
export function Field(props: {
  name: keyof FieldErrors;
  label: string;
  errors: FieldErrors;
  hint?: string;
  children: (a11y: Record<string, string>) => Child;
}) {
  const error = props.errors[props.name];
  const describedBy = [props.hint ? `${props.name}-hint` : '', error ? `${props.name}-error` : '']
    .filter(Boolean)
    .join(' ');
  const a11y: Record<string, string> = {
    id: props.name,
    ...(describedBy ? { 'aria-describedby': describedBy } : {}),
    ...(error ? { 'aria-invalid': 'true' } : {}),
  };
  return (
    <p class={error ? 'field has-error' : 'field'}>
      <label for={props.name}>{props.label}</label>
      {props.children(a11y)}
      {props.hint ? (
        <small id={`${props.name}-hint`} class="hint">
          {props.hint}
        </small>
      ) : null}
      {error ? (
        <span id={`${props.name}-error`} class="field-error">
          {error}
        </span>
      ) : null}
    </p>
  );
}

const shown = (v: unknown) =>
  v === null || v === undefined || v === ''
    ? '(none)'
    : Array.isArray(v)
      ? v.join(', ') || '(none)'
      : String(v);

function DiffTable({ diff }: { diff: SnapshotDiff }) {
  return (
    <>
      {diff.fields.length > 0 ? (
        <table class="audit">
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">When you opened it</th>
              <th scope="col">Now</th>
            </tr>
          </thead>
          <tbody>
            {diff.fields.map((f) => (
              <tr>
                <th scope="row">{f.field}</th>
                <td>{shown(f.before)}</td>
                <td>{shown(f.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {diff.bodyReplaced ? <p>The body was rewritten throughout.</p> : null}
      {diff.body.length > 0 ? (
        <pre class="diff">
          {diff.body
            .map(
              (h) =>
                `@@ -${h.oldStart},${h.oldLines} +${h.newStart},${h.newLines} @@\n${h.lines.join('\n')}`,
            )
            .join('\n')}
        </pre>
      ) : null}
    </>
  );
}

/** "X saved a newer version at TIME", with what they changed since the form was loaded. */
export function ConflictNotice(props: { conflict: EditConflict; timeZone: string }) {
  const { conflict } = props;
  return (
    <section class="notice error" role="alert" aria-labelledby="conflict-title">
      <h2 id="conflict-title">
        {conflict.editorName} saved a newer version at {wallClock(conflict.at, props.timeZone)}
      </h2>
      <p>
        Nothing of yours was saved, and nothing you typed is lost: it is all in the form below. Look
        at <a href="#newer-changes">what changed in their version</a>, bring what you need into
        yours, then save again: this save replaces revision {String(conflict.revision)}.
      </p>
      <details id="newer-changes" open>
        <summary>What changed since you opened the article</summary>
        {conflict.diff ? <DiffTable diff={conflict.diff} /> : <p>(No comparison available.)</p>}
      </details>
    </section>
  );
}

/** People who opened or autosaved the article in the last minutes. */
export function AlsoEditing(props: {
  others: readonly { name: string; at: Date }[];
  timeZone: string;
}) {
  if (props.others.length === 0) return null;
  return (
    <p class="notice" role="status" id="also-editing">
      Also editing:{' '}
      {props.others
        .map((o) => `${o.name} (last seen ${wallClock(o.at, props.timeZone)})`)
        .join(', ')}
      . Saving over each other is refused, but talk to them first.
    </p>
  );
}
