// Solid Queue's and Active Job's instrumentation (solid-queue.md §9.8, active-job.md §5.8): the
// ActiveSupport::Notifications events the real code emits, with their real names and payload
// keys. A separate channel from the trace's state-change events: subscribers see them as they
// happen, and the simulation keeps them only when asked (`instrumentation: true`), so a run
// nobody listens to builds no payload at all (the 100k-job cost is one check per site).

export const SOLID_QUEUE_EVENTS = [
  "enqueue_recurring_task", "dispatch_scheduled", "claim", "release_claimed", "release_many_claimed", "fail_many_claimed",
  "release_blocked", "release_many_blocked", "retry", "retry_all", "discard", "discard_all", "register_process",
  "deregister_process", "prune_processes", "start_process", "shutdown_process", "graceful_termination",
  "immediate_termination", "replace_fork", "replace_thread", "thread_error", "polling",
] as const;

export const ACTIVE_JOB_EVENTS = ["enqueue", "enqueue_at", "enqueue_all", "perform_start", "perform", "enqueue_retry", "retry_stopped", "discard"] as const;

/** Every full event name: `claim.solid_queue`, `perform.active_job`, ... */
export const INSTRUMENTATION_NAMES: readonly string[] = [
  ...SOLID_QUEUE_EVENTS.map((n) => `${n}.solid_queue`),
  ...ACTIVE_JOB_EVENTS.map((n) => `${n}.active_job`),
];

export type Payload = Record<string, unknown>;

/** One finished event, as ActiveSupport::Notifications::Event: name, start, finish (virtual
 * time, epoch ms), a deterministic id (its sequence number) and the payload. */
export interface Notification {
  name: string;
  start: number;
  finish: number;
  id: string;
  payload: Payload;
}

/** ActiveSupport's five-argument subscriber: (name, start, finish, id, payload); start and
 * finish are Dates in virtual time. */
export type Subscriber = (name: string, start: Date, finish: Date, id: string, payload: Payload) => void;

interface Subscription {
  pattern: string | RegExp;
  fn: Subscriber;
}

export class Notifier {
  private subs: Subscription[] = [];
  private seq = 0;
  /** Kept events (when `keep`), in the order they finished. */
  readonly events: Notification[] = [];

  constructor(
    private readonly now: () => number,
    /** Keep every event in `events` (scenario `trace:` expectations, the JSON trace). */
    public keep = false,
  ) {}

  /** Subscribes `fn` to one name or a pattern; returns the unsubscribe. */
  subscribe(pattern: string | RegExp, fn: Subscriber): () => void {
    const sub: Subscription = { pattern, fn };
    this.subs.push(sub);
    return () => {
      this.subs = this.subs.filter((s) => s !== sub);
    };
  }

  /** Whether anyone would see an event of this name: when not, no payload is built. */
  listening(name: string): boolean {
    if (this.keep && name !== UNKEPT) return true;
    for (const s of this.subs) if (matches(s.pattern, name)) return true;
    return false;
  }

  /** Emits a finished event; `payload` is built only when someone listens. */
  instrument(name: string, payload: () => Payload, start?: number): void {
    if (!this.listening(name)) return;
    const finish = this.now();
    const n: Notification = { name, start: start ?? finish, finish, id: String(++this.seq), payload: payload() };
    if (this.keep && name !== UNKEPT) this.events.push(n);
    for (const s of [...this.subs]) if (matches(s.pattern, name)) s.fn(n.name, new Date(n.start), new Date(n.finish), n.id, n.payload);
  }

  /** Kept events of one name. */
  named(name: string): Notification[] {
    return this.events.filter((e) => e.name === name);
  }
}

/** Not kept (one per poll; subscribing to it makes every poll real, see engine/poller.ts):
 * delivered to subscribers only. */
const UNKEPT = "polling.solid_queue";

function matches(p: string | RegExp, name: string): boolean {
  if (typeof p === "string") return p === name;
  p.lastIndex = 0;
  return p.test(name);
}

/** The kept events as JSON, one per line, keys in a fixed order (byte-identical per seed). */
export function serializeNotifications(events: readonly Notification[]): string {
  const lines = events.map((e) =>
    JSON.stringify({ name: e.name, start: new Date(e.start).toISOString(), finish: new Date(e.finish).toISOString(), id: e.id, payload: e.payload }, (_k, v) =>
      typeof v === "bigint" ? v.toString() : v instanceof Error ? `${v.name}: ${v.message}` : v,
    ),
  );
  return `[\n${lines.join(",\n")}\n]\n`;
}
