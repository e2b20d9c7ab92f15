import loadHighs from 'highs';
import type { MipSolver } from '../allocation';

let loading: Promise<MipSolver> | undefined;

/** HiGHS for specs and benchmarks, loaded once (the library itself only ever receives a solver). */
export function testSolver(): Promise<MipSolver> {
  return (loading ??= loadHighs());
}
