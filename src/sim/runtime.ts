import { durationMs } from "../job/duration.js";
import type { JobRegistry, AnyJobClass } from "../job/registry.js";
import type { EventKey, EventQueue } from "../engine/event-queue.js";
import type { ConcurrencyInfo, EngineRuntime, PollTiming, Settings } from "../engine/runtime.js";
import type { Store } from "../store/store.js";
import type { VirtualClock } from "./clock.js";
import type { HookName, LifecycleHook } from "./options.js";
import type { Random } from "./random.js";
import type { Trace, TraceFields, TraceType } from "./trace.js";
import type { Notifier } from "../engine/instrumentation.js";
import type { ErrorReporter } from "../engine/error-reporter.js";

// The engine's view of the world (engine/runtime.ts): the store, virtual time and its event
// queue, the trace, job classes' concurrency limits read at the moment of use, seeded process
// names and pids, and the lifecycle hooks.

export interface RuntimeHost {
  readonly store: Store;
  readonly settings: Settings;
  readonly clock: VirtualClock;
  readonly queue: EventQueue;
  /** The event being run now (read live). */
  readonly current: EventKey;
  readonly trace: Trace;
  readonly notifier: Notifier;
  readonly errors: ErrorReporter;
  readonly registry: JobRegistry;
  readonly commands: Record<string, unknown>;
  readonly concurrencyPeriodMs: number;
  readonly nameRandom: Random;
  readonly timingRandom: Random;
  readonly hooks: Partial<Record<HookName, LifecycleHook | LifecycleHook[]>>;
  allocatePid(): number;
}

export function makeRuntime(h: RuntimeHost): EngineRuntime {
  return {
    store: h.store,
    settings: h.settings,
    app: {
      hasJobClass: (className) => h.registry.get(className) !== undefined,
      jobClassNames: () => h.registry.names(),
      hasCommand: (command) => h.commands[command] !== undefined,
    },
    mono: () => h.clock.mono,
    at: (time, phase, owner, fn) => h.queue.at(Math.max(time, h.clock.mono), phase, owner, fn),
    currentKey: () => h.current,
    trace: (type: TraceType, fields?: TraceFields) => {
      h.trace.add(h.clock.now, type, fields);
    },
    instrument: (event, payload, start) => h.notifier.instrument(`${event}.solid_queue`, payload, start),
    listening: (event) => h.notifier.listening(`${event}.solid_queue`),
    reportError: (error, o) => h.errors.report(error, o),
    now: () => h.clock.now,
    concurrency: (className): ConcurrencyInfo | undefined => {
      const cls = h.registry.get(className) as (AnyJobClass & { concurrencyOptions?: { to?: number; duration?: number | string; onConflict?: string } }) | undefined;
      const o = cls?.concurrencyOptions;
      if (o === undefined) return undefined;
      return {
        limit: o.to ?? 1,
        durationMs: o.duration === undefined ? h.concurrencyPeriodMs : durationMs(o.duration, "duration"),
        onConflict: o.onConflict === "discard" ? "discard" : "block",
      };
    },
    pollTiming: (interval) => pollTiming(h, interval),
    hex: (n) => h.nameRandom.hex(n),
    allocatePid: () => h.allocatePid(),
    lifecycle: (event, p) => {
      const role = p.kind === "Worker" ? "Worker" : p.kind === "Dispatcher" ? "Dispatcher" : p.kind === "Scheduler" ? "Scheduler" : "";
      const name = `on${role}${event[0]!.toUpperCase()}${event.slice(1)}` as HookName;
      const hooks = h.hooks[name];
      for (const hook of hooks === undefined ? [] : Array.isArray(hooks) ? hooks : [hooks]) {
        try {
          hook(p);
        } catch (e) {
          // handle_thread_error: the thread_error event, then on_thread_error (Rails.error,
          // unhandled); nothing stops.
          h.notifier.instrument("thread_error.solid_queue", () => ({ error: e }));
          h.errors.report(e, { handled: false });
          h.trace.add(h.clock.now, "thread_error", { process: p.name, data: { hook: name, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e) } });
        }
      }
    },
  };
}

/** The longest boot offset: forking and booting a process takes well under a second. */
const MAX_BOOT_OFFSET_MS = 1000;
/** What one poll costs (a claim or dispatch query and its transaction): 1 to 4 ms. */
const MIN_POLL_COST_MS = 1;
const MAX_POLL_COST_MS = 4;

/** Poll timing (docs/engine.md, "Poll timing"): whole milliseconds, from the "poll timing"
 * stream, one draw pair per polling process in creation order. */
function pollTiming(h: RuntimeHost, interval: number): PollTiming {
  if (h.settings.pollTiming === "aligned") return { offset: 0, period: interval };
  const offset = h.timingRandom.int(Math.max(1, Math.min(interval, MAX_BOOT_OFFSET_MS)));
  const cost = MIN_POLL_COST_MS + h.timingRandom.int(MAX_POLL_COST_MS - MIN_POLL_COST_MS + 1);
  return { offset, period: interval + cost };
}
