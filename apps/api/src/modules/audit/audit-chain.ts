import { createHash } from 'crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** JSON with keys sorted at every depth, so the same entry hashes the same on any machine and driver. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export interface ChainFields {
  id: string;
  seq: number;
  at: number;
  actorId: string | null;
  actorName: string;
  action: string;
  entity: string;
  entityId: string;
  /** Already canonical JSON text. */
  data: string;
  prevHash: string;
}

export function entryHash(e: ChainFields): string {
  const body = canonicalJson({
    id: e.id,
    seq: e.seq,
    at: e.at,
    actorId: e.actorId,
    actorName: e.actorName,
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    data: e.data,
    prevHash: e.prevHash,
  });
  return createHash('sha256').update(body).digest('hex');
}

export type ChainFault = 'hash_mismatch' | 'broken_link' | 'sequence_gap' | 'tail_missing';

export interface ChainCursor {
  seq: number;
  hash: string;
}

/**
 * Checks one entry against the previous one. Returns the fault or null. Fed in seq order, it finds the first entry
 * that was edited (its hash no longer matches), removed (the next one links to a hash that isn't there) or inserted.
 */
export function checkLink(prev: ChainCursor, entry: ChainFields & { hash: string }): ChainFault | null {
  if (entry.seq !== prev.seq + 1) return 'sequence_gap';
  if (entry.prevHash !== prev.hash) return 'broken_link';
  if (entryHash(entry) !== entry.hash) return 'hash_mismatch';
  return null;
}
