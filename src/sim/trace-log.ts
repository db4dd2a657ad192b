import { TRACE_TYPES, type TraceEvent, type TraceType } from "../engine/trace-vocabulary.js";
import { StringTable } from "./string-table.js";
import { grown } from "./typed-columns.js";

// A trace held in columns instead of one object per event (createSimulation's `compactTrace`;
// scenario runs use it). An event object with its fields costs ~200 bytes of heap, and a
// 100,000-job scenario has half a million of them; V8 then sizes its heap at a multiple of
// that, so the run's peak RSS grew by ~200 MB for the trace alone (docs/performance.md). Here an
// event is ~35 bytes: numbers in typed arrays, names as indexes into a table of distinct
// strings. Events are built again, as equal objects, when they are read.

/** A read-only list of trace events: an array, or a TraceLog. */
export interface TraceEvents extends Iterable<TraceEvent> {
  readonly length: number;
  at(index: number): TraceEvent | undefined;
  filter(predicate: (e: TraceEvent, index: number) => unknown): TraceEvent[];
  map<U>(fn: (e: TraceEvent, index: number) => U): U[];
  some(predicate: (e: TraceEvent, index: number) => unknown): boolean;
  find(predicate: (e: TraceEvent, index: number) => unknown): TraceEvent | undefined;
}

const TYPE_INDEX = new Map<TraceType, number>(TRACE_TYPES.map((t, i) => [t, i]));
/** A missing number field, in the Float64 columns. */
const NONE = NaN;
/** A missing name, in the name columns (StringTable's id for undefined). */
const NO_NAME = -1;

export class TraceLog implements TraceEvents {
  private size = 0;
  private capacity = 1024;
  private t = new Float64Array(this.capacity);
  private seq = new Float64Array(this.capacity);
  private type = new Uint8Array(this.capacity);
  private jobId = new Float64Array(this.capacity);
  private priority = new Float64Array(this.capacity);
  private thread = new Float64Array(this.capacity);
  // Names: activeJobId, jobClass, queue and process, as indexes into `names`.
  private activeJobId = new Int32Array(this.capacity);
  private jobClass = new Int32Array(this.capacity);
  private queue = new Int32Array(this.capacity);
  private process = new Int32Array(this.capacity);
  private readonly names = new StringTable();
  /** `data` is rare and free-form: kept as given, by event index. */
  private readonly data = new Map<number, Record<string, unknown>>();

  get length(): number {
    return this.size;
  }

  push(e: TraceEvent): void {
    if (this.size === this.capacity) this.grow();
    const i = this.size++;
    this.t[i] = e.t;
    this.seq[i] = e.seq;
    this.type[i] = TYPE_INDEX.get(e.type)!;
    this.jobId[i] = e.jobId ?? NONE;
    this.priority[i] = e.priority ?? NONE;
    this.thread[i] = e.thread ?? NONE;
    this.activeJobId[i] = this.names.id(e.activeJobId);
    this.jobClass[i] = this.names.id(e.jobClass);
    this.queue[i] = this.names.id(e.queue);
    this.process[i] = this.names.id(e.process);
    if (e.data !== undefined) this.data.set(i, e.data);
  }

  /** The event at `index` (negative counts from the end), built again. */
  at(index: number): TraceEvent | undefined {
    const i = index < 0 ? this.size + index : index;
    if (i < 0 || i >= this.size) return undefined;
    return this.event(i);
  }

  /** Drops the events from `length` on and returns them (a rolled-back unit's). */
  truncate(length: number): TraceEvent[] {
    const removed: TraceEvent[] = [];
    for (let i = length; i < this.size; i++) {
      removed.push(this.event(i));
      this.data.delete(i);
    }
    this.size = Math.min(this.size, length);
    return removed;
  }

  clear(): void {
    this.truncate(0);
  }

  *[Symbol.iterator](): Iterator<TraceEvent> {
    for (let i = 0; i < this.size; i++) yield this.event(i);
  }

  toArray(): TraceEvent[] {
    const out = new Array<TraceEvent>(this.size);
    for (let i = 0; i < this.size; i++) out[i] = this.event(i);
    return out;
  }

  /** JSON.stringify gives what it gives for the same events in an array. */
  toJSON(): TraceEvent[] {
    return this.toArray();
  }

  filter(predicate: (e: TraceEvent, index: number) => unknown): TraceEvent[] {
    const out: TraceEvent[] = [];
    for (let i = 0; i < this.size; i++) {
      const e = this.event(i);
      if (predicate(e, i)) out.push(e);
    }
    return out;
  }

  map<U>(fn: (e: TraceEvent, index: number) => U): U[] {
    const out = new Array<U>(this.size);
    for (let i = 0; i < this.size; i++) out[i] = fn(this.event(i), i);
    return out;
  }

  some(predicate: (e: TraceEvent, index: number) => unknown): boolean {
    return this.find(predicate) !== undefined;
  }

  find(predicate: (e: TraceEvent, index: number) => unknown): TraceEvent | undefined {
    for (let i = 0; i < this.size; i++) {
      const e = this.event(i);
      if (predicate(e, i)) return e;
    }
    return undefined;
  }

  /** The event's fields in the order an event object gets them (serialised traces rely on it). */
  private event(i: number): TraceEvent {
    const e: TraceEvent = { t: this.t[i]!, seq: this.seq[i]!, type: TRACE_TYPES[this.type[i]!]! };
    const jobId = this.jobId[i]!;
    if (jobId === jobId) e.jobId = jobId;
    if (this.activeJobId[i] !== NO_NAME) e.activeJobId = this.names.list[this.activeJobId[i]!]!;
    if (this.jobClass[i] !== NO_NAME) e.jobClass = this.names.list[this.jobClass[i]!]!;
    if (this.queue[i] !== NO_NAME) e.queue = this.names.list[this.queue[i]!]!;
    const priority = this.priority[i]!;
    if (priority === priority) e.priority = priority;
    if (this.process[i] !== NO_NAME) e.process = this.names.list[this.process[i]!]!;
    const thread = this.thread[i]!;
    if (thread === thread) e.thread = thread;
    const data = this.data.get(i);
    if (data !== undefined) e.data = data;
    return e;
  }

  private grow(): void {
    const n = (this.capacity *= 2);
    this.t = grown(this.t, n);
    this.seq = grown(this.seq, n);
    this.jobId = grown(this.jobId, n);
    this.priority = grown(this.priority, n);
    this.thread = grown(this.thread, n);
    this.type = grown(this.type, n);
    this.activeJobId = grown(this.activeJobId, n);
    this.jobClass = grown(this.jobClass, n);
    this.queue = grown(this.queue, n);
    this.process = grown(this.process, n);
  }
}
