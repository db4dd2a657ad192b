// Reads a YAML file as bounded bytes: never more than YAML_LIMITS.bytes (a 50 MB file is refused
// after reading the first 128 KiB, not loaded), and only valid UTF-8, as Ruby's YAML requires.
// File-system errors (missing file, directory) are left to the caller, which words them.
import { closeSync, fstatSync, openSync, readSync } from "node:fs";
import { YAML_LIMITS, YamlInputError, formatBytes, type YamlLimits } from "./yaml-input-error.js";

/** Index of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lo = 0xa0; // no overlong forms
      if (b === 0xed) hi = 0x9f; // no surrogates
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      if (b === 0xf4) hi = 0x8f; // nothing above U+10FFFF
    } else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      const [min, max] = k === 1 ? [lo, hi] : [0x80, 0xbf];
      if (c === undefined || c < min || c > max) return i;
    }
    i += need + 1;
  }
  return -1;
}

function readAtMost(path: string, max: number): { bytes: Buffer; size: number } {
  const fd = openSync(path, "r");
  try {
    const size = fstatSync(fd).size;
    const bytes = Buffer.alloc(Math.min(size, max) + 1);
    let length = 0;
    while (length < bytes.length) {
      const n = readSync(fd, bytes, length, bytes.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return { bytes: bytes.subarray(0, length), size: Math.max(size, length) };
  } finally {
    closeSync(fd);
  }
}

/** The file's text; throws YamlInputError (positioned in its `text`) for too big or non-UTF-8. */
export function readYamlFile(path: string, limits: YamlLimits = YAML_LIMITS): string {
  const max = limits.bytes;
  const { bytes, size } = readAtMost(path, max);
  if (bytes.length > max) {
    const text = bytes.subarray(0, max).toString("utf8");
    throw new YamlInputError(
      `the file is ${formatBytes(size)}, more than the ${formatBytes(max)} jobsim reads from one YAML file; it stops reading here`,
      text.length,
      text,
    );
  }
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) {
    const text = bytes.subarray(0, bad).toString("utf8");
    const shown = bytes[bad]!.toString(16).toUpperCase().padStart(2, "0");
    throw new YamlInputError(`invalid UTF-8 (byte 0x${shown} at byte offset ${bad}); YAML files must be UTF-8 text, as Ruby's YAML requires`, text.length, text);
  }
  return bytes.toString("utf8");
}
