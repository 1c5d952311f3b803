/** One setting as a form control, drawn from its kind (app/settings/setting-keys.ts). */
import type { Child } from 'hono/jsx';
import { settingSpec } from '../../../app/settings/setting-keys.js';
import type { AdminFrame } from '../admin-views.js';

/** What a settings form shows: each field's text, and the message of each refused one. */
export interface SettingsFormState {
  readonly values: Readonly<Record<string, string>>;
  readonly errors: Readonly<Record<string, string>>;
}

export interface FieldLabel {
  readonly key: string;
  readonly label: string;
  readonly hint?: string;
}

const idOf = (key: string) => `s-${key.replace(/\./g, '-')}`;

export function SettingField(props: { field: FieldLabel; state: SettingsFormState }) {
  const { key, label, hint } = props.field;
  const kind = settingSpec(key)?.kind;
  if (!kind) return null;
  const id = idOf(key);
  const value = props.state.values[key] ?? '';
  const error = props.state.errors[key];
  const described = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].join(' ').trim();
  const aria = {
    ...(described ? { 'aria-describedby': described } : {}),
    ...(error ? { 'aria-invalid': 'true' as const } : {}),
  };
  let control: Child;
  if (kind.type === 'boolean') {
    // The hidden "off" goes first: a ticked box sends both and the last one wins, so a form
    // without the field (a partial post) is told apart from a switch turned off.
    return (
      <p class={error ? 'setting has-error' : 'setting'}>
        <input type="hidden" name={key} value="off" />
        <input
          id={id}
          type="checkbox"
          name={key}
          value="on"
          checked={value === 'true' || value === 'on'}
          {...aria}
        />{' '}
        <label for={id}>{label}</label>
        {hint ? <small id={`${id}-hint`}> {hint}</small> : null}
        {error ? (
          <span class="field-error" id={`${id}-error`} role="alert">
            {error}
          </span>
        ) : null}
      </p>
    );
  }
  if (kind.type === 'list') {
    control = (
      <textarea id={id} name={key} rows={5} cols={50} {...aria}>
        {value}
      </textarea>
    );
  } else if (kind.type === 'choice') {
    control = (
      <select id={id} name={key} {...aria}>
        {kind.values.map((v) => (
          <option value={v} selected={v === value}>
            {v}
          </option>
        ))}
      </select>
    );
  } else if (kind.type === 'text') {
    control = <input id={id} name={key} value={value} size={60} {...aria} />;
  } else {
    control = (
      <input
        id={id}
        name={key}
        value={value}
        inputmode={kind.type === 'number' ? 'decimal' : 'numeric'}
        size={8}
        {...aria}
      />
    );
  }
  return (
    <p class={error ? 'setting has-error' : 'setting'}>
      <label for={id}>{label}</label>
      <br />
      {control}
      {hint ? <small id={`${id}-hint`}> {hint}</small> : null}
      {error ? (
        <span class="field-error" id={`${id}-error`} role="alert">
          {' '}
          {error}
        </span>
      ) : null}
    </p>
  );
}

/** A settings form: its groups of fields, the CSRF field, one save button, the form's message. */
export function SettingsForm(props: {
  frame: AdminFrame;
  action: string;
  groups: readonly { readonly title: string; readonly fields: readonly FieldLabel[] }[];
  state: SettingsFormState;
  notice?: string;
  message?: string;
}) {
  return (
    <>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.message ? (
        <p class="notice error" role="alert">
          {props.message}
        </p>
      ) : null}
      <form method="post" action={props.action} class="admin-form">
        <input type="hidden" name="_csrf" value={props.frame.csrf} />
        {props.groups.map((g) => (
          <fieldset>
            <legend>{g.title}</legend>
            {g.fields.map((f) => (
              <SettingField field={f} state={props.state} />
            ))}
          </fieldset>
        ))}
        <p>
          <button type="submit">Save settings</button>
        </p>
      </form>
    </>
  );
}
