// `npm test` replays every example scenario in scenarios/ (one test per expectation).
import { scenarioTests } from "../src/scenario/vitest.js";

scenarioTests("scenarios");
