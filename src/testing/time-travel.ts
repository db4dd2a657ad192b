import { durationMs } from "../job/duration.js";
import { formatTime } from "./inspect.js";
import { instantMs, type Instant } from "./instants.js";
import { checkOptions } from "./options.js";
import { requireWorld } from "./world.js";

// ActiveSupport's time helpers over the virtual clock. In test adapter mode they set the
// adapter's clock (travelTo and travel drop milliseconds, as travel_to drops microseconds,
// unless { withMilliseconds: true }). In simulation mode time can only pass: travelTo runs the
// world until the instant, travel and advance run it for the duration.

export interface TravelOptions {
  /** Keep the instant's milliseconds (Rails' `with_usec: true`). */
  withMilliseconds?: boolean;
}

type Block<T> = () => T | Promise<T>;
const TRAVEL_KEYS = ["withMilliseconds"] as const;

export function travelTo(instant: Instant, options?: TravelOptions): Promise<void>;
export function travelTo<T>(instant: Instant, block: Block<T>): Promise<T>;
export function travelTo<T>(instant: Instant, options: TravelOptions, block: Block<T>): Promise<T>;
export async function travelTo(instant: Instant, a?: TravelOptions | Block<unknown>, b?: Block<unknown>): Promise<unknown> {
  const [options, block] = typeof a === "function" ? [{}, a] : [a ?? {}, b];
  checkOptions("travelTo", options, TRAVEL_KEYS);
  return moveTo("travelTo", instantMs(instant, "travelTo"), options, block);
}

/** travelTo(now + duration); a negative duration goes back (test adapter mode only). */
export function travel(duration: number | string, options?: TravelOptions): Promise<void>;
export function travel<T>(duration: number | string, block: Block<T>): Promise<T>;
export function travel<T>(duration: number | string, options: TravelOptions, block: Block<T>): Promise<T>;
export async function travel(duration: number | string, a?: TravelOptions | Block<unknown>, b?: Block<unknown>): Promise<unknown> {
  const [options, block] = typeof a === "function" ? [{}, a] : [a ?? {}, b];
  checkOptions("travel", options, TRAVEL_KEYS);
  const world = requireWorld("travel");
  if (world.mode === "simulation") {
    if (block !== undefined) return rejectBlock("travel");
    return world.sim.advance(duration);
  }
  return moveTo("travel", world.adapter.now() + durationMs(duration, "travel", { allowNegative: true }), options, block);
}

/** Back to the instant before the first travel (test adapter mode). */
export async function travelBack(): Promise<void> {
  const world = requireWorld("travelBack");
  if (world.mode === "simulation") return rejectBlock("travelBack");
  world.adapter.clock.travelBack();
}

/** Lets time pass: the clock moves forward by exactly `duration` (simulation mode: sim.advance, which runs the world). */
export async function advance(duration: number | string): Promise<void> {
  const world = requireWorld("advance");
  if (world.mode === "simulation") return world.sim.advance(duration);
  world.adapter.clock.elapse(durationMs(duration, "advance"));
}

async function moveTo(method: string, target: number, options: TravelOptions, block: Block<unknown> | undefined): Promise<unknown> {
  const world = requireWorld(method);
  if (world.mode === "simulation") {
    if (block !== undefined) return rejectBlock(method);
    if (target < world.sim.now()) {
      throw new RangeError(`${method} cannot move a simulation back in time (it is ${formatTime(world.sim.now(), true)}, asked for ${formatTime(target, true)}); use sim.jumpClock(...) for clock skew`);
    }
    return world.sim.runUntil(target);
  }
  const ms = options.withMilliseconds === true ? target : Math.floor(target / 1000) * 1000;
  const clock = world.adapter.clock;
  if (block === undefined) {
    clock.travel(ms);
    return undefined;
  }
  const restore = clock.save();
  clock.travel(ms);
  try {
    return await block();
  } finally {
    restore();
  }
}

async function rejectBlock(method: string): Promise<never> {
  const what = method === "travelBack" ? "travelBack would move a simulation back in time" : `${method} with a block would move a simulation back in time when the block ends`;
  throw new RangeError(`${what}; a simulation's time only moves forward (use advance, travel or travelTo without a block)`);
}
