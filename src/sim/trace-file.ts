import { closeSync, openSync, writeSync } from "node:fs";
import type { TraceSink } from "./trace.js";

// A streamed trace's file (createSimulation's `traceFile`): text is gathered and written a
// megabyte at a time, so a long run costs few writes and no memory that grows.

const CHUNK = 1 << 20;

export function traceFileSink(path: string): TraceSink {
  const fd = openSync(path, "w");
  let parts: string[] = [];
  let size = 0;
  const flush = () => {
    if (parts.length === 0) return;
    writeSync(fd, parts.join(""));
    parts = [];
    size = 0;
  };
  return {
    write(text) {
      parts.push(text);
      size += text.length;
      if (size >= CHUNK) flush();
    },
    close() {
      flush();
      closeSync(fd);
    },
  };
}
