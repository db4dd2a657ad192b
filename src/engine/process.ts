import { deleteProcess, heartbeat, registerProcess } from "../store/processes.js";
import type { Timer } from "./event-queue.js";
import { Phase, type EngineRuntime } from "./runtime.js";

// What every Solid Queue process shares (spec §5.1-5.3): a row in solid_queue_processes, a
// heartbeat every process_heartbeat_interval, and a stop that deregisters it.

export type ProcessKind = "Worker" | "Dispatcher" | "Scheduler" | "Supervisor(fork)" | "Supervisor(async)";
export type ProcessState = "new" | "running" | "stopping" | "stopped" | "dead";

export abstract class QueueProcess {
  id = 0;
  readonly name: string;
  readonly pid: number;
  state: ProcessState = "new";
  heartbeatsStopped = false;
  private heartbeatTimer: Timer | null = null;
  /** Called when this process exits for any reason (the supervisor reaps it). */
  onExit: (p: QueueProcess, how: ExitHow) => void = () => {};
  /** Called when the process dies: the world stops the job code it was running. */
  onKill: () => void = () => {};

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

  boot(): void {
    this.id = registerProcess(this.rt.store, {
      kind: this.kind,
      name: this.name,
      pid: this.pid,
      hostname: "jobsim",
      supervisorId: this.supervisorId,
      metadata: this.metadata(),
    });
    this.state = "running";
    this.rt.trace("process_started", { process: this.name, data: { kind: this.kind, pid: this.pid, id: this.id } });
    this.scheduleHeartbeat();
    this.start();
  }

  protected abstract start(): void;

  private scheduleHeartbeat(): void {
    this.heartbeatTimer = this.rt.at(this.rt.mono() + this.rt.settings.processHeartbeatInterval, Phase.Heartbeat, this.owner, () => this.beat());
  }

  private beat(): void {
    if (!this.alive) return;
    if (!this.heartbeatsStopped && !heartbeat(this.rt.store, this.id)) {
      // The row is gone (pruned): forget the registration and stop gracefully.
      this.id = 0;
      this.stop("row gone at heartbeat");
      return;
    }
    this.scheduleHeartbeat();
  }

  /** Graceful stop (TERM): subclasses finish in-flight work, then `deregister`. */
  stop(reason = "TERM"): void {
    if (this.state !== "running") return;
    this.state = "stopping";
    this.rt.trace("process_stopping", { process: this.name, data: { reason } });
    this.drain();
  }

  /** Stops taking work and calls `deregister` once in-flight work is done or abandoned. */
  protected drain(): void {
    this.deregister();
  }

  protected deregister(): void {
    if (this.state === "stopped" || this.state === "dead") return;
    this.heartbeatTimer?.cancel();
    this.cancelTimers();
    if (this.id !== 0) {
      this.releaseClaims();
      deleteProcess(this.rt.store, this.id);
    }
    this.state = "stopped";
    this.rt.trace("process_stopped", { process: this.name });
    this.onExit(this, { kind: "exit", status: 0 });
  }

  /** Immediate death: no cleanup; the row and its claims stay. */
  kill(how: ExitHow = { kind: "signal", signal: 9 }): void {
    if (!this.alive) return;
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
