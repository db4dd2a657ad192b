// The trace: one event per state change, in virtual time. Reports, matchers and properties read
// it (and the tables); they never reach into engine internals. Serialised with a fixed key
// order, so the same seed gives byte-identical JSON.

import type { TraceEvent, TraceFields, TraceType } from "../engine/trace-vocabulary.js";
import { isoTime } from "../store/time.js";
import { TraceLog, type TraceEvents } from "./trace-log.js";

export type { TraceEvents } from "./trace-log.js";
export { TRACE_TYPES, type TraceEvent, type TraceFields, type TraceType } from "../engine/trace-vocabulary.js";

export interface TraceMark {
  length: number;
  seq: number;
  dropped: number;
  counts: Map<TraceType, number>;
}

function fieldsOf(e: TraceEvent): TraceFields {
  const { t: _t, seq: _seq, type: _type, ...fields } = e;
  return fields;
}

/** Where a streamed trace goes (sim/trace-file.ts writes a file). */
export interface TraceSink {
  write(text: string): void;
  close(): void;
}

export class Trace {
  /** Held events as objects (the default), or in columns (`compact`). */
  private readonly held: TraceEvent[] | TraceLog;
  private listeners: ((e: TraceEvent) => void)[] = [];
  private rollbackListeners: ((seq: number) => void)[] = [];
  /**
   * `limit`: keep at most this many events in memory (long runs); counts stay exact.
   * `compact`: hold them in columns (sim/trace-log.ts), ~35 bytes an event instead of ~200;
   * `events` then builds a copy each time it is read, and `all` reads them in place.
   */
  constructor(
    private readonly limit = Infinity,
    compact = false,
  ) {
    this.held = compact ? new TraceLog() : [];
  }
  readonly counts = new Map<TraceType, number>();
  private seq = 0;
  dropped = 0;
  private sink: TraceSink | null = null;
  private readonly lines = new TraceLineWriter();
  /** Units (savepoints) open now: their events are not final until the outermost one ends. */
  private openUnits = 0;
  private streamed = 0;

  /** The events held in memory: all of them, the first `limit`, or, when streamed, only those
   * of a unit that may still roll back (the rest are in the sink). A compact trace gives a copy. */
  get events(): TraceEvent[] {
    return Array.isArray(this.held) ? this.held : this.held.toArray();
  }

  /** The events held, read in place (no copy, compact or not). */
  get all(): TraceEvents {
    return this.held;
  }

  add(t: number, type: TraceType, fields?: TraceFields): void {
    this.counts.set(type, (this.counts.get(type) ?? 0) + 1);
    const seq = this.seq++;
    if (this.sink === null && this.held.length >= this.limit && this.listeners.length === 0) {
      this.dropped++;
      return;
    }
    const e: TraceEvent = { t, seq, type, ...fields };
    if (this.sink !== null || this.held.length < this.limit) this.held.push(e);
    else this.dropped++;
    for (const l of this.listeners) l(e);
    if (this.sink !== null && this.openUnits === 0) this.flush();
  }

  /**
   * From now on, final events are written to `sink` in the JSON trace format (byte for byte what
   * `toJSON()` would give) instead of being held: memory stays flat however long the run. Call
   * before the first event; `end()` closes the JSON array.
   */
  stream(sink: TraceSink): void {
    if (this.seq > 0) throw new Error("a trace streams from its first event: give traceFile when creating the simulation");
    this.sink = sink;
    sink.write("[\n");
  }

  /** A unit that may roll back began: hold its events (World wires it to the store's savepoints). */
  unitOpened(): void {
    this.openUnits++;
  }

  /** A unit ended (kept or rolled back): once none is open, what is held is final. */
  unitClosed(): void {
    this.openUnits--;
    if (this.sink !== null && this.openUnits === 0) this.flush();
  }

  /** Writes the final events held and closes the stream. */
  end(): void {
    if (this.sink === null) return;
    this.flush();
    this.sink.write("\n]\n");
    this.sink.close();
    this.sink = null;
  }

  private flush(): void {
    const n = this.held.length;
    if (n === 0) return;
    const text = this.held.map((e) => this.lines.line(e)).join(",\n");
    this.sink!.write(this.streamed === 0 ? text : `,\n${text}`);
    this.streamed += n;
    if (Array.isArray(this.held)) this.held.length = 0;
    else this.held.clear();
  }

  /** Where the trace stands now, for `rollback`. */
  mark(): TraceMark {
    return { length: this.held.length, seq: this.seq, dropped: this.dropped, counts: new Map(this.counts) };
  }

  /**
   * A rolled-back unit's events never happened: back to `mark`. Injected faults did happen (they
   * are why the unit rolled back), so its `fault` events are kept, after the mark.
   */
  rollback(mark: TraceMark): void {
    const removed = Array.isArray(this.held) ? this.held.splice(mark.length) : this.held.truncate(mark.length);
    this.seq = mark.seq;
    this.dropped = mark.dropped;
    this.counts.clear();
    for (const [k, v] of mark.counts) this.counts.set(k, v);
    for (const l of this.rollbackListeners) l(mark.seq);
    for (const e of removed) if (e.type === "fault") this.add(e.t, e.type, fieldsOf(e));
  }

  get length(): number {
    return this.held.length;
  }

  onEvent(listener: (e: TraceEvent) => void): () => void {
    this.listeners.push(listener);
    return () => {
      this.listeners = this.listeners.filter((l) => l !== listener);
    };
  }

  /** Called when a unit rolled back: every event from `seq` on never happened (whether the
   * trace held it, dropped it past `limit`, or holds it in columns). */
  onRollback(listener: (seq: number) => void): () => void {
    this.rollbackListeners.push(listener);
    return () => {
      this.rollbackListeners = this.rollbackListeners.filter((l) => l !== listener);
    };
  }

  count(type: TraceType): number {
    return this.counts.get(type) ?? 0;
  }

  toJSON(): string {
    if (this.sink !== null || this.streamed > 0) throw new Error("this trace was streamed to a file (traceFile): read it there");
    return serializeTrace(this.held);
  }
}

const KEY_ORDER = ["t", "seq", "type", "jobId", "activeJobId", "jobClass", "queue", "priority", "process", "thread", "data"] as const;

/**
 * One event a line, in the fixed key order, then its ISO `time`. Fast because traces are long
 * (800,000 events for 100,000 jobs) and property runs serialise one per run: JSON.stringify runs
 * without a replacer (V8's fast path; the bigint replacer only when a bigint is there) and the ISO
 * time is reused across equal instants (formatted with the real Date: store/time.ts isoTime).
 */
export class TraceLineWriter {
  private lastT = NaN;
  private lastIso = "";

  line(e: TraceEvent): string {
    const o: Record<string, unknown> = {};
    for (const k of KEY_ORDER) if (e[k] !== undefined) o[k] = e[k];
    if (e.t !== this.lastT) {
      this.lastIso = isoTime(e.t);
      this.lastT = e.t;
    }
    o.time = this.lastIso;
    try {
      return JSON.stringify(o);
    } catch (err) {
      if (err instanceof TypeError && /bigint/i.test(err.message)) return JSON.stringify(o, (_k, v) => (typeof v === "bigint" ? v.toString() : v));
      throw err;
    }
  }
}

export function serializeTrace(events: TraceEvents): string {
  const w = new TraceLineWriter();
  return `[\n${events.map((e) => w.line(e)).join(",\n")}\n]\n`;
}
