import type { MipSolver } from '@jianding/assembly';
import loadHighs from 'highs';

let loading: Promise<MipSolver> | undefined;

/**
 * HiGHS (the `highs` package: HiGHS compiled to WebAssembly), loaded once per process on first use. The
 * assembler solves a template's allocation with it when the split by weight does not fit a bank; one instance
 * serves every caller, since a solve runs to completion before the next starts.
 */
export function mipSolver(): Promise<MipSolver> {
  return (loading ??= loadHighs());
}
