import v8 from 'node:v8';

/**
 * How the API process sizes its V8 heap. On a machine with gigabytes of memory V8 lets its young
 * generation grow to 2 × 64 MB and its old generation to up to 4× what survives a collection, so the
 * short-lived garbage of requests stayed in memory: 16 concurrent national maps held ~450 MB of RSS
 * for ~60 MB of live objects (README, "Speed").
 *
 * - SERVER_NODE_FLAGS, a young generation of 2 × 16 MB: V8 reads it only when the process starts, so
 *   it is on the command line of every way the server starts (`npm start`, the Dockerfile, the cluster's
 *   workers, the bench); test/memory-settings.test.ts checks that they agree.
 * - The old generation grows by `heapGrowingPercent` over what survived the last full collection
 *   (MAILLAGE_HEAP_GROWING_PERCENT, default 50; 0 leaves V8's own factor): V8 reads this one at each
 *   collection, so it is set at run time.
 */
export const SERVER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=16'];

/** `execArgv` with SERVER_NODE_FLAGS added, except those it already sets (an operator's own value wins). */
export function withServerFlags(execArgv: readonly string[]): string[] {
  const nameOf = (flag: string) => flag.split('=')[0]!.replaceAll('_', '-');
  const set = new Set(execArgv.map(nameOf));
  return [...execArgv, ...SERVER_NODE_FLAGS.filter((flag) => !set.has(nameOf(flag)))];
}

export function applyHeapGrowing(percent: number): void {
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}
