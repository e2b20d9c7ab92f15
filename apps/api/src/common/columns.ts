import { ValueTransformer } from 'typeorm';

/**
 * Times are stored as epoch milliseconds in a BIGINT: the same bytes on MySQL and SQLite, no time-zone
 * conversion by either driver, and exact round trips for hashing.
 */
export const epochMs: ValueTransformer = {
  to: (value?: number | null) => value,
  from: (value?: string | number | null) => (value === null || value === undefined ? value : Number(value)),
};

export const msColumn = { type: 'bigint' as const, transformer: epochMs };

export const iso = (ms: number | null | undefined): string | null =>
  ms === null || ms === undefined ? null : new Date(ms).toISOString();
