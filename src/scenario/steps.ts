// Playing the timeline: each step first runs the world up to its `at:`, then acts. A request the
// world cannot honour (a time already past, a process that does not exist, SQL that fails) is
// a ScenarioError at the step; NotSettledError and InvariantError pass through to the runner.
import type { AnyJobClass } from "../job/registry.js";
import { InvariantError } from "../sim/invariants.js";
import { NotSettledError, type Simulation } from "../sim/simulation.js";
import type { AnyModel } from "../job/model.js";
import { startArrivals, withIndex } from "./arrivals.js";
import { resolveRecords } from "./records.js";
import { startReplay } from "./replay.js";
import { ScenarioError } from "./errors.js";
import type { EnqueueSpec, StepSpec } from "./spec.js";
import { showTime } from "./time.js";

export class Timeline {
  /** Elapsed time (mono ms) when the last arrivals end: run_until_idle waits for them. */
  private arrivalsEnd = 0;

  constructor(
    private readonly sim: Simulation,
    private readonly timeZone: string,
    private readonly models: readonly AnyModel[] = [],
  ) {}

  /** The arguments of the i-th job: "{i}" filled in, record refs fetched. */
  private args(args: unknown[], i: number): unknown[] {
    return resolveRecords(withIndex(args, i), this.models, this.sim.db) as unknown[];
  }

  async play(step: StepSpec, index: number): Promise<void> {
    try {
      if (step.at !== undefined) await this.runUntil(step.at, step, "at");
      await this.act(step, index);
    } catch (e) {
      if (e instanceof ScenarioError || e instanceof NotSettledError || e instanceof InvariantError) throw e;
      throw ScenarioError.at(step.pos, `${step.label} (${step.key}): ${(e as Error).message}`);
    }
  }

  private async runUntil(t: number, step: StepSpec, what: string): Promise<void> {
    const now = this.sim.now();
    if (t < now) {
      throw ScenarioError.at(
        step.pos,
        `${step.label}.${what}: ${showTime(t, this.timeZone)} is before the current virtual time ${showTime(now, this.timeZone)}; steps run in order and time only moves forward`,
      );
    }
    await this.sim.runUntil(t);
  }

  private job(name: string): AnyJobClass {
    return this.sim.registry.require(name);
  }

  private async act(step: StepSpec, index: number): Promise<void> {
    const sim = this.sim;
    const a = step.action;
    switch (a.kind) {
      case "wait":
        return;
      case "enqueue":
        return this.enqueue(a.enqueue);
      case "arrivals":
        this.arrivalsEnd = Math.max(this.arrivalsEnd, startArrivals(sim, a.arrivals, this.job(a.arrivals.job.value), String(index), step.pos, (args, i) => this.args(args, i)));
        return;
      case "advance":
        return sim.advance(a.seconds);
      case "process": {
        const act = { kill: "kill", crash: "crash", stop: "stop", quit: "quit", stop_heartbeats: "stopHeartbeats" } as const;
        sim[act[a.action]](a.selector);
        return;
      }
      case "pause":
        return sim.pause(a.queue);
      case "resume":
        return sim.resume(a.queue);
      case "fail_sql":
        sim.faults.failSql({ match: a.match, nth: a.nth, times: a.times, origin: a.origin, ...(a.error !== undefined ? { error: a.error } : {}), ...(a.message !== undefined ? { message: a.message } : {}) });
        return;
      case "crash_at_await":
        sim.faults.crashAtAwait({ jobClass: a.job.value, await: a.await, how: a.how, once: a.once });
        return;
      case "jump_clock":
        return sim.jumpClock(a.seconds);
      case "run_until":
        return this.runUntil(a.time, step, "run_until");
      case "run_until_idle": {
        // Arrivals still to come are work too: let them all arrive first.
        if (this.arrivalsEnd > sim.mono()) await sim.advance((this.arrivalsEnd - sim.mono()) / 1000);
        await sim.runUntilIdle(a.horizon !== undefined ? { horizon: a.horizon } : {});
        return;
      }
      case "sql":
        sim.db.exec(a.sql);
        return;
      case "replay":
        this.arrivalsEnd = Math.max(this.arrivalsEnd, startReplay(sim, a.arrivals, step.pos, this.timeZone, (e) => this.enqueue(e)));
        return;
      case "services":
        // From now on: a list is answered call by call, then the mapping's outcome for every call.
        for (const s of a.services) {
          const stub = sim.services.get(s.service);
          if (s.script !== undefined) stub.script(s.method, s.script);
          if (s.otherwise !== undefined) stub.otherwise(s.method, s.otherwise);
        }
        return;
    }
  }

  private async enqueue(e: EnqueueSpec): Promise<void> {
    const sim = this.sim;
    const cls = this.job(e.job.value);
    const options = {
      ...(e.wait !== undefined ? { wait: e.wait } : {}),
      ...(e.waitUntil !== undefined ? { waitUntil: e.waitUntil } : {}),
      ...(e.queue !== undefined ? { queue: e.queue } : {}),
      ...(e.priority !== undefined ? { priority: e.priority } : {}),
    };
    if (e.eachSlice !== undefined) {
      const ids = sim.db.all(e.eachSlice.sql).map((r) => Object.values(r)[0]);
      for (let i = 0; i < ids.length; i += e.eachSlice.size) await sim.enqueue(cls, [ids.slice(i, i + e.eachSlice.size), ...this.args(e.args, i / e.eachSlice.size + 1)], options);
      return;
    }
    for (let i = 1; i <= e.count; i++) await sim.enqueue(cls, this.args(e.args, i), options);
  }
}
