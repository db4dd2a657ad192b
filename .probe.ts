import { runScenarioFile } from "./src/scenario/run.js";
const r = await runScenarioFile(process.argv[2]!);
console.log(JSON.stringify(r.result.expectations, null, 1), r.stats, r.warnings);
