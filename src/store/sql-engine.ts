import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import { Script } from "node:vm";
import initSqlJs from "sql.js";
import type { SqlEngine } from "./sql-types.js";

// sql.js instances: SQLite compiled to WebAssembly, with its own linear memory. A wasm memory
// grows and never shrinks, so every database opened in one instance shares the high-water mark
// of the largest: after a 100,000-job world the process keeps ~95 MB it can never use again
// (docs/performance.md). Worlds share one instance (opening a database in it costs ~0.4 ms); a
// world that asks for its own instance (`ownSqlInstance`) gets one whose memory goes back to the
// system once the world is disposed and dropped, for ~10 ms more at creation.

let shared: Promise<SqlEngine> | null = null;

/** The process's shared instance. */
export function sharedSqlJs(): Promise<SqlEngine> {
  // sql.js's own types: tsc checks here that its instance is a SqlEngine.
  shared ??= initSqlJs().then((SQL): SqlEngine => SQL);
  return shared;
}

// The WebAssembly API as used here (tsconfig's lib has no DOM, where its declarations live).
type WasmModule = object;
type WasmInstance = object;
const Wasm = (globalThis as unknown as { WebAssembly: { compile(bytes: Uint8Array): Promise<WasmModule>; instantiate(module: WasmModule, imports: object): Promise<WasmInstance> } }).WebAssembly;

type Init = (config: { instantiateWasm: (imports: object, done: (instance: WasmInstance) => void) => object }) => Promise<SqlEngine>;

interface Loader {
  /** sql.js's CommonJS file as a function of its module object: evaluated again per instance. */
  evaluate: (module: { exports: unknown }, exports: unknown, require: NodeJS.Require, filename: string, dirname: string) => void;
  file: string;
  require: NodeJS.Require;
  /** The compiled wasm, shared by every instance (each gets its own memory). */
  wasm: Promise<WasmModule>;
}

let loader: Loader | null = null;

function load(): Loader {
  if (loader !== null) return loader;
  const require = createRequire(import.meta.url);
  const file = require.resolve("sql.js");
  // sql.js keeps its instance in a closure of its module: `require` would hand back the cached
  // one, and dropping the require cache entry still leaves the module listed as a child of the
  // requiring module, so its memory is never freed. Evaluating the file's source again gives a
  // closure that nothing else holds.
  const source = readFileSync(file, "utf8");
  const evaluate = new Script(`(function (module, exports, require, __filename, __dirname) {${source}\n})`, { filename: file }).runInThisContext() as Loader["evaluate"];
  const wasm = Wasm.compile(readFileSync(require.resolve("sql.js/dist/sql-wasm.wasm")));
  loader = { evaluate, file, require, wasm };
  return loader;
}

/** A new instance with its own memory, freed when nothing refers to its databases any more. */
export async function isolatedSqlJs(): Promise<SqlEngine> {
  const { evaluate, file, require, wasm } = load();
  const compiled = await wasm;
  const module: { exports: unknown } = { exports: {} };
  evaluate(module, module.exports, require, file, dirname(file));
  const init = module.exports as Init;
  return new Promise((resolve, reject) => {
    const instantiateWasm = (imports: object, done: (instance: WasmInstance) => void) => {
      Wasm.instantiate(compiled, imports).then(done, reject);
      return {};
    };
    init({ instantiateWasm }).then(resolve, reject);
  });
}
