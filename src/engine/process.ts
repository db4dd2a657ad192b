import { deleteProcess, heartbeat, registerProcess } from "../store/processes.js";
import type { Timer } from "./event-queue.js";
import { Phase, type EngineRuntime } from "./runtime.js";

// What every Solid Queue process shares (spec §5.1-5.3): a row in solid_queue_processes, a
// heartbeat every process_heartbeat_interval, and a stop that deregisters it.
//
// Lazy heartbeats (with poll skipping): a beat only writes last_heartbeat_at, which nothing
// reads until a prune, an app query on the table or the end of a run. So beats are not
// scheduled; `materializeHeartbeat` writes the last beat that would have happened, and a
// deleted row is noticed at the next beat tick, exactly when a scheduled beat would notice it.

export type ProcessKind = "Worker" | "Dispatcher" | "Scheduler" | "Supervisor(fork)" | "Supervisor(async)";
export type ProcessState = "new" | "running" | "stopping" | "stopped" | "dead";

export abstract class QueueProcess {
  id = 0;
  readonly name: string;
  readonly pid: number;
  state: ProcessState = "new";
  /** False once the process found its row gone: it forgets the registration (deregistering is
   * then a no-op) but keeps its id, which its claims carry. */
  registered = true;
  private beatsStopped = false;
  private heartbeatTimer: Timer | null = null;
  private beatOrigin = 0;
  private beatsWritten = 0;
  /** Called when this process exits for any reason (the supervisor reaps it). */
  onExit: (p: QueueProcess, how: ExitHow) => void = () => {};
  /** Called when the process dies: the world stops the job code it was running. */
  onKill: () => void = () => {};
  /** Called when the process exits after deregistering (the world stops the job code of an OS
   * process that ended: a fork-mode worker, an async-mode supervisor and its threads). */
  onStopped: () => void = () => {};

  constructor(
    readonly rt: EngineRuntime,
    readonly kind: ProcessKind,
    /** Position among the world's processes: orders same-instant events. */
    readonly owner: number,
    readonly supervisorId: number | null,
  ) {
    const prefix = kind === "Supervisor(fork)" ? "supervisor(fork)" : kind === "Supervisor(async)" ? "supervisor(async)" : kind.toLowerCase();
    this.name = `${prefix}-${rt.hex(20)}`;
    this.pid = rt.allocatePid();
  }

  abstract metadata(): Record<string, unknown>;

  get alive(): boolean {
    return this.state === "running" || this.state === "stopping";
  }

  /** The process as instrumentation payloads show it (`process:` in §9.8's events). */
  get info(): Record<string, unknown> {
    return { id: this.id, kind: this.kind, name: this.name, pid: this.pid, hostname: "jobsim", supervisor_id: this.supervisorId };
  }

  boot(): void {
    const start = this.rt.now();
    const attributes = { kind: this.kind, name: this.name, pid: this.pid, hostname: "jobsim", supervisorId: this.supervisorId, metadata: this.metadata() };
    this.id = registerProcess(this.rt.store, attributes);
    this.rt.instrument("register_process", () => ({
      kind: this.kind, name: this.name, pid: this.pid, hostname: "jobsim",
      ...(this.supervisorId !== null ? { supervisor_id: this.supervisorId } : {}),
      metadata: attributes.metadata, process_id: this.id,
    }));
    this.state = "running";
    this.beatOrigin = this.rt.mono();
    this.rt.trace("process_started", { process: this.name, data: { kind: this.kind, pid: this.pid, id: this.id } });
    if (!this.lazyBeats) this.scheduleHeartbeat(this.rt.mono() + this.rt.settings.processHeartbeatInterval);
    this.afterRegistration();
    this.rt.lifecycle("start", this);
    this.start();
    // Runnable#boot: start_process wraps the boot (spec §9.8).
    this.rt.instrument("start_process", () => ({ process: this.info }), start);
  }

  /** Boot work that comes before the start hooks (the supervisor's orphan check). */
  protected afterRegistration(): void {}

  protected abstract start(): void;

  private get lazyBeats(): boolean {
    return this.rt.settings.pollSkipping;
  }

  get heartbeatsStopped(): boolean {
    return this.beatsStopped;
  }

  /** The stop-heartbeats fault: the process goes on working but never beats again. */
  stopHeartbeats(): void {
    this.materializeHeartbeat();
    this.beatsStopped = true;
  }

  private scheduleHeartbeat(time: number): void {
    this.heartbeatTimer = this.rt.at(time, Phase.Heartbeat, this.owner, () => this.beat());
  }

