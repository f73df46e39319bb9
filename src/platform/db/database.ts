import { basename, dirname, join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { createPgConfig } from '@electric-sql/pglite/node-postgres';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Config } from '../../config.js';
import { ensurePrivateDir, lockDataDir } from '../data-dir.js';
import { tracedDialect } from '../observability/db-tracing.js';
import { DurableNodeFS } from './durable-fs.js';
import type { Database } from './schema.js';

export type Tx = Transaction<Database>;

/** The database as the application sees it: a Kysely instance that works as role schakel_app. */
export interface Db {
  readonly kind: 'embedded' | 'server';
  /** Connection used by the application. Only use it through {@link withTx}. */
  readonly kysely: Kysely<Database>;
  /** Connection of the owner role, for migrations and maintenance only. */
  readonly owner: Kysely<Database>;
  /** The connection pools by name (app, owner), for the pool metrics. */
  readonly pools?: Record<string, pg.Pool>;
  close(): Promise<void>;
  /**
   * Embedded only: runs `fn` while no other query or transaction can run (the one connection is held),
   * after a CHECKPOINT, with a query function and PGlite's dump of the data directory (a tar file).
   * The online backup (src/platform/backup/) takes its image and row counts this way.
   */
  readonly quiesce?: <T>(fn: (q: RawQuery, dumpDataDir: () => Promise<Blob>) => Promise<T>) => Promise<T>;
}

/** A plain query on a held connection. */
export type RawQuery = (text: string, values?: unknown[]) => Promise<Array<Record<string, unknown>>>;

/** The PostgreSQL extensions the embedded database loads (the migrations create them). */
export const EMBEDDED_EXTENSIONS = { pg_trgm, fuzzystrmatch, unaccent };

export type DatabaseOptions =
  | {
      kind: 'embedded';
      dataDir: string;
      /** Start from a dump of another data dir (PGlite dumpDataDir); the test suite's snapshot. */
      loadDataDir?: Blob;
    }
  | {
      kind: 'server';
      url: string;
      migrationUrl?: string;
      poolSize?: number;
      /** Statements of the application's pool are cancelled after this long (0: never); not migrations. */
      statementTimeoutMs?: number;
    };

/** Where the configured database lives; the embedded one keeps its files in <data dir>/pg. */
export function databaseOptionsFrom(config: Config): DatabaseOptions {
  if (config.database.kind === 'server') return config.database;
  const dir = config.database.dataDir;
  if (dir.startsWith('memory://')) return { kind: 'embedded', dataDir: dir };
  ensurePrivateDir(dir);
  return { kind: 'embedded', dataDir: join(dir, 'pg') };
}

// node-postgres returns bigint (int8) as string; counts and sequence numbers fit in a JS number.
pg.types.setTypeParser(20, (value) => value);
// Calendar dates stay ISO strings (YYYY-MM-DD): no time zone may shift a date of birth or a due date.
pg.types.setTypeParser(1082, (value) => value);

/**
 * PGlite's options for a data directory on disk: fsync on (PGlite starts with -F, fsync off) over a
 * file system that really syncs (DurableNodeFS), and WAL flushes through fsync, since fdatasync is a
 * no-op in PGlite's runtime. An acknowledged commit then survives an operating-system crash or power
 * cut (docs/operations.md, cost in docs/benchmarks.md).
 */
export function durablePgliteOptions(dataDir: string, loadDataDir?: Blob) {
  return {
    fs: new DurableNodeFS(dataDir),
    startParams: [...PGlite.defaultStartParams.filter((param) => param !== '-F'), '-c', 'wal_sync_method=fsync'],
    extensions: EMBEDDED_EXTENSIONS,
    ...(loadDataDir ? { loadDataDir } : {}),
  };
}

