import { addUser } from '../../app/users/add-user.js';
import { USER_ROLES, type UserRole } from '../../domain/article.js';
import { EXIT, UsageError, type Command } from '../command.js';
import { exitFor } from '../exit-codes.js';
import { parseFlags } from '../flags.js';
import { withRuntime } from '../with-runtime.js';

export const userCommand: Command = {
  name: 'user',
  usage: `newsdesk user add --email EMAIL --name NAME --role ${USER_ROLES.join('|')} [--password P]
  Without --password you are prompted (input hidden); without a terminal the user gets no password.`,
  async run(args, io, getConfig) {
    const [sub, ...rest] = args;
    if (sub !== 'add') throw new UsageError(`unknown subcommand: user ${sub ?? ''}`.trim());
    const flags = parseFlags(rest, {
      email: 'string',
      name: 'string',
      role: 'string',
      password: 'string',
      bio: 'string',
    });
    if (!flags.email || !flags.name || !flags.role) {
      throw new UsageError('user add needs --email, --name and --role');
    }
    // `admin` was the owner's name before the role matrix; scripts that say it still work.
    const role = flags.role === 'admin' ? 'owner' : flags.role;
    if (!(USER_ROLES as readonly string[]).includes(role)) {
      throw new UsageError(`--role must be one of ${USER_ROLES.join(', ')}`);
    }
    let password = flags.password;
    if (password === undefined && io.prompt)
      password = (await io.prompt('Password: ')) || undefined;
    return withRuntime(getConfig(), async (rt) => {
      const result = await addUser(rt.deps, {
        email: flags.email ?? '',
        name: flags.name ?? '',
        role: role as UserRole,
        password,
        bio: flags.bio,
      });
      if (!result.ok) {
        io.err(`error: ${result.error.message}`);
        return exitFor(result.error.code);
      }
      io.out(
        `user ${result.value.id} added: ${result.value.name} <${result.value.email}> (${result.value.role})`,
      );
      return EXIT.ok;
    });
  },
};
