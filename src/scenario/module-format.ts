import { existsSync, readFileSync } from "node:fs";
import { dirname, extname, join, relative } from "node:path";

// Whether Node loads a job module as CommonJS: .cjs / .cts always, .mjs / .mts never, and
// .js / .ts by the "type" of the nearest package.json (CommonJS when it is absent). A CommonJS
// module's classes reach an ESM import only as `default`, so jobsim sees no Job subclass: the
// loader says why instead of "exports no Job subclass" (issue 13).

export interface CommonJsReason {
  /** What makes it CommonJS, for the message. */
  because: string;
  /** The fix. */
  fix: string;
}

export function commonJsReason(path: string): CommonJsReason | undefined {
  const ext = extname(path);
  if (ext === ".cjs" || ext === ".cts") return { because: `its extension is ${ext}`, fix: `rename it to ${ext === ".cts" ? ".mts" : ".mjs"}` };
  if (ext === ".mjs" || ext === ".mts") return undefined;
  for (let dir = dirname(path); ; dir = dirname(dir)) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest)) {
      let type: unknown;
      try {
        type = (JSON.parse(readFileSync(manifest, "utf8")) as { type?: unknown }).type;
      } catch {
        return undefined;
      }
      if (type === "module") return undefined;
      const shown = relative(process.cwd(), manifest) || manifest;
      return { because: `${shown} has no "type": "module"`, fix: `add "type": "module" to ${shown}, or rename the module to .m${ext.slice(1)}` };
    }
    if (dirname(dir) === dir) return { because: "no package.json above it says \"type\": \"module\"", fix: `add a package.json with {"type": "module"} beside it, or rename it to .m${ext.slice(1)}` };
  }
}
