import type { Migration } from 'kysely';
import type { StoreCapabilities } from '../capabilities.js';
import { coreMigration } from './0001-core.js';
import { jobsMigration } from './0002-jobs.js';
import { contentVersionMigration } from './0003-content-version.js';
import { linkbackSourceMissingMigration } from './0004-linkback-source-missing.js';
import { pairThrottleMigration } from './0005-pair-throttle.js';
import { listingIndexesMigration } from './0006-listing-indexes.js';
import { contentVersionRowsMigration } from './0007-content-version-rows.js';
import { editorialMigration } from './0008-editorial.js';
import { mediaMigration } from './0009-media.js';
import { searchMigration } from './0010-search.js';
import { outboundLedgerMigration } from './0011-outbound-ledger.js';
import { importMapMigration } from './0012-import-map.js';
import { adminAuthMigration } from './0015-admin-auth.js';
import { apiTokensMigration } from './0016-api-tokens.js';
import { webhooksMigration } from './0017-webhooks.js';
import { fediverseMigration } from './0018-fediverse.js';
import { fediverseThreadMigration } from './0019-fediverse-thread.js';
import { discussionRevisionsMigration } from './0022-discussion-revisions.js';
import { articleAutosavesMigration } from './0026-article-autosaves.js';
import { articlePageRevisionsMigration } from './0027-article-page-revisions.js';

/** Append-only: never edit a migration that has shipped; add the next number. */
export function migrations(caps: StoreCapabilities): Record<string, Migration> {
  return {
    '0001-core': coreMigration(caps),
    '0002-jobs': jobsMigration(caps),
    '0003-content-version': contentVersionMigration(caps),
    '0004-linkback-source-missing': linkbackSourceMissingMigration(),
    '0005-pair-throttle': pairThrottleMigration(),
    '0006-listing-indexes': listingIndexesMigration(),
    '0007-content-version-rows': contentVersionRowsMigration(caps),
    '0008-editorial': editorialMigration(caps),
    '0009-media': mediaMigration(caps),
    '0010-search': searchMigration(caps),
    '0011-outbound-ledger': outboundLedgerMigration(),
    '0012-import-map': importMapMigration(caps),
    '0015-admin-auth': adminAuthMigration(caps),
    '0016-api-tokens': apiTokensMigration(caps),
    '0017-webhooks': webhooksMigration(caps),
    '0018-fediverse': fediverseMigration(),
    '0019-fediverse-thread': fediverseThreadMigration(caps),
    '0022-discussion-revisions': discussionRevisionsMigration(caps),
    '0026-article-autosaves': articleAutosavesMigration(),
    '0027-article-page-revisions': articlePageRevisionsMigration(caps),
  };
}
