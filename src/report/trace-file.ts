import { closeSync, openSync, readSync, writeSync } from "node:fs";
import { StringDecoder } from "node:string_decoder";
import { TraceLineWriter, type TraceEvent, type TraceEvents } from "../sim/trace.js";

// <slug>.trace.json, byte for byte what serializeTrace (sim/trace.ts) gives, through the same
// line writer. A 100,000-job run has ~800,000 events (~180 MB), so lines are written in chunks
// rather than joined into one string.

const CHUNK_LINES = 1_000;

export function writeTraceFile(path: string, events: TraceEvents): void {
  const w = new TraceLineWriter();
  const fd = openSync(path, "w");
  try {
    writeSync(fd, "[\n");
    for (let i = 0; i < events.length; i += CHUNK_LINES) {
      const end = Math.min(events.length, i + CHUNK_LINES);
      const lines: string[] = new Array(end - i);
      for (let j = i; j < end; j++) lines[j - i] = w.line(events.at(j)!);
      writeSync(fd, end < events.length ? `${lines.join(",\n")},\n` : lines.join(",\n"));
    }
    writeSync(fd, "\n]\n");
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a <slug>.trace.json back (for `--compare`): one event a line, read in 1 MB chunks so a
 * 180 MB trace is never one string. Throws "path:line: ..." on anything that is not a trace.
 */
export function readTraceFile(path: string): TraceEvent[] {
  const fd = openSync(path, "r");
  const events: TraceEvent[] = [];
  const buf = Buffer.alloc(1 << 20);
  const utf8 = new StringDecoder("utf8"); // a character split across two chunks stays whole
  let rest = "";
  let line = 0;
  const take = (text: string) => {
    line++;
    const s = text.trim().replace(/,$/, "");
    if (s === "" || (line === 1 && s === "[") || s === "]") return;
    let e: unknown;
    try {
      e = JSON.parse(s);
    } catch {
      throw new Error(`${path}:${line}: not a jobsim trace (expected one JSON event a line, as <slug>.trace.json)`);
    }
    const o = e as Partial<TraceEvent> & { time?: string };
    if (line === 1 || typeof o.t !== "number" || typeof o.type !== "string" || typeof o.seq !== "number") {
      throw new Error(`${path}:${line}: not a jobsim trace (an event needs t, seq and type${line === 1 ? "; the file starts with [" : ""})`);
    }
    delete o.time;
    events.push(o as TraceEvent);
  };
  try {
    for (;;) {
      const n = readSync(fd, buf, 0, buf.length, null);
      if (n === 0) break;
      const parts = (rest + utf8.write(buf.subarray(0, n))).split("\n");
      rest = parts.pop()!;
      for (const p of parts) take(p);
    }
    if (rest !== "") take(rest);
  } finally {
    closeSync(fd);
  }
  if (line === 0) throw new Error(`${path}:1: empty file, not a jobsim trace`);
  return events;
}
