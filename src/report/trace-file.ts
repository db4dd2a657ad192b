import { closeSync, openSync, writeSync } from "node:fs";
import type { TraceEvent } from "../sim/trace.js";

// <slug>.trace.json, byte for byte what serializeTrace (sim/trace.ts) gives, but built faster
// (no replacer unless a bigint needs one) and written in chunks, so a run of
// 100,000 jobs (about 180 MB of JSON) never needs one giant string.

const KEYS = ["t", "seq", "type", "jobId", "activeJobId", "jobClass", "queue", "priority", "process", "thread", "data"] as const;
const CHUNK_LINES = 20_000;

function bigintsAsText(_k: string, v: unknown): unknown {
  return typeof v === "bigint" ? v.toString() : v;
}

export function traceLine(e: TraceEvent): string {
  const o: Record<string, unknown> = {};
  for (const k of KEYS) if (e[k] !== undefined) o[k] = e[k];
  o.time = new Date(e.t).toISOString();
  try {
    return JSON.stringify(o); // without a replacer V8 takes its fast path
  } catch (err) {
    if (err instanceof TypeError && /bigint/i.test(err.message)) return JSON.stringify(o, bigintsAsText);
    throw err;
  }
}

export function traceJson(events: readonly TraceEvent[]): string {
  return `[\n${events.map(traceLine).join(",\n")}\n]\n`;
}

export function writeTraceFile(path: string, events: readonly TraceEvent[]): void {
  const fd = openSync(path, "w");
  try {
    writeSync(fd, "[\n");
    for (let i = 0; i < events.length; i += CHUNK_LINES) {
      const part = events.slice(i, i + CHUNK_LINES).map(traceLine).join(",\n");
      writeSync(fd, i + CHUNK_LINES < events.length ? `${part},\n` : part);
    }
    writeSync(fd, "\n]\n");
  } finally {
    closeSync(fd);
  }
}
