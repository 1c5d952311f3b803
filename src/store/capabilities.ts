/**
 * Everything that differs between our two dialects, answered in one place (Kysely's
 * DialectAdapter is the model). Code elsewhere asks these questions instead of testing the name;
 * `dialect` itself picks what is wholly dialect-specific (the job engine, the trigger DDL).
 */
export interface StoreCapabilities {
  readonly dialect: 'sqlite' | 'postgres';
  /** How an auto-generated integer key is declared. */
  readonly serialKey: 'integer autoincrement' | 'serial';
}

export const SQLITE: StoreCapabilities = Object.freeze({
  dialect: 'sqlite',
  serialKey: 'integer autoincrement',
});

export const POSTGRES: StoreCapabilities = Object.freeze({
  dialect: 'postgres',
  serialKey: 'serial',
});
