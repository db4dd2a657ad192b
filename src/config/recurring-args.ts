// `args:` of a recurring task as Solid Queue stores it: Ruby's Array(args). So a scalar
// becomes a one-element list, a list stays positional (a trailing hash is then passed as
// keyword arguments), and (quirk) a bare hash becomes a list of [key, value] pairs.
import type { YNode } from "./yaml-tree.js";

/** Plain JS value of a node; mappings become objects with string keys (Rails symbolises them). */
export function toPlain(node: YNode): unknown {
  if (node.kind === "scalar") return node.value;
  if (node.kind === "seq") return node.items.map(toPlain);
  const object: Record<string, unknown> = {};
  for (const entry of node.entries.values()) {
    // defineProperty so a key named "__proto__" stays an ordinary key
    Object.defineProperty(object, entry.key, { value: toPlain(entry.value), enumerable: true, writable: true, configurable: true });
  }
  return object;
}

export function recurringArgs(node: YNode | undefined): unknown[] {
  if (!node || (node.kind === "scalar" && node.value === null)) return [];
  if (node.kind === "seq") return node.items.map(toPlain);
  if (node.kind === "map") return [...node.entries.values()].map((entry) => [entry.keyValue ?? entry.key, toPlain(entry.value)]);
  return [node.value];
}
