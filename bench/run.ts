// `npm run bench`: the summary table (bench/summary.ts). `npm run bench -- all`: every benchmark
// in this folder, one after the other, then the summary; `npm run bench -- <name>`: one of them.
const only = process.argv[2] ?? "summary";
const suites = ["lifecycle", "idle-month", "recurring-month", "concurrency-chaos", "schedules", "scenario-100k", "report-100k", "properties", "hostile-yaml", "summary"];
if (only !== "all" && !suites.includes(only)) throw new Error(`unknown benchmark ${only}: one of ${suites.join(", ")}, or all`);
for (const s of suites) {
  if (only !== "all" && s !== only) continue;
  await import(`./${s}.ts`);
}
