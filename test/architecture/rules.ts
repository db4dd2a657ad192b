// The layer rules of src/, as DESIGN.md states them and docs/architecture.md explains them.
// Imports point down: a file may import its own folder, any folder in a lower layer, and, inside
// its own layer, only the peer edges listed below. Type-only imports obey the same rules: a type
// from a higher layer still couples the lower one to it.

/** Layers from the top down; each entry is the folders (directly under src/) in that layer. */
export const LAYERS: readonly (readonly string[])[] = [
  // src/index.ts, the package's public API: re-exports only; nothing in src/ imports it.
  ["index"],
  ["cli"],
  // Users' entry points beside each other; testing/ (vitest matchers) sits beside scenario/.
  ["scenario", "property", "report", "whatif", "testing"],
  // The world: one Simulation over the engine.
  ["sim"],
  // Solid Queue's processes, unaware of YAML, vitest and reports (EngineRuntime is its seam).
  ["engine"],
  // What the engine works on and is configured by; rails/ and model/ produce jobs and config.
  ["store", "job", "schedule", "config", "rails", "model"],
];

/**
 * Imports allowed between two folders of the same layer, each with its reason. Any other
 * same-layer import is a violation: a new peer edge is a design decision, made here and in
 * docs/architecture.md, and must not close a cycle.
 */
export const PEER_IMPORTS: Readonly<Record<string, string>> = {
  // scenario/ is the integrator: it runs property campaigns declared in a scenario file.
  // The reverse is forbidden: property/ never imports scenario/ (DESIGN.md).
  "scenario -> property": "a scenario's `properties:` run as property campaigns",
  "scenario -> report": "scenario results are shaped as the report's types",
  // whatif/ drives scenarios; the reverse is forbidden (a scenario's compare: is parsed by
  // scenario/ and run by whatif/ from the CLI).
  "whatif -> scenario": "a what-if runs a scenario's timeline under several queue configs, measured as its latency expectations measure",
  "whatif -> report": "queue depth over time is measured one way, as the report draws it",
  // The bottom layer has its own order, from the bottom: schedule/, store/, job/, config/, model/,
  // rails/; each edge below points down that order, so they close no cycle.
  "store -> schedule": "store/time.ts writes Rails' datetime text with schedule/'s civil calendar",
  "job -> store": "job/ quotes SQL identifiers (app tables, models) as the store does: one quoting",
  "config -> job": "config/ reads durations with job/'s one duration parser",
  // Rails apps as they are (DESIGN.md): rails/ reads Ruby into a job model and config; model/
  // turns a job model into Job classes, reading its YAML with config/'s positioned toolkit.
  "rails -> model": "a Rails app's job classes become a job model",
  "rails -> config": "config/*.rb settings become queue and recurring config",
  "model -> job": "a job model becomes Job classes",
  "model -> config": "job model files are read with config/'s positioned fields and issues",
};

/**
 * Packages only some folders may import (DESIGN.md: the engine knows nothing of YAML, vitest or
 * reports). Packages not listed here are free to use.
 */
export const PACKAGE_FOLDERS: Readonly<Record<string, readonly string[]>> = {
  vitest: ["testing", "scenario"],
  "fast-check": ["property"],
  yaml: ["config", "scenario", "property", "model"],
};
