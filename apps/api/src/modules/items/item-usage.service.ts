import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ItemsRepository } from './items.repository';

/** How often items have been drawn: the paper module records each draw here, inside its own transaction. */
@Injectable()
export class ItemUsage {
  constructor(private readonly repo: ItemsRepository) {}

  /** Adds each drawn item's uses (item id → times drawn) and marks when it was last used. */
  record(tx: EntityManager, uses: Map<string, number>, at: number): Promise<void> {
    return this.repo.addUsage(tx, uses, at);
  }
}
