/**
 * Database spans: a Kysely dialect wrapper that puts every query (and begin/commit/rollback) of a
 * connection in a client span named after the operation and table ("SELECT cases") — never the SQL
 * text's values or the parameters. Works for both targets, since PGlite is reached through the same
 * node-postgres pool as a server. Without tracing the dialect is returned unchanged.
 */
import type {
  CompiledQuery,
  DatabaseConnection,
  Dialect,
  Driver,
  Kysely,
  QueryResult,
  TransactionSettings,
} from 'kysely';
import { endSpan, startChildSpan, tracingActive } from './tracing.js';

const OPERATIONS: Record<string, string> = {
  SelectQueryNode: 'SELECT',
  InsertQueryNode: 'INSERT',
  UpdateQueryNode: 'UPDATE',
  DeleteQueryNode: 'DELETE',
  MergeQueryNode: 'MERGE',
};

interface TableRef {
  table?: { identifier?: { name?: string } };
  kind?: string;
}

function tableName(node: unknown): string | undefined {
  const ref = node as TableRef | undefined;
  if (ref?.kind === 'TableNode') return ref.table?.identifier?.name;
  // An aliased table: AliasNode { node: TableNode }.
  const inner = (node as { node?: unknown } | undefined)?.node;
  return inner ? tableName(inner) : undefined;
}

/** Operation (SELECT, INSERT, BEGIN, …) and, where Kysely built the query, its main table. */
export function describeQuery(query: CompiledQuery): { operation: string; table?: string } {
  const node = query.query as unknown as {
    kind: string;
    from?: { froms?: unknown[] };
    into?: unknown;
    table?: unknown;
  };
  const operation = OPERATIONS[node.kind];
  if (operation) {
    const table = tableName(node.from?.froms?.[0] ?? node.into ?? node.table);
    return table ? { operation, table } : { operation };
  }
  // Raw SQL: its first keyword only (sql`…` templates keep their values in parameters anyway).
  const keyword = /^\s*([a-z]+)/i.exec(query.sql)?.[1]?.toUpperCase() ?? 'QUERY';
  return { operation: keyword };
}

async function traced<T>(query: CompiledQuery, run: () => Promise<T>): Promise<T> {
  const { operation, table } = describeQuery(query);
  const span = startChildSpan(table ? `${operation} ${table}` : operation, {
    'db.system.name': 'postgresql',
    'db.operation.name': operation,
    ...(table ? { 'db.collection.name': table } : {}),
  });
  if (!span) return run();
  try {
    const result = await run();
    endSpan(span);
    return result;
  } catch (error) {
    endSpan(span, error);
    throw error;
  }
}

class TracedConnection implements DatabaseConnection {
  constructor(readonly inner: DatabaseConnection) {}
  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return traced(query, () => this.inner.executeQuery<R>(query));
  }
  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

const unwrap = (c: DatabaseConnection) => (c instanceof TracedConnection ? c.inner : c);

class TracedDriver implements Driver {
  private readonly wrapped = new WeakMap<DatabaseConnection, TracedConnection>();
  constructor(private readonly inner: Driver) {}
  init() {
    return this.inner.init();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await this.inner.acquireConnection();
    let traced = this.wrapped.get(connection);
    if (!traced) {
      traced = new TracedConnection(connection);
      this.wrapped.set(connection, traced);
    }
    return traced;
  }
  // Begin/commit/rollback run through the traced connection, so they are spans too.
  beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    return this.inner.beginTransaction(connection, settings);
  }
  commitTransaction(connection: DatabaseConnection) {
    return this.inner.commitTransaction(connection);
  }
  rollbackTransaction(connection: DatabaseConnection) {
    return this.inner.rollbackTransaction(connection);
  }
  savepoint(...args: Parameters<NonNullable<Driver['savepoint']>>) {
    if (!this.inner.savepoint) throw new Error('savepoints are not supported by this driver');
    return this.inner.savepoint(...args);
  }
  rollbackToSavepoint(...args: Parameters<NonNullable<Driver['rollbackToSavepoint']>>) {
    if (!this.inner.rollbackToSavepoint) throw new Error('savepoints are not supported by this driver');
    return this.inner.rollbackToSavepoint(...args);
  }
  releaseSavepoint(...args: Parameters<NonNullable<Driver['releaseSavepoint']>>) {
    if (!this.inner.releaseSavepoint) throw new Error('savepoints are not supported by this driver');
    return this.inner.releaseSavepoint(...args);
  }
  releaseConnection(connection: DatabaseConnection) {
    return this.inner.releaseConnection(unwrap(connection));
  }
  destroy() {
    return this.inner.destroy();
  }
}

/** The dialect with database spans while tracing is on; the dialect itself otherwise. */
export function tracedDialect(dialect: Dialect): Dialect {
  if (!tracingActive()) return dialect;
  return {
    createAdapter: () => dialect.createAdapter(),
    createDriver: () => new TracedDriver(dialect.createDriver()),
    createQueryCompiler: () => dialect.createQueryCompiler(),
    createIntrospector: (db: Kysely<unknown>) => dialect.createIntrospector(db),
  };
}
