import {
  createApiToken,
  listApiTokens,
  MAX_EXPIRES_DAYS,
  revokeApiToken,
} from '../../app/api-tokens/api-tokens.js';
import { API_TOKEN_SCOPES, type ApiToken } from '../../app/api-tokens/ports.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { exitFor } from '../exit-codes.js';
import { parseFlags } from '../flags.js';
import { withRuntime } from '../with-runtime.js';

const USAGE = `newsdesk token create --user EMAIL --name NAME --scopes ${API_TOKEN_SCOPES.join(',')} [--expires-days N] [--json]
newsdesk token list [--json]
newsdesk token revoke ID
  The token is printed once, by create; only its hash is stored. Expiry: 90 days unless given (1 to ${MAX_EXPIRES_DAYS}).`;

function status(t: ApiToken, now: Date): string {
  if (t.revokedAt) return 'revoked';
  return t.expiresAt.getTime() <= now.getTime() ? 'expired' : 'active';
}

const view = (t: ApiToken, now: Date) => ({ ...t, status: status(t, now) });

export const tokenCommand: Command = {
  name: 'token',
  usage: USAGE,
  async run(args, io, getConfig) {
    const [sub, ...rest] = args;
    if (sub === 'create') {
      const f = parseFlags(rest, {
        user: 'string',
        name: 'string',
        scopes: 'string',
        'expires-days': 'string',
        json: 'boolean',
      });
      if (f.user === undefined || f.name === undefined || f.scopes === undefined) {
        throw new UsageError('token create needs --user, --name and --scopes');
      }
      const days = f['expires-days'];
      if (days !== undefined && !/^\d{1,6}$/.test(days)) {
        throw new UsageError(
          `--expires-days must be a whole number of days (1 to ${MAX_EXPIRES_DAYS})`,
        );
      }
      const scopes = f.scopes.split(',').map((s) => s.trim());
      return withRuntime(getConfig(), async (rt) => {
        const r = await createApiToken(rt.deps, 'cli', {
          userEmail: f.user ?? '',
          name: f.name ?? '',
          scopes,
          ...(days === undefined ? {} : { expiresDays: Number(days) }),
        });
        if (!r.ok) {
          io.err(`error: ${r.error.message}`);
          return exitFor(r.error.code);
        }
        const { token, secret } = r.value;
        if (f.json)
          io.out(JSON.stringify({ ...view(token, rt.deps.clock()), token: secret }, null, 2));
        else {
          io.out(secret);
          io.err(
            `token ${token.id} (${token.name}; ${token.scopes.join(',')}) expires ${token.expiresAt.toISOString()}; it is shown only now`,
          );
        }
        return EXIT.ok;
      });
    }
    if (sub === 'list') {
      const f = parseFlags(rest, { json: 'boolean' });
      return withRuntime(getConfig(), async (rt) => {
        const now = rt.deps.clock();
        const tokens = await listApiTokens(rt.deps);
        if (f.json)
          io.out(
            JSON.stringify(
              tokens.map((t) => view(t, now)),
              null,
              2,
            ),
          );
        else {
          for (const t of tokens) {
            io.out(
              [
                t.id,
                status(t, now),
                `user:${t.userId}`,
                t.scopes.join(','),
                `expires ${t.expiresAt.toISOString()}`,
                `last used ${t.lastUsedAt?.toISOString() ?? 'never'}`,
                JSON.stringify(t.name),
              ].join('\t'),
            );
          }
          if (tokens.length === 0) io.out('no tokens');
        }
        return EXIT.ok;
      });
    }
    if (sub === 'revoke') {
      const f = parseFlags(rest, {}, 1);
      const [raw] = f._;
      if (raw === undefined || !/^[1-9]\d{0,9}$/.test(raw)) {
        throw new UsageError('token revoke needs the token id (see: newsdesk token list)');
      }
      return withRuntime(getConfig(), async (rt) => {
        const r = await revokeApiToken(rt.deps, 'cli', Number(raw));
        if (!r.ok) {
          io.err(`error: ${r.error.message}`);
          return exitFor(r.error.code);
        }
        io.out(`token ${r.value.id} revoked`);
        return EXIT.ok;
      });
    }
    throw new UsageError(`unknown subcommand: token ${sub ?? ''}`.trim());
  },
};
