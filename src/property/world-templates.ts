// Property worlds of one base start from one WorldTemplate (sim/world-template.ts): the base's
// setup SQL and fixture rows run once, and each run rolls the database back to them instead of
// building sql.js, the schema and the setup again. A base is given a template at its second
// world (one made for a single run builds none); a few templates are kept, the least recently
// used freed first. A template's worlds give the same traces as worlds built from scratch.
import { WorldTemplate } from "../sim/world-template.js";
import { applySetup, tableRows } from "./world-builder.js";
import type { WorldBase } from "./world.js";

const KEPT = 4;
const worldsMade = new WeakMap<WorldBase, number>();
const templates = new Map<WorldBase, Promise<WorldTemplate>>();

/** The template to start a world of `base` from, or undefined: build this one from scratch. */
export async function templateFor(base: WorldBase): Promise<WorldTemplate | undefined> {
  let template = templates.get(base);
  if (template === undefined) {
    const made = (worldsMade.get(base) ?? 0) + 1;
    worldsMade.set(base, made);
    if (made < 2) return undefined;
    const setup = { ...(base.setupSql !== undefined ? { setupSql: { sql: base.setupSql } } : {}), rows: tableRows(base.rows) };
    template = WorldTemplate.build((sim) => applySetup(sim, setup), { ...base.options, jobs: [...base.jobs] });
    templates.set(base, template);
    freeOldest();
  } else {
    templates.delete(base); // most recently used last
    templates.set(base, template);
  }
  const t = await template;
  // Two worlds of one base at once (not the usual sequential runs): the second from scratch.
  return t.busy ? undefined : t;
}

function freeOldest(): void {
  for (const [base, template] of templates) {
    if (templates.size <= KEPT) return;
    templates.delete(base);
    template.then(
      (t) => t.dispose(),
      () => {}, // its setup failed: nothing to free
    );
  }
}
