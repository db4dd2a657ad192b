// A YAML input refused before (or while) it is parsed: too big, not UTF-8, control characters,
// nested too deep, or aliases that expand too far (issue 13 item 8). Each reader turns it into
// its own positioned error (ConfigError, ScenarioError) through `offset`.

export interface YamlLimits {
  readonly bytes: number;
  readonly depth: number;
  readonly nodes: number;
}

/** The bounds every YAML read in jobsim enforces (docs/config.md, "Hostile input"). */
export const YAML_LIMITS: YamlLimits = {
  /** Bytes of one file (and characters of one text to parse). */
  bytes: 128 * 1024,
  /** Levels of nesting: flow collections, and block indentation levels, each. */
  depth: 100,
  /** Nodes in a document once every alias is expanded (a billion-laughs bomb needs ~10^20). */
  nodes: 250_000,
};

/**
 * The bounds of a data file: an arrivals file that `replay:` plays (what `jobsim import export`
 * writes, one line per job of a production day). Such files are large by nature (3,000 jobs are
 * ~500 KB); the depth bound and alias counting stay, so a bomb is still refused before anything
 * expands, and the size bound stays linear in what a real export holds (~100,000 jobs).
 */
export const DATA_YAML_LIMITS: YamlLimits = {
  bytes: 32 * 1024 * 1024,
  depth: YAML_LIMITS.depth,
  nodes: 4_000_000,
};

export class YamlInputError extends Error {
  override name = "YamlInputError";

  /**
   * @param offset where the problem is, in `text`
   * @param text the text `offset` belongs to; for a file refused while reading, the part read
   */
  constructor(
    readonly detail: string,
    readonly offset: number,
    readonly text: string,
  ) {
    super(detail);
  }

  /** 1-based line and column of `offset` in `text`. */
  lineCol(): { line: number; col: number } {
    let line = 1;
    let lineStart = 0;
    for (let i = this.text.indexOf("\n"); i >= 0 && i < this.offset; i = this.text.indexOf("\n", i + 1)) {
      line++;
      lineStart = i + 1;
    }
    return { line, col: this.offset - lineStart + 1 };
  }
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${(n / (1024 * 1024)).toFixed(1)} MiB`;
  if (n >= 1024) return `${Math.round(n / 1024)} KiB`;
  return `${n} bytes`;
}
