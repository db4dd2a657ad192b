// Turns a worker's configured queue list into the ordered list of single-queue relations it
// claims from (spec §2.4). `null` stands for the relation over the whole ready table.

/** A prefix entry keeps its LIKE pattern (every "*" as "%") and the text before reordering
 * compares with (every "*" removed), as Solid Queue's QueueSelector does. */
export type QueueEntry = { kind: "all" } | { kind: "exact"; name: string } | { kind: "prefix"; like: string; prefix: string };

export function parseQueueEntries(queues: readonly string[]): QueueEntry[] {
  const list = queues.map((q) => String(q).trim());
  const entries = list.length === 0 ? ["*"] : list;
  const out: QueueEntry[] = [];
  for (const e of entries) {
    if (e === "*") out.push({ kind: "all" });
    else if (e.endsWith("*")) {
      // Every "*" becomes SQL's "%" in a LIKE; only a trailing one makes it a prefix entry.
      out.push({ kind: "prefix", like: e.replaceAll("*", "%"), prefix: e.replaceAll("*", "") });
    } else if (!e.includes("*")) out.push({ kind: "exact", name: e });
    // "*" anywhere else (e.g. "*_low"): ignored, as Solid Queue does.
  }
  return out;
}

/** SQLite compares TEXT by bytes (UTF-8); JS compares UTF-16 units. Same result except around
 * astral characters, which this handles. */
export function compareBytes(a: string, b: string): number {
  if (a === b) return 0;
  const ba = Buffer.from(a, "utf8");
  const bb = Buffer.from(b, "utf8");
  return Buffer.compare(ba, bb);
}

/**
 * The relations to claim from, in order. `readyQueues` = the distinct queue names currently in
 * the ready table; `paused` = paused queue names.
 */
export function selectQueues(entries: readonly QueueEntry[], readyQueues: Iterable<string>, paused: ReadonlySet<string>): (string | null)[] {
  if (entries.some((e) => e.kind === "all")) {
    if (paused.size === 0) return [null];
    // (quirk) with a pause in effect, "*" claims queue by queue in alphabetical order.
    return [...readyQueues].filter((q) => !paused.has(q)).sort(compareBytes);
  }
  const exact = entries.filter((e): e is { kind: "exact"; name: string } => e.kind === "exact").map((e) => e.name);
  const prefixes = entries.filter((e): e is { kind: "prefix"; like: string; prefix: string } => e.kind === "prefix");
  // Exact names (present or not), then the distinct ready queue names matching any prefix (LIKE).
  const prefixed = [...readyQueues].sort(compareBytes).filter((q) => prefixes.some((p) => likeMatch(q, p.like)));
  const candidates = [...exact, ...prefixed];
  let ordered: string[];
  if (candidates.length === 1 || prefixes.length === 0) ordered = candidates;
  else {
    // Walk the configured list: an exact entry takes its name out of the pool (every copy); a
    // prefix entry lists the pool's names starting with it (case-sensitive) and leaves them in.
    let pool = [...candidates];
    ordered = [];
    for (const e of entries) {
      if (e.kind === "exact") {
        if (pool.includes(e.name)) ordered.push(e.name);
        pool = pool.filter((q) => q !== e.name);
      } else if (e.kind === "prefix") {
        ordered.push(...pool.filter((q) => q.startsWith(e.prefix)));
      }
    }
  }
  return ordered.filter((q) => !paused.has(q));
}

/** Could a ready job in `queue` be claimed by a worker with these entries (pauses aside)? */
export function selects(entries: readonly QueueEntry[], queue: string): boolean {
  for (const e of entries) {
    if (e.kind === "all") return true;
    if (e.kind === "exact" && e.name === queue) return true;
    if (e.kind === "prefix" && likeMatch(queue, e.like)) return true;
  }
  return false;
}

/** SQL LIKE as SQLite does it: case-insensitive for ASCII letters, `_` any one character, `%` any run. */
const likeCache = new Map<string, RegExp>();

function likeMatch(text: string, pattern: string): boolean {
  let compiled = likeCache.get(pattern);
  if (compiled === undefined) {
    compiled = likeRegExp(pattern);
    likeCache.set(pattern, compiled);
  }
  return compiled.test(text);
}

function likeRegExp(pattern: string): RegExp {
  let re = "^";
  for (const ch of pattern) {
    if (ch === "%") re += "[\\s\\S]*";
    else if (ch === "_") re += "[\\s\\S]";
    else re += ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }
  return new RegExp(`${re}$`, "i");
}
