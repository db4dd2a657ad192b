import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

// Between a large scenario run and what comes next (the next run, the reports): two full
// garbage collections, after a turn of the event loop. The run's database lived in a WebAssembly memory of its own (the
// simulation option ownSqlInstance); V8 frees such a memory only after full collections (the
// first finds the instance dead, the second its memory), and its heuristics would not start one
// for a while, so the 100,000-job scenario's reports were written beside ~95 MB of dead wasm
// memory and ~40 MB of dead heap (docs/performance.md). Node exposes `gc` only under
// --expose-gc: the flag is set at run time and `gc` read from a new context, as test runners
// do (jest's leak detector).

/** Runs of at least this many trace events are followed by a collection (~10-50 ms). */
export const LARGE_RUN_EVENTS = 50_000;

let gc: (() => void) | null | undefined;

function collector(): (() => void) | null {
  if (gc === undefined) {
    try {
      setFlagsFromString("--expose-gc");
      const fn: unknown = runInNewContext("gc");
      gc = typeof fn === "function" ? (fn as () => void) : null;
    } catch {
      gc = null;
    }
  }
  return gc;
}

/**
 * Frees what a finished run no longer holds; nothing when node will not collect on demand. After
 * a turn of the event loop: objects the current job touched are kept alive until it ends.
 */
export async function releaseMemory(): Promise<void> {
  const collect = collector();
  if (collect === null) return;
  await new Promise<void>((resolve) => setImmediate(resolve));
  collect();
  collect();
}
