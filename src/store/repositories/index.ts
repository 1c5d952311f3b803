import type { Kysely, Transaction } from 'kysely';
import type { Repositories } from '../../app/ports.js';
import type { Database } from '../schema.js';
import { articleEventsRepository } from './article-events.js';
import { articlePagesRepository } from './article-pages.js';
import { articlesRepository } from './articles.js';
import {
  auditRepository,
  credentialsRepository,
  sessionsRepository,
  setupTokensRepository,
} from './auth.js';
import { correctionsRepository } from './corrections.js';
import { discussionRepository } from './discussion.js';
import { fediverseRepository } from './fediverse.js';
import { outboundLinkbacksRepository } from './outbound-linkbacks.js';
import { importRepository } from './imports.js';
import { statementCache, type StatementCache } from './bulk-insert.js';
import { mediaRepository } from './media.js';
import { outboxRepository } from './outbox.js';
import { pairThrottleRepository } from './pair-throttle.js';
import { readerRepository } from './reader.js';
import { revisionsRepository } from './revisions.js';
import { searchRepository } from './search.js';
import { settingsRepository } from './settings.js';
import { termsRepository } from './terms.js';
import { termCatalog } from './term-catalog.js';
import { usersRepository } from './users.js';
import { webhooksRepository } from './webhooks.js';
import { apiTokensRepository } from './api-tokens.js';
import { articleBrowser } from './article-browser.js';
import { autosavesRepository } from './autosaves.js';

/**
 * The app's repository ports over one connection or one transaction. `statements` holds compiled
 * bulk INSERTs; the unit of work passes one per store, so transactions share it.
 */
export function repositories(
  db: Kysely<Database> | Transaction<Database>,
  statements: StatementCache = statementCache(),
): Repositories {
  return {
    articles: articlesRepository(db),
    revisions: revisionsRepository(db),
    corrections: correctionsRepository(db),
    articleEvents: articleEventsRepository(db),
    users: usersRepository(db),
    terms: termsRepository(db),
    discussion: discussionRepository(db),
    settings: settingsRepository(db),
    outbox: outboxRepository(db),
    pairThrottle: pairThrottleRepository(db),
    outboundLinkbacks: outboundLinkbacksRepository(db),
    search: searchRepository(db),
    reader: readerRepository(db),
    imports: importRepository(db, statements),
    sessions: sessionsRepository(db),
    credentials: credentialsRepository(db),
    setupTokens: setupTokensRepository(db),
    audit: auditRepository(db),
    media: mediaRepository(db),
    webhooks: webhooksRepository(db),
    fediverse: fediverseRepository(db),
    termCatalog: termCatalog(db),
    apiTokens: apiTokensRepository(db),
    articleBrowser: articleBrowser(db),
    autosaves: autosavesRepository(db),
    articlePages: articlePagesRepository(db),
  } satisfies Repositories;
}
