/**
 * Version of the drawing algorithm, recorded in every paper. Bump it whenever a change could alter any
 * paper drawn from the same inputs (RNG use, ordering, hashing, the record), so an old paper is re-derived
 * by the version that drew it.
 *
 * 1.1.0: the allocation of the template over the map is solved as a whole when the split by weight does not
 * fit the bank, and every paper records its `allocation`. Papers of banks where the split by weight fits draw
 * the same items in the same order with the same content hash as 1.0.0; only the record gained the field.
 */
export const ASSEMBLER_VERSION = 'jianding-assembly/1.1.0';
