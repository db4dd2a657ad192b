import { claimedByProcess, orphanedClaims } from "../store/claimed-executions.js";
import { deleteProcess, processByName, prunableProcesses } from "../store/processes.js";
import type { Timer } from "./event-queue.js";
import { failClaimsOf, processError, releaseClaimsOf } from "./finalize.js";
import { QueueProcess, type ExitHow } from "./process.js";
import { Phase, type EngineRuntime } from "./runtime.js";

// The supervisor (spec §5.5, §5.6): boots its children, reaps and replaces the ones that exit
// (failing their claims with ProcessExitError, or ThreadTerminatedError in async mode, where
// the children are threads), prunes processes that stopped heartbeating (ProcessPrunedError),
// and fails orphaned claims at boot (ProcessMissingError). Its 1 s loop only matters when a
// child exited, so it runs only then, on its own 1 s grid.

export type ChildFactory = (supervisor: Supervisor) => QueueProcess;

const LOOP_INTERVAL = 1000;

export class Supervisor extends QueueProcess {
  readonly children: QueueProcess[] = [];
  private readonly exited: { child: QueueProcess; how: ExitHow; factory: ChildFactory }[] = [];
  private pruneTimer: Timer | null = null;
  private drainTimer: Timer | null = null;
  private reapTimer: Timer | null = null;
  private bootedAt = 0;
  /** Emits graceful_termination when every child stopped in time. */
  private gracefulDone: (() => void) | null = null;

  constructor(
    rt: EngineRuntime,
    owner: number,
    private readonly factories: readonly ChildFactory[],
    readonly mode: "fork" | "async" = "fork",
  ) {
    super(rt, mode === "fork" ? "Supervisor(fork)" : "Supervisor(async)", owner, null);
  }

  metadata(): Record<string, unknown> {
    return {};
  }

  /** Boot (spec §5.5): register, heartbeat, fail orphaned claims, start hooks, children, prune. */
  protected override afterRegistration(): void {
    const orphans = orphanedClaims(this.rt.store);
    failClaimsOf(this.rt, orphans, processError("SolidQueue::Processes::ProcessMissingError", "The process that was running this job no longer exists"));
  }

  protected start(): void {
    this.bootedAt = this.rt.mono();
    for (const factory of this.factories) this.startChild(factory);
    this.prune();
  }

  private startChild(factory: ChildFactory): void {
    const child = factory(this);
    child.onExit = (c, how) => this.childExited(c, how, factory);
    this.children.push(child);
    child.boot();
  }

  private childExited(child: QueueProcess, how: ExitHow, factory: ChildFactory): void {
    if (!this.alive) return;
    // Stopping: wait only until every child is gone (up to shutdown_timeout).
    if (this.state === "stopping" && this.drainTimer !== null && this.children.every((c) => !c.alive)) {
      this.drainTimer.cancel();
      this.drainTimer = null;
      this.gracefulDone?.();
      this.gracefulDone = null;
      this.deregister();
      return;
    }
    this.exited.push({ child, how, factory });
    if (this.reapTimer !== null) return;
    // Next tick of the supervisor's 1 s loop after now.
    const now = this.rt.mono();
    const k = Math.floor((now - this.bootedAt) / LOOP_INTERVAL) + 1;
    this.reapTimer = this.rt.at(this.bootedAt + k * LOOP_INTERVAL, Phase.Supervisor, this.owner, () => this.reap());
  }

  private reap(): void {
    this.reapTimer = null;
    if (!this.alive) return;
    const exited = this.exited.splice(0);
    for (const { child, how, factory } of exited) {
      const idx = this.children.indexOf(child);
      if (idx >= 0) this.children.splice(idx, 1);
      const start = this.rt.now();
      const row = processByName(this.rt.store, child.name);
      if (row !== undefined && (this.mode === "async" || child.kind === "Worker")) {
        let error;
        if (this.mode === "async") error = processError("SolidQueue::Processes::ThreadTerminatedError", `Thread ${child.name} terminated unexpectedly`);
        else {
          let message = `Process pid=${child.pid} exited unexpectedly.`;
          if (how.kind === "exit") message += ` Exited with status ${how.status}.`;
          else message += ` Received unhandled signal ${how.signal}.`;
          error = processError("SolidQueue::Processes::ProcessExitError", message);
        }
        failClaimsOf(this.rt, claimedByProcess(this.rt.store, row.id), error, child.name);
      }
      if (this.state === "running") this.startChild(factory);
      // replace_fork / replace_thread wrap failing the claims and starting the replacement.
      if (this.mode === "fork") this.rt.instrument("replace_fork", () => ({ supervisor_pid: this.pid, pid: child.pid, status: exitStatus(how), fork: child.info }), start);
      else this.rt.instrument("replace_thread", () => ({ supervisor_pid: this.pid, thread: child.info }), start);
    }
  }

