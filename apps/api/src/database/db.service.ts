import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { MysqlDriver } from 'typeorm/driver/mysql/MysqlDriver';

/** MySQL's error numbers and SQLite's extended result codes that the services act on. */
const MYSQL_DUPLICATE_KEY = 1062;
const MYSQL_LOCK_WAIT_TIMEOUT = 1205;
const MYSQL_DEADLOCK = 1213;
const SQLITE_DUPLICATE = new Set(['SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

/** The driver's error (mysql2's `errno`, better-sqlite3's `code`), whether TypeORM wrapped it or not. */
function driverErrorOf(err: unknown): { errno?: number; code?: string } {
  const e = err as { driverError?: { errno?: number; code?: string }; errno?: number; code?: string } | null;
  return e?.driverError ?? e ?? {};
}

/** A lock conflict the database resolved by failing one side: the transaction is worth running again. */
export function isLockConflict(err: unknown): boolean {
  const { errno, code } = driverErrorOf(err);
  return errno === MYSQL_DEADLOCK || errno === MYSQL_LOCK_WAIT_TIMEOUT || code === 'SQLITE_BUSY';
}

/** A write refused by a unique index or primary key. */
export function isDuplicateKey(err: unknown): boolean {
  const { errno, code } = driverErrorOf(err);
  return errno === MYSQL_DUPLICATE_KEY || (code !== undefined && SQLITE_DUPLICATE.has(code));
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

/**
 * Every MySQL connection of the pool runs READ COMMITTED by default (set once per connection, when it is opened), so
 * the answer writer's group commit starts its transactions without a statement of its own; every other transaction
 * asks for REPEATABLE READ, MySQL's default, as it did before.
 */
const SESSION_ISOLATION = 'SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED';

/** The callback-style mysql2 pool TypeORM's MySQL driver keeps. */
interface CallbackPool {
  on(
    event: 'connection',
    listener: (conn: { query(sql: string, cb: (err: Error | null) => void): void }) => void,
  ): void;
}

/**
 * The one way services open a transaction. The embedded SQLite driver shares a single connection, so concurrent
 * transactions there would nest as savepoints of each other; a queue keeps them one at a time. MySQL uses the pool.
 */
@Injectable()
export class Db implements OnApplicationBootstrap {
  private readonly logger = new Logger('Db');
  private tail: Promise<unknown> = Promise.resolve();
  readonly kind: 'mysql' | 'sqlite';

  constructor(@InjectDataSource() readonly dataSource: DataSource) {
    this.kind = dataSource.options.type === 'mysql' || dataSource.options.type === 'mariadb' ? 'mysql' : 'sqlite';
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /**
   * `readCommitted` (MySQL) suits short write transactions that lock the rows they change first: InnoDB then keeps
   * no locks on rows an UPDATE only scanned, which concurrent batches would otherwise deadlock on. It is the
   * connections' session level, so such a transaction costs no extra statement; the others ask for REPEATABLE READ.
   */
  transaction<T>(work: (tx: EntityManager) => Promise<T>, opts: { readCommitted?: boolean } = {}): Promise<T> {
    if (this.kind === 'mysql')
      return opts.readCommitted
        ? this.dataSource.transaction(work)
        : this.dataSource.transaction('REPEATABLE READ', work);
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
   * MySQL connections are opened at boot, not by the first requests: when thousands of candidates sign in at the
   * start of a session, a cold pool would make the first of them wait for dozens of handshakes at once. A few at a
   * time, because the server's listen backlog is small. The pool keeps idle connections (mysql2's maxIdle defaults
   * to the pool size), so they are still there when the session starts. Each gets the session isolation level here
   * (the pool is full, so this reaches the connection TypeORM opened to check the server too), and any connection
   * opened later (after a drop) gets it before its first statement: mysql2 runs a connection's statements in order.
   */
  async onApplicationBootstrap(): Promise<void> {
    if (this.kind !== 'mysql') return;
    const pool = (this.dataSource.driver as MysqlDriver).pool as CallbackPool;
    pool.on('connection', (conn) =>
      conn.query(SESSION_ISOLATION, (err) => {
        if (err) this.logger.error(`Could not set the session isolation level: ${err.message}`);
      }),
    );
    const size = (this.dataSource.options as { poolSize?: number }).poolSize ?? 10;
    const runners = [];
    for (let i = 0; i < size; i += 10) {
      const part = Array.from({ length: Math.min(10, size - i) }, () => this.dataSource.createQueryRunner());
      await Promise.all(part.map((r) => r.connect()));
      runners.push(...part);
    }
    await Promise.all(runners.map((r) => r.query(SESSION_ISOLATION)));
    await Promise.all(runners.map((r) => r.release()));
  }

  /** `SELECT … FOR UPDATE` where the driver has it; SQLite's single writer already serialises. */
  get lockForUpdate(): { mode: 'pessimistic_write' } | Record<string, never> {
    return this.kind === 'mysql' ? { mode: 'pessimistic_write' } : {};
  }
}
