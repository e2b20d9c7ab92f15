import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';

/**
 * The one way services open a transaction. The embedded SQLite driver shares a single connection, so concurrent
 * transactions there would nest as savepoints of each other; a queue keeps them one at a time. MySQL uses the pool.
 */
@Injectable()
export class Db {
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
   * no locks on rows an UPDATE only scanned, which concurrent batches would otherwise deadlock on.
   */
  transaction<T>(work: (tx: EntityManager) => Promise<T>, opts: { readCommitted?: boolean } = {}): Promise<T> {
    if (this.kind === 'mysql') return opts.readCommitted ? this.dataSource.transaction('READ COMMITTED', work) : this.dataSource.transaction(work);
    const run = this.tail.then(() => this.dataSource.transaction(work));
    this.tail = run.catch(() => undefined);
    return run;
  }

  /** `SELECT … FOR UPDATE` where the driver has it; SQLite's single writer already serialises. */
  get lockForUpdate(): { mode: 'pessimistic_write' } | Record<string, never> {
    return this.kind === 'mysql' ? { mode: 'pessimistic_write' } : {};
  }
}
