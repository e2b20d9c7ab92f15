export { ASSEMBLER_VERSION } from './version';
export { AssemblyError, type AssemblyErrorCode, type AssemblyErrorFields } from './errors';
export { deriveSeed, shuffleOptionOrder, asSeed } from './random';
export {
  allocate,
  blueprintNeeds,
  type Allocation,
  type AllocationProblem,
  type AreaAllocation,
  type BlueprintNeeds,
  type MipSolver,
  type Supply,
} from './allocation';
export {
  Assembler,
  prepare,
  assemble,
  paperContentText,
  paperContentHash,
  candidateOptionOrders,
  DEFAULT_MAX_OVERLAP,
  EXPOSURE_TIERS,
  type PreparedOptions,
} from './assembler';
export {
  drawPracticalSet,
  composePracticalPaper,
  type PracticalSetDraw,
  type PracticalTask,
  type PracticalTemplate,
  type PracticalTemplateSection,
  type PracticalPosition,
  type PracticalPaper,
} from './practical';
export type * from './types';
