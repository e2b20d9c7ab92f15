import type { TheoryType } from './types';

export type AssemblyErrorCode =
  /** The knowledge map is malformed (weights, duplicate codes, missing importance, mixed children). */
  | 'MAP_INVALID'
  /** The paper template is malformed (types, counts, points not totalling 100, duration). */
  | 'TEMPLATE_INVALID'
  /** The snapshot is malformed (duplicate ids, unknown knowledge point, bad counts). */
  | 'SNAPSHOT_INVALID'
  /** Options or seed out of range. */
  | 'OPTIONS_INVALID'
  /** No allocation of the template over the map fits the bank: an area cannot get its points (鉴定比重). */
  | 'ALLOCATION_INFEASIBLE'
  /** A stratum has too few items of the section's type (or they exclude each other as enemies). */
  | 'STRATUM_INFEASIBLE'
  /** Enough items exist, but too many are over the exposure cap. */
  | 'EXPOSURE_INFEASIBLE'
  /** A later form cannot be filled without sharing more than `maxOverlap` with an earlier form. */
  | 'OVERLAP_INFEASIBLE'
  /** A practical set or task paper cannot be drawn from the pool. */
  | 'PRACTICAL_INFEASIBLE';

export interface AssemblyErrorFields {
  /** 0-based template section index. */
  section?: number;
  sectionType?: TheoryType;
  /** Area code of the stratum that cannot be filled. */
  stratum?: string;
  needed?: number;
  available?: number;
  /** Form being drawn when the error occurred. */
  form?: number;
  details?: Record<string, unknown>;
}

/** Every refusal of the assembler: a stable code for the API's error body and the facts behind it. */
export class AssemblyError extends Error {
  readonly code: AssemblyErrorCode;
  readonly section?: number;
  readonly sectionType?: TheoryType;
  readonly stratum?: string;
  readonly needed?: number;
  readonly available?: number;
  readonly form?: number;
  readonly details?: Record<string, unknown>;

  constructor(code: AssemblyErrorCode, message: string, fields: AssemblyErrorFields = {}) {
    super(message);
    this.name = 'AssemblyError';
    this.code = code;
    Object.assign(this, fields);
  }
}
