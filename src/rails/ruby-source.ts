// A Ruby file's text with prism's positions: prism counts UTF-8 bytes, messages count lines
// and UTF-16 columns (as every other jobsim message does).
import { formatPos, type SourcePos } from "../config/index.js";
import { lineIndexOf } from "../config/source-locator.js";

export interface RubyLocation {
  startOffset: number;
  length: number;
}

export class RubySource {
  private readonly bytes: Uint8Array;
  private readonly lineStarts: number[] = [0];
  private readonly decoder = new TextDecoder();

  constructor(
    /** How messages and the model name the file: relative to the app folder. */
    readonly file: string,
    readonly text: string,
  ) {
    this.bytes = new TextEncoder().encode(text);
    for (let i = 0; i < this.bytes.length; i++) if (this.bytes[i] === 0x0a) this.lineStarts.push(i + 1);
  }

  /** Position of a byte offset. */
  pos(byteOffset: number): SourcePos {
    const line = lineIndexOf(this.lineStarts, byteOffset);
    const before = this.decoder.decode(this.bytes.subarray(this.lineStarts[line]!, byteOffset));
    return { file: this.file, line: line + 1, col: before.length + 1 };
  }

  /** "app/jobs/x.rb:3:5" for a node's location. */
  at(loc: RubyLocation): string {
    return formatPos(this.pos(loc.startOffset));
  }

  /** The source text of a node. */
  slice(loc: RubyLocation): string {
    return this.decoder.decode(this.bytes.subarray(loc.startOffset, loc.startOffset + loc.length));
  }
}
