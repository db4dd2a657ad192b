import fc from "fast-check";
import type { AwaitCrashCase, ProcessActionName, TimedAction } from "../world-case.js";

// Crash points: the n-th await of a job (its worker dies right there, mid-job), or a time at
// which a process is killed, crashes, is stopped, stops heartbeating, or a host restarts.
// Pauses of queues ride along, since they too change what a worker may claim.

export interface CrashOptions {
  /** How many arrivals the workload has (await crashes name one by index). */
  arrivals: number;
  /** Largest await index. Default 4. */
  maxAwait?: number;
  /** Most crash points of each kind. Default 2. */
  maxCrashes?: number;
  /** Timed actions fall in [0, window) ms. Default 3000. */
  window?: number;
  /** Process selectors timed actions aim at. Default worker:0, worker:1, supervisor:0. */
  targets?: readonly string[];
  /** Which timed actions to draw from. Default kill, crash, stop, quit, stop_heartbeats, restart. */
  actions?: readonly ProcessActionName[];
}

export function awaitCrashes(opts: CrashOptions): fc.Arbitrary<AwaitCrashCase[]> {
  if (opts.arrivals === 0) return fc.constant([]);
  const one = fc.record({
    arrival: fc.nat({ max: opts.arrivals - 1 }),
    await: fc.integer({ min: 1, max: opts.maxAwait ?? 4 }),
    how: fc.constantFrom("kill" as const, "crash" as const),
  });
  return fc.uniqueArray(one, { maxLength: opts.maxCrashes ?? 2, selector: (c) => c.arrival });
}

export function timedCrashes(opts: CrashOptions): fc.Arbitrary<TimedAction[]> {
  const step = 100;
  const one = fc.record({
    at: fc.nat({ max: Math.max(0, Math.floor((opts.window ?? 3000) / step) - 1) }).map((k) => k * step),
    action: fc.constantFrom(...(opts.actions ?? (["kill", "crash", "stop", "quit", "stop_heartbeats", "restart"] as const))),
    target: fc.constantFrom(...(opts.targets ?? ["worker:0", "worker:1", "supervisor:0"])),
  });
  return fc.array(one, { maxLength: opts.maxCrashes ?? 2 }).map((list) =>
    [...list]
      .sort((a, b) => a.at - b.at)
      .map((a): TimedAction => (a.action === "restart" ? { at: a.at, action: "restart", target: "supervisor" } : a)),
  );
}

/** Pause a queue at some time and (usually) resume it later. */
export function pauses(queues: readonly string[], window = 3000): fc.Arbitrary<TimedAction[]> {
  if (queues.length === 0) return fc.constant([]);
  const one = fc.record({
    queue: fc.constantFrom(...queues),
    at: fc.nat({ max: Math.floor(window / 100) - 1 }).map((k) => k * 100),
    length: fc.option(fc.integer({ min: 1, max: 20 }).map((k) => k * 100), { nil: undefined }),
  });
  return fc.array(one, { maxLength: 2 }).map((list) =>
    list
      .flatMap((p): TimedAction[] => [
        { at: p.at, action: "pause", queue: p.queue },
        ...(p.length === undefined ? [] : [{ at: p.at + p.length, action: "resume" as const, queue: p.queue }]),
      ])
      .sort((a, b) => a.at - b.at),
  );
}
