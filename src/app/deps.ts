import type { Clock, Logger, Markup, Repositories, UnitOfWork } from './ports.js';

/** What the use cases are given by the composition root. */
export interface AppDeps {
  readonly repos: Repositories;
  readonly uow: UnitOfWork<Repositories>;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly siteUrl: string;
  readonly timezone: string;
  readonly markup: Markup;
}
