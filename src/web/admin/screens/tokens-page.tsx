/** /admin/tokens: a user's API tokens (an owner's view: everyone's), making one, revoking one. */
import { API_TOKEN_SCOPES, type ApiToken } from '../../../app/api-tokens/ports.js';
import { AdminLayout, type AdminFrame } from '../admin-views.js';
import { ListingTable, Notices } from './listing.js';

/** What a refused form sent back, shown again with the message. */
export interface TokenFormState {
  readonly name: string;
  readonly scopes: readonly string[];
  readonly expiresDays: string;
  readonly message: string;
  readonly fields: Readonly<Record<string, string>>;
}

const SCOPE_TEXT: Record<string, string> = {
  read: 'read: reading through the API',
  write: 'write: creating and editing content',
  moderate: 'moderate: the discussion queue',
};

const day = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '');

function status(t: ApiToken, now: Date): string {
  if (t.revokedAt) return `revoked ${day(t.revokedAt)}`;
  return t.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
}

export function TokensPage(props: {
  frame: AdminFrame;
  tokens: readonly ApiToken[];
  now: Date;
  /** For an owner, who holds each token; absent: the list is the user's own. */
  holders?: ReadonlyMap<number, string>;
  allowedScopes: readonly string[];
  notice?: string;
  error?: string;
  failed?: TokenFormState;
}) {
  const f = props.failed;
  const fieldError = (name: string) =>
    f?.fields[name] ? (
      <span class="field-error" id={`token-${name}-error`} role="alert">
        {' '}
        {f.fields[name]}
      </span>
    ) : null;
  return (
    <AdminLayout frame={props.frame} title="API tokens">
      <Notices notice={props.notice} error={props.error} />
      <p>
        A token lets a script call the API as you, limited to its scopes and never more than your
        role allows. It is shown once, when it is made; only its hash is kept.
      </p>
      <ListingTable
        class="tokens"
        columns={[
          'Name',
          props.holders ? 'User' : false,
          'Scopes',
          'Created',
          'Expires',
          'Last used',
          'Status',
          'Revoke',
        ]}
        items={props.tokens}
        empty="No tokens yet."
        row={(t) => (
          <tr id={`token-${t.id}`}>
            <td>{t.name}</td>
            {props.holders ? <td>{props.holders.get(t.userId) ?? `user ${t.userId}`}</td> : null}
            <td>{t.scopes.join(', ')}</td>
            <td>{day(t.createdAt)}</td>
            <td>{day(t.expiresAt)}</td>
            <td>{t.lastUsedAt ? day(t.lastUsedAt) : 'never'}</td>
            <td>{status(t, props.now)}</td>
            <td>
              {t.revokedAt ? null : (
                <form method="post" action="/admin/tokens" class="inline">
                  <input type="hidden" name="_csrf" value={props.frame.csrf} />
                  <input type="hidden" name="op" value="revoke" />
                  <input type="hidden" name="id" value={String(t.id)} />
                  <button type="submit" aria-label={`Revoke ${t.name}`}>
                    Revoke
                  </button>
                </form>
              )}
            </td>
          </tr>
        )}
      />
      <form method="post" action="/admin/tokens" class="admin-form">
        <h2>Make a token</h2>
        <input type="hidden" name="_csrf" value={props.frame.csrf} />
        <input type="hidden" name="op" value="create" />
        <p>
          <label for="token-name">Name (what it is for)</label>
          <input
            id="token-name"
            name="name"
            value={f?.name ?? ''}
            required
            maxlength={100}
            {...(f?.fields.name ? { 'aria-describedby': 'token-name-error' } : {})}
          />
          {fieldError('name')}
        </p>
        <fieldset>
          <legend>Scopes</legend>
          {API_TOKEN_SCOPES.filter((s) => props.allowedScopes.includes(s)).map((s) => (
            <p>
              <input
                id={`token-scope-${s}`}
                type="checkbox"
                name="scopes"
                value={s}
                checked={f ? f.scopes.includes(s) : s === 'read'}
              />{' '}
              <label for={`token-scope-${s}`}>{SCOPE_TEXT[s]}</label>
            </p>
          ))}
          {fieldError('scopes')}
        </fieldset>
        <p>
          <label for="token-expires">Expires after this many days</label>
          <input
            id="token-expires"
            name="expiresDays"
            inputmode="numeric"
            size={6}
            value={f?.expiresDays ?? '90'}
            {...(f?.fields.expiresDays ? { 'aria-describedby': 'token-expiresDays-error' } : {})}
          />
          {fieldError('expiresDays')}
        </p>
        <p>
          <button type="submit">Make token</button>
        </p>
      </form>
    </AdminLayout>
  );
}

export function TokenCreatedPage(props: { frame: AdminFrame; token: ApiToken; secret: string }) {
  return (
    <AdminLayout frame={props.frame} title="Token made">
      <p class="notice" role="status">
        Copy this token now: it is shown only this once and cannot be shown again. If you lose it,
        revoke it and make another.
      </p>
      <p>
        <label for="token-secret">
          {props.token.name} ({props.token.scopes.join(', ')}), expires {day(props.token.expiresAt)}
        </label>
        <br />
        <input
          id="token-secret"
          readonly
          value={props.secret}
          size={50}
          autocomplete="off"
          spellcheck={false}
        />
      </p>
      <p>
        Select it and copy it (Ctrl+C, or ⌘C on a Mac). Send it as{' '}
        <code>Authorization: Bearer nd_…</code>.
      </p>
      <p>
        <a href="/admin/tokens">Back to your tokens</a>
      </p>
    </AdminLayout>
  );
}
