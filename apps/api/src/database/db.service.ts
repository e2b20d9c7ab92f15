import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createPool, type Pool, type PoolConnection } from 'mysql2';
import { DataSource, EntityManager } from 'typeorm';

/** One parameterised statement; values are escaped by the driver, never concatenated into the text. */
export interface Statement {
  sql: string;
  params: unknown[];
}

/** Runs statements in order inside the open transaction and returns each one's result (rows, or the write's header). */
export type StatementRunner = (statements: Statement[]) => Promise<unknown[]>;

/** A lock conflict the database resolved by failing one side: the transaction is worth running again. */
export function isLockConflict(err: unknown): boolean {
  return /deadlock|lock wait timeout|SQLITE_BUSY/i.test((err as Error)?.message ?? '');
}

/** Socket-level failures and the server's refusals that say "not now" rather than "not this". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_CONNECTION_KILLED',
  'ER_CLIENT_INTERACTION_TIMEOUT',
]);

/**
 * The database could not be reached or dropped the connection: the request may well succeed a moment later, so the
 * client gets a retryable 503 instead of a 500. TypeORM wraps the driver's error in `driverError`.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; driverError?: { code?: unknown; fatal?: boolean }; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  const code = e.code ?? e.driverError?.code;
  if (typeof code === 'string' && UNAVAILABLE_CODES.has(code)) return true;
  return /connection lost|closed state|server has gone away/i.test(String(e.message ?? ''));
}

/** Connections of the round-trip-saving path ({@link Db.pipelinedTransaction}): one per batch committing at once. */
const PIPELINE_POOL_SIZE = 8;

/**
 * The one way services open a transaction. The embedded SQLite driver shares a single connection, so concurrent
 * transactions there would nest as savepoints of each other; a queue keeps them one at a time. MySQL uses the pool.
 */
@Injectable()
export class Db implements OnApplicationBootstrap, OnApplicationShutdown {
  private tail: Promise<unknown> = Promise.resolve();
  private pipelinePool?: Pool;
  readonly kind: 'mysql' | 'sqlite';

