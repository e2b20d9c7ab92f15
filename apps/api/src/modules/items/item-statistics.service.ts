import { Injectable } from '@nestjs/common';
import { poolItemStatistics, type ItemStatistic, type PooledItemStatistic } from '@jianding/itembank';
import { EntityManager } from 'typeorm';
import { ItemStatisticEntity } from './item.entities';
import { ItemsRepository } from './items.repository';

export interface ItemStatisticsView extends PooledItemStatistic {
  /** When the newest of the pooled sessions was computed. */
  computedAt: string;
}

/** Per-session item statistics, stored on the items for the bank's reports: the exam module writes them through here. */
@Injectable()
export class ItemStatisticsService {
  constructor(private readonly repo: ItemsRepository) {}

  /** Inside the caller's transaction; computing a session again replaces its rows, so nothing is counted twice. */
  async replaceForSession(
    tx: EntityManager,
    sessionId: string,
    stats: readonly ItemStatistic[],
    computedAt: number,
  ): Promise<void> {
    const rows = stats.map((s) =>
      Object.assign(new ItemStatisticEntity(), {
        itemId: s.itemId,
        sessionId,
        n: s.n,
        pValue: s.pValue,
        pointBiserial: s.pointBiserial,
        computedAt,
      }),
    );
    await this.repo.replaceSessionStatistics(tx, sessionId, rows);
  }

  /** Each item's statistics pooled over its sessions; items never computed are absent. */
  async pooled(itemIds: string[], tx?: EntityManager): Promise<Map<string, ItemStatisticsView>> {
    const byItem = new Map<string, ItemStatisticEntity[]>();
    for (const row of await this.repo.statisticsOf(itemIds, tx)) {
      const rows = byItem.get(row.itemId) ?? [];
      rows.push(row);
      byItem.set(row.itemId, rows);
    }
    const views = new Map<string, ItemStatisticsView>();
    for (const [itemId, rows] of byItem) {
      const pooled = poolItemStatistics(rows);
      if (pooled)
        views.set(itemId, {
          ...pooled,
          computedAt: new Date(Math.max(...rows.map((r) => r.computedAt))).toISOString(),
        });
    }
    return views;
  }

  async ofItem(itemId: string, tx?: EntityManager): Promise<ItemStatisticsView | null> {
    return (await this.pooled([itemId], tx)).get(itemId) ?? null;
  }
}
