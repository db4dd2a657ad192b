// Type checks on the positioned YAML tree, shared by the queue and recurring loaders. Each
// check reports into Problems and returns undefined on a bad value so loading can go on
// and every mistake in a file is listed at once.
import type { Problems } from "./config-error.js";
import { suggest } from "./suggest.js";
import { rubyToS } from "./yaml-tree.js";
import type { YMap, YNode, YScalar } from "./yaml-tree.js";

export function describe(node: YNode): string {
  if (node.kind === "map") return "a mapping";
  if (node.kind === "seq") return "a list";
  switch (node.rtype) {
    case "nil":
      return "nothing (null)";
    case "str":
      return `${JSON.stringify(node.value)} (a string)`;
    case "sym":
      return `:${node.value} (a symbol)`;
    default:
      return rubyToS(node.value, node.rtype);
  }
}

export function isNil(node: YNode): boolean {
  return node.kind === "scalar" && node.rtype === "nil";
}

/** Ruby's blank?: nil, false, empty or whitespace-only string, empty list or mapping. */
export function isBlank(node: YNode): boolean {
  if (node.kind === "map") return node.entries.size === 0;
  if (node.kind === "seq") return node.items.length === 0;
  if (node.rtype === "nil" || node.value === false) return true;
  return (node.rtype === "str" || node.rtype === "sym") && /^\s*$/.test(node.value as string);
}

export function isTextual(node: YNode): node is YScalar & { value: string } {
  return node.kind === "scalar" && (node.rtype === "str" || node.rtype === "sym");
}

/** Unknown keys are errors, with the nearest known key suggested (or a hint from `elsewhere`). */
export function checkKeys(
  map: YMap,
  known: readonly string[],
  where: string,
  problems: Problems,
  elsewhere: (key: string) => string | undefined = () => undefined,
): void {
  for (const entry of map.entries.values()) {
    if (known.includes(entry.key)) continue;
    const near = suggest(entry.key, known);
    const hint = near ? `did you mean "${near}"?` : (elsewhere(entry.key) ?? `known keys: ${known.join(", ")}`);
    problems.error(entry.keyPos, `unknown key "${entry.key}" in ${where}; ${hint}`);
  }
}

function quotedHint(node: YNode): string {
  return node.kind === "scalar" && node.rtype === "str" && /^\s*-?[\d.]+\s*$/.test(node.value as string)
    ? "; remove the quotes"
    : "";
}

export function positiveInt(node: YNode, where: string, problems: Problems): number | undefined {
  if (node.kind === "scalar" && node.rtype === "int" && (node.value as number) > 0) return node.value as number;
  problems.error(node.pos, `${where} must be a positive integer, got ${describe(node)}${quotedHint(node)}`);
  return undefined;
}

export function number(node: YNode, where: string, problems: Problems, min: "positive" | "non-negative"): number | undefined {
  const ok =
    node.kind === "scalar" &&
    (node.rtype === "int" || node.rtype === "float") &&
    Number.isFinite(node.value) &&
    (min === "positive" ? (node.value as number) > 0 : (node.value as number) >= 0);
  if (ok) return node.value as number;
  problems.error(node.pos, `${where} must be a ${min} number of seconds, got ${describe(node)}${quotedHint(node)}`);
  return undefined;
}

export function boolean(node: YNode, where: string, problems: Problems): boolean | undefined {
  if (node.kind === "scalar" && node.rtype === "bool") return node.value as boolean;
  problems.error(node.pos, `${where} must be true or false, got ${describe(node)}`);
  return undefined;
}
