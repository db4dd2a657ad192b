// config/recurring.yml as Solid Queue reads it (spec §4.1, §6.1): every entry with a
// `schedule` key is a static task, entries without one are ignored (we say so in warnings).
// Schedules and class names are kept for the schedule parser and the job registry to check.
import { Problems } from "./config-error.js";
import { readConfigSource } from "./config-source.js";
import { checkKeys, describe, isBlank, isNil } from "./node-checks.js";
import { recurringArgs } from "./recurring-args.js";
import type { LoadOptions, RecurringConfig, RecurringTaskConfig } from "./types.js";
import { rubyToS } from "./yaml-tree.js";
import type { YEntry, YMap, YNode } from "./yaml-tree.js";

const TASK_KEYS = ["class", "command", "args", "queue", "priority", "schedule", "description"] as const;

/** A scalar as Ruby's to_s gives it; lists and mappings are errors. */
function text(map: YMap, key: string, where: string, problems: Problems, blankIsUnset = false): string | undefined {
  const node = map.entries.get(key)?.value;
  if (!node || isNil(node) || (blankIsUnset && isBlank(node))) return undefined;
  if (node.kind !== "scalar") {
    problems.error(node.pos, `${where} ${key} must be a string, got ${describe(node)}`);
    return undefined;
  }
  return rubyToS(node.value, node.rtype);
}

function priority(map: YMap, where: string, problems: Problems): number | undefined {
  const node = map.entries.get("priority")?.value;
  if (!node || isBlank(node)) return undefined; // Solid Queue: blank means the job class's own priority
  if (node.kind === "scalar" && node.rtype === "int") return node.value as number;
  problems.error(node.pos, `${where} priority must be an integer, got ${describe(node)}`);
  return undefined;
}

function readTask(entry: YEntry, map: YMap, problems: Problems): RecurringTaskConfig {
  const where = `task "${entry.key}"`;
  checkKeys(map, TASK_KEYS, where, problems);
  const schedule = map.entries.get("schedule")!.value;
  if (schedule.kind !== "scalar") problems.error(schedule.pos, `${where} schedule must be a string, got ${describe(schedule)}`);
  const task = {
    key: entry.key,
    className: text(map, "class", where, problems),
    command: text(map, "command", where, problems),
    args: recurringArgs(map.entries.get("args")?.value),
    queue: text(map, "queue", where, problems, true),
    priority: priority(map, where, problems),
    schedule: schedule.kind === "scalar" ? rubyToS(schedule.value, schedule.rtype) : "",
    description: text(map, "description", where, problems),
    pos: entry.keyPos,
    schedulePos: schedule.pos,
  };
  // Leave unset options out rather than present-but-undefined.
  for (const key of Object.keys(task) as (keyof typeof task)[]) {
    if (task[key] === undefined) delete task[key];
  }
  return task;
}

/** For an ignored entry that holds tasks, the likely reason: it is another environment's section. */
function envHint(value: YNode, env: string): string {
  if (value.kind !== "map") return "";
  const holdsTasks = [...value.entries.values()].some((e) => e.value.kind === "map" && e.value.entries.has("schedule"));
  return holdsTasks ? ` (it looks like a section of tasks for another environment; the current one is "${env}")` : "";
}

export function loadRecurringConfig(opts: LoadOptions): RecurringConfig {
  const source = readConfigSource(opts);
  const problems = new Problems();
  problems.warnings.push(...source.warnings);
  const result = (tasks: RecurringTaskConfig[]): RecurringConfig => ({
    tasks,
    warnings: problems.warnings,
    file: source.file,
    section: source.section,
  });
  const config = source.selected;
  if (!config) return result([]);
  if (config.kind !== "map") {
    // An empty list or string is empty config to Solid Queue; anything else fails there.
    const empty = config.kind === "seq" ? config.items.length === 0 : config.value === "";
    if (!empty) {
      problems.error(config.pos, `the ${source.section ? `"${source.section}" section` : "file"} must be a mapping of recurring tasks, got ${describe(config)}`);
      problems.throwIfAny();
    }
    return result([]);
  }
  const tasks: RecurringTaskConfig[] = [];
  for (const entry of config.entries.values()) {
    const value = entry.value;
    if (typeof entry.keyValue !== "string") {
      const kind = entry.keyValue === null ? "null" : typeof entry.keyValue;
      problems.warn(entry.keyPos, `Ruby's YAML reads this key as ${kind} ${JSON.stringify(entry.keyValue)}, so the task is named "${entry.key}"; quote the key to keep its text`);
    }
    if (value.kind === "map" && value.entries.has("schedule")) {
      tasks.push(readTask(entry, value, problems));
    } else if (value.kind === "map" || isNil(value)) {
      problems.warn(entry.keyPos, `"${entry.key}" has no schedule, so Solid Queue ignores it${envHint(value, source.env)}`);
    } else {
      problems.error(
        value.pos,
        `recurring task "${entry.key}" must be a mapping (class or command, schedule, ...), got ${describe(value)}`,
      );
    }
  }
  problems.throwIfAny();
  return result(tasks);
}
