// Parsed input as a small positioned tree: what scenario files are read into (see
// scenario/yaml-source.ts), and what property entries given as plain values become (without
// positions), so one Fields reader serves both.
import type { SourcePos } from "./types.js";

export interface NodeBase {
  pos: SourcePos;
  /** Offsets of the node's text in the file. */
  start: number;
  end: number;
}

export interface SScalar extends NodeBase {
  kind: "scalar";
  value: string | number | boolean | null;
}

export interface SEntry {
  key: string;
  keyPos: SourcePos;
  value: SNode;
}

export interface SMap extends NodeBase {
  kind: "map";
  entries: SEntry[];
  flow: boolean;
}

export interface SSeq extends NodeBase {
  kind: "seq";
  items: SNode[];
}

export type SNode = SScalar | SMap | SSeq;

/** Plain JavaScript value of a node (arguments, fixture rows, service results). */
export function toPlain(node: SNode): unknown {
  if (node.kind === "scalar") return node.value;
  if (node.kind === "seq") return node.items.map(toPlain);
  const out: Record<string, unknown> = {};
  for (const e of node.entries) Object.defineProperty(out, e.key, { value: toPlain(e.value), enumerable: true, writable: true, configurable: true });
  return out;
}

export function describeNode(node: SNode): string {
  if (node.kind === "map") return "a mapping";
  if (node.kind === "seq") return "a list";
  const v = node.value;
  if (v === null) return "nothing (null)";
  if (typeof v === "string") return `the text ${JSON.stringify(v)}`;
  if (typeof v === "boolean") return `the boolean ${v}`;
  return `the number ${v}`;
}

/** A plain value as a node with no position (property entries given in code). */
export function plainNode(value: unknown, pos?: SourcePos): SNode {
  const base = { pos: pos as SourcePos, start: 0, end: 0 };
  if (Array.isArray(value)) return { kind: "seq", ...base, items: value.map((v) => plainNode(v, pos)) };
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([key, v]) => ({ key, keyPos: pos as SourcePos, value: plainNode(v, pos) }));
    return { kind: "map", ...base, entries, flow: true };
  }
  const scalar = value === undefined ? null : (value as string | number | boolean | null);
  return { kind: "scalar", ...base, value: scalar };
}

/** Whether a value is a node of this tree (a property entry read from a file) rather than plain data. */
export function isInputNode(v: unknown): v is SNode {
  if (v === null || typeof v !== "object" || !("kind" in v) || !("start" in v)) return false;
  const kind = (v as { kind: unknown }).kind;
  return (kind === "scalar" || kind === "map" || kind === "seq") && typeof (v as { start: unknown }).start === "number";
}