  constructor(@InjectDataSource() readonly dataSource: DataSource) {
    this.kind = dataSource.options.type === 'mysql' || dataSource.options.type === 'mariadb' ? 'mysql' : 'sqlite';
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /**
   * `readCommitted` (MySQL) suits short write transactions that lock the rows they change first: InnoDB then keeps
   * no locks on rows an UPDATE only scanned, which concurrent batches would otherwise deadlock on.
   */
  transaction<T>(work: (tx: EntityManager) => Promise<T>, opts: { readCommitted?: boolean } = {}): Promise<T> {
    if (this.kind === 'mysql')
      return opts.readCommitted
        ? this.dataSource.transaction('READ COMMITTED', work)
        : this.dataSource.transaction(work);
    const run = this.tail.then(() => this.dataSource.transaction(work));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /**
   * A single write statement on its own. MySQL runs it in autocommit: one round trip, no BEGIN and COMMIT. SQLite's
   * shared connection may have another transaction open, so there it waits its turn like a transaction.
   */
  statement<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.kind === 'mysql' ? work(this.manager) : this.transaction(work);
  }

  /**
   * A READ COMMITTED write transaction sent in as few round trips as its logic allows, for the hottest write path
   * (the answer writer's group commit). On MySQL every `run` is one round trip: the first also carries the isolation
   * level and START TRANSACTION, and the statements `work` returns go out with the COMMIT, so a transaction that reads
   * once and then writes costs two round trips instead of one per statement. Each round trip is a context switch for
   * Node and for the server, which is what a saturated two-core host runs out of. The connections come from a small
   * pool of their own that allows several statements per query; only this method uses it, and only with statements
   * whose values are parameters. SQLite runs the same statements one by one in an ordinary transaction.
   */
  async pipelinedTransaction<T>(
    work: (run: StatementRunner) => Promise<{ result: T; finally: Statement[] }>,
  ): Promise<T> {
    if (this.kind !== 'mysql') {
      return this.transaction(async (tx) => {
        const run: StatementRunner = async (statements) => {
          const out: unknown[] = [];
          for (const st of statements) out.push(await tx.query(st.sql, st.params));
          return out;
        };
        const { result, finally: last } = await work(run);
        await run(last);
        return result;
      });
    }
    // mysql2's callback API: its promise wrapper captures a stack trace for every query, which this path cannot afford.
    const conn = await new Promise<PoolConnection>((resolve, reject) =>
      this.pipeline().getConnection((err, c) => (err ? reject(err) : resolve(c))),
    );
    const query = (sql: string, values: unknown[]) =>
      new Promise<unknown>((resolve, reject) =>
        conn.query({ sql, values }, (err, results) => (err ? reject(err) : resolve(results))),
      );
    let begun = false;
    const send = async (statements: Statement[], prefix: string[], suffix: string[]): Promise<unknown[]> => {
      const results = await query(
        [...prefix, ...statements.map((st) => st.sql), ...suffix].join(';\n'),
        statements.flatMap((st) => st.params),
      );
      // Several statements give one result each; a lone statement gives its result bare.
      const all = prefix.length + statements.length + suffix.length > 1 ? (results as unknown[]) : [results];
      return all.slice(prefix.length, prefix.length + statements.length);
    };
    const begin = () =>
      begun ? [] : ((begun = true), ['SET TRANSACTION ISOLATION LEVEL READ COMMITTED', 'START TRANSACTION']);
    try {
      const { result, finally: last } = await work((statements) => send(statements, begin(), []));
      await send(last, begin(), ['COMMIT']);
      conn.release();
      return result;
    } catch (err) {
      // A failed statement stops the rest of its round trip, COMMIT included: the transaction is still open.
      await query('ROLLBACK', []).then(
        () => conn.release(),
        () => conn.destroy(),
      );
      throw err;
    }
  }

  private pipeline(): Pool {
    const url = (this.dataSource.options as { url?: string }).url;
    if (!url) throw new Error('The pipelined path needs the MySQL connection URL');
    this.pipelinePool ??= createPool({
      uri: url,
      connectionLimit: PIPELINE_POOL_SIZE,
      multipleStatements: true,
      charset: 'utf8mb4_unicode_ci',
      timezone: 'Z',
    });
    return this.pipelinePool;
  }

  /**
   * MySQL connections are opened at boot, not by the first requests: when thousands of candidates sign in at the
   * start of a session, a cold pool would make the first of them wait for dozens of handshakes at once. A few at a
   * time, because the server's listen backlog is small. The pool keeps idle connections (mysql2's maxIdle defaults
   * to the pool size), so they are still there when the session starts.
   */
  async onApplicationBootstrap(): Promise<void> {
    if (this.kind !== 'mysql') return;
    const size = (this.dataSource.options as { poolSize?: number }).poolSize ?? 10;
    const runners = [];
    for (let i = 0; i < size; i += 10) {
      const part = Array.from({ length: Math.min(10, size - i) }, () => this.dataSource.createQueryRunner());
      await Promise.all(part.map((r) => r.connect()));
      runners.push(...part);
    }
    await Promise.all(runners.map((r) => r.release()));
    const pool = this.pipeline();
    const held = await Promise.all(
      Array.from(
        { length: PIPELINE_POOL_SIZE },
        () =>
          new Promise<PoolConnection>((resolve, reject) =>
            pool.getConnection((err, c) => (err ? reject(err) : resolve(c))),
          ),
      ),
    );
    for (const c of held) c.release();
  }

  async onApplicationShutdown(): Promise<void> {
    const pool = this.pipelinePool;
    this.pipelinePool = undefined;
    if (pool) await new Promise<void>((resolve) => pool.end(() => resolve()));
  }

  /** `SELECT … FOR UPDATE` where the driver has it; SQLite's single writer already serialises. */
  get lockForUpdate(): { mode: 'pessimistic_write' } | Record<string, never> {
    return this.kind === 'mysql' ? { mode: 'pessimistic_write' } : {};
  }
}
