/**
 * Everything that differs between our two dialects, answered in one place (Kysely's
 * DialectAdapter is the model). Code elsewhere asks these questions instead of testing the name.
 */
export interface StoreCapabilities {
  readonly dialect: 'sqlite' | 'postgres';
  /** Column type for an auto-generated integer key. */
  readonly serialType: 'integer' | 'serial';
  /** True when more than one process may write at once (claims must use row locks). */
  readonly concurrentWriters: boolean;
  /** SQL fragment that makes a claim query skip rows other transactions hold. */
  readonly skipLockedSuffix: string;
}

export const SQLITE: StoreCapabilities = Object.freeze({
  dialect: 'sqlite',
  serialType: 'integer',
  concurrentWriters: false,
  skipLockedSuffix: '',
});

export const POSTGRES: StoreCapabilities = Object.freeze({
  dialect: 'postgres',
  serialType: 'serial',
  concurrentWriters: true,
  skipLockedSuffix: 'for update skip locked',
});
