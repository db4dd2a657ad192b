import type { SourcePos } from "../config/index.js";
import { collected } from "../job/class-settings.js";
import { findHandler, type ErrorMatcher } from "../job/handlers.js";
import type { AnyJobClass } from "../job/registry.js";
import { namedError } from "../sim/services.js";
import type { ScenarioSpec } from "./spec.js";

// Names that almost match (issue 13): a scripted service error that no job's retryOn /
// discardOn / rescueFrom catches, while some handler names a class with the same last segment
// (`ActiveRecord::Deadlocked` thrown, `Deadlocked` handled, or the other way round). Active Job
// matches by class (is_a?), so the run simply fails the job, and `run` would only report fewer
// executions: `check` and `run` warn instead, at the outcome's place.

const KIND = { retry: "retryOn", discard: "discardOn", rescue: "rescueFrom" } as const;

export function errorNameHints(spec: ScenarioSpec, jobs: readonly AnyJobClass[], errors: Readonly<Record<string, new (message?: string) => Error>>): string[] {
  const handlers = jobs.map((job) => ({ job, handlers: collected(job, "handlers").flat() }));
  const out: string[] = [];
  const seen = new Set<string>();
  for (const s of spec.services) {
    for (const outcome of [...(s.script ?? []), ...(s.otherwise !== undefined ? [s.otherwise] : [])]) {
      const thrown = outcome.throws;
      if (typeof thrown !== "string" || seen.has(`${s.service}.${s.method}:${thrown}`)) continue;
      seen.add(`${s.service}.${s.method}:${thrown}`);
      const error = new (errors[thrown] ?? namedError(thrown))("hint");
      if (handlers.some((h) => findHandler(h.handlers, error) !== undefined)) continue;
      const near = handlers.flatMap((h) =>
        h.handlers.flatMap((handler) => handler.matchers.filter((m) => sameLastSegment(nameOf(m), thrown)).map((m) => `${h.job.jobClassName} ${KIND[handler.kind]}(${nameOf(m)})`)),
      );
      if (near.length === 0) continue;
      out.push(`${at(s.pos)}services.${s.service}.${s.method}: ${thrown} is handled by no job, but ${[...new Set(near)].join(", ")} ${near.length === 1 ? "names" : "name"} a class that ends the same way; a handler matches an error by its class or its full name, so this error fails the job instead (did you mean ${lastSegment(nameOf(firstMatcher(near)))}?)`);
    }
  }
  return out;
}

function nameOf(m: ErrorMatcher | string): string {
  return typeof m === "string" ? m : m.name;
}

// "ProcessPaymentJob retryOn(Deadlocked)" -> "Deadlocked"
function firstMatcher(near: readonly string[]): string {
  return /\((.*)\)$/.exec(near[0]!)?.[1] ?? near[0]!;
}

function lastSegment(name: string): string {
  const i = name.lastIndexOf("::");
  return i < 0 ? name : name.slice(i + 2);
}

function sameLastSegment(a: string, b: string): boolean {
  return a !== b && lastSegment(a) === lastSegment(b);
}

function at(pos: SourcePos): string {
  return `${pos.file}:${pos.line}:${pos.col}: `;
}
