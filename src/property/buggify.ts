import fc from "fast-check";
import { Random } from "../sim/random.js";
import type { Simulation } from "../sim/simulation.js";
import { BUGGIFY_SITES, type BuggifyCase, type BuggifySite, type TimedAction } from "./world-case.js";

// BUGGIFY-style fault sites (as in FoundationDB): a run switches some sites on; a switched-on
// site then fires with a probability drawn once per run from the run's seed. Every decision
// comes from seeded streams, so a run with the same case fires the same faults again.

const PROBABILITIES = [0.02, 0.05, 0.1, 0.25] as const;

export function buggifyCases(sites: readonly BuggifySite[] = BUGGIFY_SITES): fc.Arbitrary<BuggifyCase> {
  return fc.record({ seed: fc.nat({ max: 0x7fffffff }), sites: fc.subarray([...sites]) });
}

export class Buggify {
  private readonly streams = new Map<BuggifySite, Random>();
  private readonly odds = new Map<BuggifySite, number>();
  /** How often each site fired (reports name them). */
  readonly fired = new Map<BuggifySite, number>();

  constructor(readonly c: BuggifyCase) {
    const root = new Random(c.seed);
    for (const site of c.sites) {
      this.odds.set(site, PROBABILITIES[root.fork(`odds:${site}`).int(PROBABILITIES.length)]!);
      this.streams.set(site, root.fork(`fire:${site}`));
    }
  }

  on(site: BuggifySite): boolean {
    return this.streams.has(site);
  }

  /** Whether a switched-on site fires this time. */
  fire(site: BuggifySite): boolean {
    const stream = this.streams.get(site);
    if (stream === undefined) return false;
    const yes = stream.next() < this.odds.get(site)!;
    if (yes) this.fired.set(site, (this.fired.get(site) ?? 0) + 1);
    return yes;
  }

  /** A number from the site's stream (which await, which time). */
  pick(site: BuggifySite, n: number): number {
    return this.streams.get(site)?.int(n) ?? 0;
  }

  /** Before the run: app SQL statements may throw Deadlocked. */
  install(sim: Simulation): void {
    if (!this.on("sql")) return;
    // Any object with test() serves as the matcher: the decision is the site's draw.
    const matcher = { test: () => this.fire("sql") } as unknown as RegExp;
    sim.faults.failSql({ match: matcher, nth: 1, times: Number.MAX_SAFE_INTEGER, origin: "app", error: "Deadlocked", message: "buggify: injected deadlock" });
  }

  /** Timed faults for a run whose arrivals fall in [0, window) ms. */
  actions(window: number, workers: number): TimedAction[] {
    const out: TimedAction[] = [];
    const slots = Math.max(1, Math.floor(window / 100));
    if (this.fire("heartbeat")) out.push({ at: this.pick("heartbeat", slots) * 100, action: "stop_heartbeats", target: `worker:${this.pick("heartbeat", Math.max(1, workers))}` });
    if (this.fire("clock")) out.push({ at: this.pick("clock", slots) * 100, action: "jump_clock", seconds: [-30, 5, 30, 120][this.pick("clock", 4)]! });
    return out;
  }

  /** After an arrival was enqueued as row `jobId`: maybe kill its worker at one of its awaits. */
  atArrival(sim: Simulation, jobId: number): void {
    if (this.fire("crash")) sim.faults.crashAtAwait({ jobId, await: 1 + this.pick("crash", 3), how: "kill" });
  }
}
