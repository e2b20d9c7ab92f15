import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { EntityManager } from 'typeorm';
import { iso } from '../../common/columns';
import { Actor } from '../auth/principal';
import { AuditEntryEntity } from './audit-entry.entity';
import { canonicalJson, ChainFault, checkLink, entryHash, GENESIS_HASH } from './audit-chain';
import { AuditFilter, AuditRepository, HEAD_ID } from './audit.repository';

export interface AuditRecord {
  actor: Actor;
  action: string;
  entity: string;
  entityId: string;
  data?: Record<string, unknown>;
}

export interface VerifyResult {
  ok: boolean;
  entries: number;
  headSeq: number;
  firstBadId?: string;
  firstBadSeq?: number;
  fault?: ChainFault;
  /** The first entry that does not fit, as stored (absent when entries are missing at the end). */
  firstBad?: ReturnType<typeof toView>;
}

const PAGE = 2000;

@Injectable()
export class AuditService {
  private readonly logger = new Logger('Audit');

  constructor(private readonly repo: AuditRepository) {}

  /** Appends inside the caller's transaction: the change and its audit entry commit together or not at all. */
  async append(tx: EntityManager, record: AuditRecord): Promise<AuditEntryEntity> {
    const [entry] = await this.appendMany(tx, [record]);
    return entry;
  }

  /**
   * Appends several entries, chained in the order given, under one lock of the chain's head and with multi-row
   * INSERTs: what a bulk action (hundreds of items approved at once) writes, one entry per item, as fast as one.
   */
  async appendMany(tx: EntityManager, records: readonly AuditRecord[]): Promise<AuditEntryEntity[]> {
    if (records.length === 0) return [];
    let head = await this.repo.lockHead(tx);
    if (!head) {
      await this.repo.insertHead(tx, { id: HEAD_ID, seq: 0, hash: GENESIS_HASH });
      head = await this.repo.lockHead(tx);
      if (!head) throw new Error('The audit chain head could not be created');
    }
    const at = Date.now();
    let tip = { seq: head.seq, hash: head.hash };
    const entries = records.map((record) => {
      const entry = new AuditEntryEntity();
      Object.assign(entry, {
        id: randomUUID(),
        seq: tip.seq + 1,
        at,
        actorId: record.actor.id,
        actorName: record.actor.name,
        action: record.action,
        entity: record.entity,
        entityId: record.entityId,
        data: canonicalJson(record.data ?? {}),
        prevHash: tip.hash,
      });
      entry.hash = entryHash(entry);
      tip = { seq: entry.seq, hash: entry.hash };
      return entry;
    });
    await this.repo.saveEntries(tx, entries, { id: HEAD_ID, ...tip });
    return entries;
  }

  async list(filter: AuditFilter, page: number, pageSize: number) {
    const [rows, total] = await this.repo.list(filter, page, pageSize);
    return { items: rows.map(toView), total, page, pageSize };
  }

  /** Walks the chain from the genesis hash; the first entry that does not fit is named. */
  async verify(): Promise<VerifyResult> {
    let cursor = { seq: 0, hash: GENESIS_HASH };
    let entries = 0;
    for (;;) {
      const page = await this.repo.pageAfter(cursor.seq, PAGE);
      for (const entry of page) {
        const fault = checkLink(cursor, entry);
        if (fault)
          return this.report({
            ok: false,
            entries,
            headSeq: cursor.seq,
            firstBadId: entry.id,
            firstBadSeq: entry.seq,
            fault,
            firstBad: toView(entry),
          });
        cursor = { seq: entry.seq, hash: entry.hash };
        entries++;
      }
      if (page.length < PAGE) break;
    }
    const head = await this.repo.readHead();
    if (head && (head.seq !== cursor.seq || head.hash !== cursor.hash)) {
      return this.report({ ok: false, entries, headSeq: head.seq, firstBadSeq: cursor.seq + 1, fault: 'tail_missing' });
    }
    return { ok: true, entries, headSeq: cursor.seq };
  }

  private report(result: VerifyResult): VerifyResult {
    this.logger.error(`Audit chain broken at seq ${result.firstBadSeq} (${result.fault})`);
    return result;
  }
}

export function toView(e: AuditEntryEntity) {
  return {
    id: e.id,
    seq: e.seq,
    at: iso(e.at),
    actor: { id: e.actorId, name: e.actorName },
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    data: parseData(e.data),
    hash: e.hash,
    prevHash: e.prevHash,
  };
}

/** The stored data as JSON; an entry edited into something that is not JSON shows as its raw text. */
function parseData(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return { unparsable: text };
  }
}
