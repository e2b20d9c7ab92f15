/**
 * Version of the drawing algorithm, recorded in every paper. Bump it whenever a change could alter any
 * paper drawn from the same inputs (RNG use, ordering, hashing), so an old paper is re-derived by the
 * version that drew it.
 */
export const ASSEMBLER_VERSION = 'jianding-assembly/1.0.0';
