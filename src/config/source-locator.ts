// Turns offsets in the ERB-rendered text back into file:line:col of the original file, so
// YAML positions stay exact even after a tag was replaced by text of another length.
import type { SourcePos } from "./types.js";

interface Substitution {
  renderedStart: number;
  renderedEnd: number;
  originalStart: number;
  originalEnd: number;
  /** Text left out (a statement tag, a branch not taken): what follows maps to after it. */
  skip?: boolean;
}

/** Records where rendered output replaced an original tag. Add in increasing order. */
export class OffsetMap {
  private readonly subs: Substitution[] = [];

  add(sub: Substitution): void {
    this.subs.push(sub);
  }

  /** Inside a substitution's output maps to the tag's start; after it, shifted by the difference. */
  toOriginal(rendered: number): number {
    let lo = 0;
    let hi = this.subs.length - 1;
    let last: Substitution | undefined;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const sub = this.subs[mid]!;
      if (sub.renderedStart <= rendered) {
        last = sub;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (!last) return rendered;
    if (last.skip) return last.originalEnd + (rendered - last.renderedEnd);
    // An empty output (a tag that rendered nothing) is reported at its tag too.
    if (rendered < last.renderedEnd || rendered === last.renderedStart) return last.originalStart;
    return last.originalEnd + (rendered - last.renderedEnd);
  }
}

export class SourceLocator {
  private readonly lineStarts: number[] = [0];

  constructor(
    readonly file: string,
    original: string,
    private readonly map: OffsetMap = new OffsetMap(),
    private readonly lineOffset = 0,
    private readonly colOffset = 0,
  ) {
    for (let i = 0; i < original.length; i++) {
      if (original[i] === "\n") this.lineStarts.push(i + 1);
    }
  }

  /** Position of an offset in the original (unrendered) text. */
  atOriginal(offset: number): SourcePos {
    const lo = lineIndexOf(this.lineStarts, offset);
    return {
      file: this.file,
      line: lo + 1 + this.lineOffset,
      col: offset - this.lineStarts[lo]! + 1 + this.colOffset,
    };
  }

  /** Position of an offset in the rendered text that YAML parsed. */
  at(renderedOffset: number): SourcePos {
    return this.atOriginal(this.map.toOriginal(renderedOffset));
  }
}

/** The index of the line holding `offset`, given the offsets where lines start (ascending). */
export function lineIndexOf(lineStarts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (lineStarts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