export async function openDatabase(options: DatabaseOptions): Promise<Db> {
  if (options.kind === 'embedded') {
    // One process per data directory: PGlite has no lock of its own, and a second process writing
    // the same files loses acknowledged writes. The lock lives in SCHAKEL_DATA_DIR (the parent of pg/).
    const onDisk = !options.dataDir.startsWith('memory://');
    const release = onDisk
      ? lockDataDir(basename(options.dataDir) === 'pg' ? dirname(options.dataDir) : options.dataDir)
      : () => {};
    let pglite: PGlite;
    try {
      pglite = onDisk
        ? await PGlite.create(durablePgliteOptions(options.dataDir, options.loadDataDir))
        : await PGlite.create(options.dataDir, {
            extensions: EMBEDDED_EXTENSIONS,
            ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
          });
    } catch (error) {
      release();
      throw error;
    }
    // PGlite has exactly one connection, so one pool of size 1 serves both the app and migrations;
    // every app transaction switches to schakel_app with SET LOCAL ROLE (see withTx).
    const pool = new pg.Pool(createPgConfig(pglite) as unknown as pg.PoolConfig);
    const kysely = new Kysely<Database>({ dialect: tracedDialect(new PostgresDialect({ pool })) });
    return {
      kind: 'embedded',
      kysely,
      owner: kysely,
      pools: { app: pool },
      async quiesce(fn) {
        const client = await pool.connect();
        try {
          const q: RawQuery = async (text, values) => (await client.query(text, values as unknown[])).rows;
          await q('CHECKPOINT');
          return await fn(q, () => pglite.dumpDataDir('none'));
        } finally {
          client.release();
        }
      },
      async close() {
        try {
          await kysely.destroy();
          await pglite.close();
        } finally {
          release();
        }
      },
    };
  }
  const appPool = withIdleErrorHandler(
    new pg.Pool({
      connectionString: options.url,
      max: options.poolSize ?? 10,
      ...(options.statementTimeoutMs ? { statement_timeout: options.statementTimeoutMs } : {}),
    }),
  );
  const kysely = new Kysely<Database>({ dialect: tracedDialect(new PostgresDialect({ pool: appPool })) });
  const ownerPool =
    options.migrationUrl && options.migrationUrl !== options.url
      ? withIdleErrorHandler(new pg.Pool({ connectionString: options.migrationUrl, max: 2 }))
      : null;
  const owner = ownerPool
    ? new Kysely<Database>({ dialect: tracedDialect(new PostgresDialect({ pool: ownerPool })) })
    : kysely;
  return {
    kind: 'server',
    kysely,
    owner,
    pools: ownerPool ? { app: appPool, owner: ownerPool } : { app: appPool },
    async close() {
      if (owner !== kysely) await owner.destroy();
      await kysely.destroy();
    },
  };
}

/**
 * A connection that dies while idle in the pool (server restart, administrator command) is dropped by
 * node-postgres, which then emits "error" on the pool; without a listener that would end the process.
 * The next query opens a new connection. Only the error code and message are written, never a query.
 */
function withIdleErrorHandler(pool: pg.Pool): pg.Pool {
  pool.on('error', (error: Error & { code?: string }) => {
    process.stderr.write(`[schakel] idle database connection closed: ${error.code ?? ''} ${error.message}\n`);
  });
  return pool;
}

/**
 * Runs `fn` in one transaction as role schakel_app with the tenant key set for this transaction only.
 * Row-level security keys on that setting, so a query that forgets its region filter still cannot
 * read or write another region. `regionId: null` means "no region": tenant tables then look empty.
 */
export async function withTx<T>(
  db: Db,
  scope: { regionId: string | null; organisationId?: string; userId?: string },
  fn: (tx: Tx) => Promise<T>,
): Promise<T> {
  return db.kysely.transaction().execute(async (tx) => {
    await sql`select set_config('role', 'schakel_app', true), set_config('schakel.region_id', ${scope.regionId ?? ''}, true), set_config('schakel.organisation_id', ${scope.organisationId ?? ''}, true), set_config('schakel.user_id', ${scope.userId ?? ''}, true)`.execute(
      tx,
    );
    return fn(tx);
  });
}

/**
 * Lets the rest of the transaction read the role grants of one user in every region (the policy
 * `own_grants` of role_grants): sign-in and the resolution of a session or token, before a region is
 * chosen. Nothing else of other regions becomes visible.
 */
export async function scopeToUser(tx: Tx, userId: string): Promise<void> {
  await sql`select set_config('schakel.user_id', ${userId}, true)`.execute(tx);
}
