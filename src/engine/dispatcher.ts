import { earliestScheduledAt } from "../store/scheduled-executions.js";
import { concurrencyMaintenance } from "./concurrency.js";
import { dispatchNextBatch } from "./dispatch.js";
import type { Timer } from "./event-queue.js";
import { Poller } from "./poller.js";
import { QueueProcess } from "./process.js";
import { Phase, type EngineRuntime } from "./runtime.js";

// The dispatcher (spec §2.3, §3.6): moves due scheduled executions to ready in batches, polling
// again at once after a non-empty batch and after polling_interval otherwise; runs concurrency
// maintenance at boot and every concurrency_maintenance_interval.
//
// Poll skipping (engine/poller.ts): while nothing is due, the next useful poll is the first tick
// of its polling grid at or after the earliest scheduled_at.

export interface DispatcherOptions {
  pollingInterval: number; // ms
  batchSize: number;
  concurrencyMaintenance: boolean;
  concurrencyMaintenanceInterval: number; // ms
}

export class Dispatcher extends QueueProcess {
  private readonly poller: Poller;
  private maintenanceTimer: Timer | null = null;

  constructor(
    rt: EngineRuntime,
    owner: number,
    supervisorId: number | null,
    readonly options: DispatcherOptions,
  ) {
    super(rt, "Dispatcher", owner, supervisorId);
    this.poller = new Poller(rt, Phase.Dispatcher, owner, options.pollingInterval, () => this.poll());
  }

  metadata(): Record<string, unknown> {
    const m: Record<string, unknown> = { polling_interval: this.options.pollingInterval / 1000, batch_size: this.options.batchSize };
    if (this.options.concurrencyMaintenance) m.concurrency_maintenance_interval = this.options.concurrencyMaintenanceInterval / 1000;
    return m;
  }

  protected start(): void {
    if (this.options.concurrencyMaintenance) this.maintain();
    this.poller.start();
  }

  private maintain(): void {
    if (this.state !== "running") return;
    concurrencyMaintenance(this.rt, this.options.batchSize);
    this.maintenanceTimer = this.rt.at(this.rt.mono() + this.options.concurrencyMaintenanceInterval, Phase.Dispatcher, this.owner, () => this.maintain());
  }

  private poll(): void {
    if (this.state !== "running") return;
    const moved = dispatchNextBatch(this.rt, this.options.batchSize);
    // with_polling_volume: one polling.solid_queue per poll (spec §9.8).
    this.rt.instrument("polling", () => ({}));
    const now = this.rt.mono();
    if (moved > 0) this.poller.pollAt(now);
    else if (this.rt.settings.pollSkipping && !this.rt.listening("polling")) {
      this.poller.goQuiet(now);
      this.wakeForEarliest();
    } else this.poller.pollAfterInterval(now);
  }

  /**
   * A scheduled execution was inserted (`scheduledAt` given: it can only move the wake-up
   * earlier, so no query is needed), or the wall clock jumped (look the earliest up).
   */
  wakeForEarliest(scheduledAt?: number): void {
    if (!this.poller.quiet || this.state !== "running") return;
    const earliest = scheduledAt ?? earliestScheduledAt(this.rt.store);
    if (earliest === undefined) {
      this.poller.cancelPoll();
      return;
    }
    // Wall time runs ahead of elapsed time by the clock skew; due means wall >= scheduled_at.
    const skew = this.rt.store.now() - this.rt.mono();
    const tick = this.poller.gridTick(earliest - skew);
    const next = this.poller.nextAt;
    if (next !== undefined && next <= tick) return;
    this.poller.wakeAt(tick);
  }

  protected cancelTimers(): void {
    this.poller.stop();
    this.maintenanceTimer?.cancel();
  }
}
