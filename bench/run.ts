// `npm run bench`: every benchmark in this folder, one after the other.
const only = process.argv[2];
const suites = ["lifecycle", "idle-month", "recurring-month", "concurrency-chaos", "schedules", "scenario-100k", "report-100k", "properties", "hostile-yaml"];
for (const s of suites) {
  if (only !== undefined && s !== only) continue;
  await import(`./${s}.ts`);
}