  private beat(): void {
    this.heartbeatTimer = null;
    if (!this.alive) return;
    if (!this.beatsStopped && !heartbeat(this.rt.store, this.id)) {
      this.rowGone();
      return;
    }
    if (!this.lazyBeats) this.scheduleHeartbeat(this.rt.mono() + this.rt.settings.processHeartbeatInterval);
  }

  /** The row is gone (pruned, deleted): forget the registration and stop gracefully. */
  private rowGone(): void {
    this.registered = false;
    this.stop("row gone at heartbeat");
  }

  /** Beat ticks that have passed by now: those at an earlier instant, or at this instant when
   * heartbeats (the last phase) of this owner already ran. */
  private ticksPassed(): number {
    const interval = this.rt.settings.processHeartbeatInterval;
    const cur = this.rt.currentKey();
    let k = Math.floor((cur.time - this.beatOrigin) / interval);
    if (k >= 1 && this.beatOrigin + k * interval === cur.time && !(cur.phase > Phase.Heartbeat || (cur.phase === Phase.Heartbeat && cur.owner >= this.owner))) k--;
    return Math.max(0, k);
  }

  /** Lazy heartbeats: the wall time of the last beat that would have happened by now, when it
   * was not written yet. */
  pendingBeat(): number | undefined {
    if (!this.lazyBeats || !this.alive || this.beatsStopped || !this.registered) return undefined;
    const k = this.ticksPassed();
    if (k <= this.beatsWritten) return undefined;
    const tick = this.beatOrigin + k * this.rt.settings.processHeartbeatInterval;
    return tick + (this.rt.store.now() - this.rt.mono());
  }

  /** Lazy heartbeats: writes the last beat that would have happened by now. */
  materializeHeartbeat(): void {
    const wall = this.pendingBeat();
    if (wall === undefined) return;
    this.beatsWritten = this.ticksPassed();
    heartbeat(this.rt.store, this.id, wall);
  }

  /** Lazy heartbeats: this process's row was deleted; notice it at the next beat tick. */
  rowDeleted(): void {
    if (!this.lazyBeats || !this.alive || this.beatsStopped || this.heartbeatTimer !== null) return;
    const next = this.beatOrigin + (this.ticksPassed() + 1) * this.rt.settings.processHeartbeatInterval;
    this.heartbeatTimer = this.rt.at(next, Phase.Heartbeat, this.owner, () => {
      this.heartbeatTimer = null;
      if (this.alive && !this.beatsStopped) this.rowGone();
    });
  }

  /** Graceful stop (TERM): subclasses finish in-flight work, then `deregister`. */
  stop(reason = "TERM"): void {
    if (this.state !== "running") return;
    this.state = "stopping";
    this.rt.trace("process_stopping", { process: this.name, data: { reason } });
    this.rt.lifecycle("stop", this);
    this.drain();
  }

  /** Stops taking work and calls `deregister` once in-flight work is done or abandoned. */
  protected drain(): void {
    this.deregister();
  }

  protected deregister(): void {
    if (this.state === "stopped" || this.state === "dead") return;
    this.materializeHeartbeat();
    this.heartbeatTimer?.cancel();
    this.cancelTimers();
    if (this.registered) {
      // Poller#shutdown: deregister_process (its destroy releases a worker's claims) inside
      // shutdown_process (spec §9.8).
      this.releaseClaims();
      deleteProcess(this.rt.store, this.id);
      this.rt.instrument("deregister_process", () => ({ process: this.info, pruned: false }));
    }
    this.rt.instrument("shutdown_process", () => ({ process: this.info }));
    this.state = "stopped";
    this.onStopped();
    this.rt.trace("process_stopped", { process: this.name });
    this.rt.lifecycle("exit", this);
    this.onExit(this, { kind: "exit", status: 0 });
  }

  /** Immediate death: no cleanup; the row and its claims stay. */
  kill(how: ExitHow = { kind: "signal", signal: 9 }): void {
    if (!this.alive) return;
    this.materializeHeartbeat();
    this.state = "dead";
    this.heartbeatTimer?.cancel();
    this.cancelTimers();
    this.onKill();
    this.rt.trace("process_died", { process: this.name, data: how.kind === "signal" ? { signal: how.signal } : { status: how.status } });
    this.onExit(this, how);
  }

  protected abstract cancelTimers(): void;
  protected releaseClaims(): void {}
}

export type ExitHow = { kind: "signal"; signal: number } | { kind: "exit"; status: number };