  private prune(): void {
    if (!this.alive) return;
    const { processAliveThreshold, processHeartbeatInterval } = this.rt.settings;
    const pruned = prunableProcesses(this.rt.store, processAliveThreshold, this.id, processHeartbeatInterval < processAliveThreshold);
    for (const p of pruned) {
      const message = `Process was found dead and pruned (last heartbeat at: ${rubyTime(p.lastHeartbeatAt)})`;
      // Only workers hold claims (Process::Executor#claims_executions?).
      if (p.kind === "Worker") failClaimsOf(this.rt, claimedByProcess(this.rt.store, p.id), processError("SolidQueue::Processes::ProcessPrunedError", message), p.name);
      deleteProcess(this.rt.store, p.id);
      if (p.kind === "Worker") this.rt.instrument("release_many_claimed", () => ({ size: 0 }));
      this.rt.instrument("deregister_process", () => ({ process: { id: p.id, kind: p.kind, name: p.name, pid: p.pid, hostname: "jobsim", supervisor_id: p.supervisorId }, pruned: true }));
      this.rt.trace("process_pruned", { process: p.name, data: { lastHeartbeatAt: p.lastHeartbeatAt, by: this.name } });
    }
    this.rt.instrument("prune_processes", () => ({ size: pruned.length }));
    this.pruneTimer = this.rt.at(this.rt.mono() + this.rt.settings.processAliveThreshold, Phase.Supervisor, this.owner, () => this.prune());
  }

  /** TERM: stop every child, wait up to shutdown_timeout, then deregister itself and what is
   * left (fork: QUIT the stragglers first; async: stragglers make the whole process exit at
   * once, leaving rows and claims for a later pruner). */
  protected override drain(): void {
    const start = this.rt.now();
    const termination = (exceeded: boolean) => ({
      process_id: this.id, supervisor_pid: this.pid, supervised_processes: this.children.map((c) => c.name),
      ...(exceeded ? { shutdown_timeout_exceeded: true } : {}),
    });
    this.gracefulDone = () => this.rt.instrument("graceful_termination", () => termination(false), start);
    this.drainTimer = this.rt.at(this.rt.mono() + this.rt.settings.shutdownTimeout, Phase.Supervisor, this.owner, () => {
      this.drainTimer = null;
      this.gracefulDone = null;
      const stragglers = this.children.filter((c) => c.alive);
      if (stragglers.length > 0) {
        this.rt.instrument("immediate_termination", () => termination(false));
        this.rt.instrument("graceful_termination", () => termination(true), start);
      } else this.rt.instrument("graceful_termination", () => termination(false), start);
      if (this.mode === "async" && stragglers.length > 0) {
        this.rt.trace("process_died", { process: this.name, data: { reason: "shutdown timeout exceeded, immediate exit" } });
        this.dieWithChildren();
        return;
      }
      for (const c of stragglers) c.kill({ kind: "signal", signal: 3 });
      this.deregister();
    });
    for (const c of this.children) c.stop("supervisor TERM");
  }

  protected override releaseClaims(): void {
    // Deregistering a supervisor deregisters each supervisee row still present (spec §5.6).
    for (const c of this.children) {
      const row = processByName(this.rt.store, c.name);
      if (row === undefined) continue;
      if (c.kind === "Worker") releaseClaimsOf(this.rt, row.id, "supervisor deregistration");
      deleteProcess(this.rt.store, row.id);
      this.rt.instrument("deregister_process", () => ({ process: c.info, pruned: false }));
    }
  }

  /** QUIT: every child exits at once without cleanup; then the supervisor deregisters, which
   * puts their in-flight jobs back to ready and removes all rows. */
  quit(): void {
    if (!this.alive) return;
    if (this.mode === "async") {
      super.kill({ kind: "signal", signal: 3 });
      this.dieWithChildren();
      return;
    }
    this.state = "stopping";
    this.rt.trace("process_stopping", { process: this.name, data: { reason: "QUIT" } });
    this.rt.instrument("immediate_termination", () => ({ process_id: this.id, supervisor_pid: this.pid, supervised_processes: this.children.map((c) => c.name) }));
    for (const c of this.children) c.kill({ kind: "signal", signal: 3 });
    this.deregister();
  }

  /** KILL: the supervisor's row stays; fork-mode children notice and stop gracefully, async-mode
   * children (threads of this process) die with it, leaving their rows and claims. */
  override kill(how: ExitHow = { kind: "signal", signal: 9 }): void {
    if (!this.alive) return;
    super.kill(how);
    if (this.mode === "async") this.dieWithChildren();
    else for (const c of this.children) c.stop("supervisor gone");
  }

  private dieWithChildren(): void {
    this.state = "dead";
    this.cancelTimers();
    for (const c of this.children) c.kill({ kind: "signal", signal: 9 });
  }

  protected cancelTimers(): void {
    this.pruneTimer?.cancel();
    this.reapTimer?.cancel();
    this.drainTimer?.cancel();
    this.drainTimer = null;
  }
}

/** Process::Status as the payload's `status`: the exit status, or the signal for a killed fork. */
function exitStatus(how: ExitHow): number {
  return how.kind === "exit" ? how.status : how.signal;
}

/** Ruby's Time#to_s for a UTC time: "2026-01-01 12:00:00 UTC". */
function rubyTime(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 19).replace("T", " ")} UTC`;
}
