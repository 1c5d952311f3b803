/**
 * The handlers of /admin/tokens. Any signed-in user makes and revokes their own tokens; an owner
 * also sees and revokes everyone's (app/api-tokens/own-tokens.ts decides). A new token's secret
 * is the answer to the POST itself, never a redirect target or anything stored, so it is shown
 * once: reloading the list cannot show it again.
 */
import type { Context } from 'hono';
import {
  createOwnToken,
  listTokensFor,
  managesAnyToken,
  revokeTokenAs,
} from '../../../app/api-tokens/own-tokens.js';
import { scopesFor } from '../../../app/api-tokens/scope-roles.js';
import { listUsers } from '../../../app/users/manage-users.js';
import { statusFor } from '../../errors.js';
import type { SettingsKit } from './settings-handlers.js';
import { TokenCreatedPage, TokensPage, type TokenFormState } from './tokens-page.js';

const idOf = (v: string): number | null => (/^[1-9][0-9]{0,11}$/.test(v) ? Number(v) : null);

export function tokensHandlers<C extends Context>(kit: SettingsKit<C>) {
  const show = async (
    c: C,
    extra: { notice?: string; error?: string; failed?: TokenFormState },
    status = 200,
  ) => {
    const user = kit.user(c);
    const tokens = await listTokensFor(kit.app, user);
    const holders = managesAnyToken(user)
      ? new Map((await listUsers(kit.app)).map((u) => [u.id, u.email]))
      : undefined;
    return kit.page(
      c,
      <TokensPage
        frame={kit.frame(c)}
        tokens={tokens}
        now={kit.app.clock()}
        allowedScopes={scopesFor(user.role)}
        {...(holders ? { holders } : {})}
        {...extra}
      />,
      status,
    );
  };
  return {
    'GET /tokens': (c: C) =>
      show(c, c.req.query('done') === 'revoked' ? { notice: 'Token revoked.' } : {}),
    'POST /tokens': async (c: C) => {
      const user = kit.user(c);
      const op = kit.field(c, 'op');
      if (op === 'revoke') {
        const id = idOf(kit.field(c, 'id'));
        const r =
          id === null
            ? ({ ok: false, error: { code: 'invalid_input', message: 'No such token.' } } as const)
            : await revokeTokenAs(kit.app, user, id);
        if (!r.ok) return show(c, { error: r.error.message }, statusFor(r.error.code));
        return c.redirect('/admin/tokens?done=revoked', 303);
      }
      if (op !== 'create') {
        return show(c, { error: 'Unknown form action.' }, statusFor('invalid_input'));
      }
      const state = {
        name: kit.field(c, 'name'),
        scopes: kit.fields(c, 'scopes').slice(0, 10),
        expiresDays: kit.field(c, 'expiresDays').slice(0, 20),
      };
      const days = state.expiresDays.trim();
      if (days !== '' && !/^\d{1,6}$/.test(days)) {
        const message = 'the expiry is a whole number of days';
        const failed = { ...state, message, fields: { expiresDays: message } };
        return show(c, { error: message, failed }, statusFor('invalid_input'));
      }
      const r = await createOwnToken(kit.app, user, {
        name: state.name,
        scopes: state.scopes,
        ...(days === '' ? {} : { expiresDays: Number(days) }),
      });
      if (!r.ok) {
        const failed = { ...state, message: r.error.message, fields: r.error.fields ?? {} };
        return show(c, { error: r.error.message, failed }, statusFor(r.error.code));
      }
      return kit.page(
        c,
        <TokenCreatedPage frame={kit.frame(c)} token={r.value.token} secret={r.value.secret} />,
      );
    },
  };
}
