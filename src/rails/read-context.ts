// What reading one class's declarations needs: its source (positions, text), the app's
// settings that apply at declaration time (the queue prefix), and the list of things the
// import could not map, each with file:line:col and why.
import type { AppSettings, Unmapped } from "../model/types.js";
import type { RubySource, RubyLocation } from "./ruby-source.js";

export class ReadContext {
  constructor(
    readonly source: RubySource,
    readonly className: string | undefined,
    readonly settings: AppSettings,
    private readonly unmapped: Unmapped[],
  ) {}

  at(loc: RubyLocation): string {
    return this.source.at(loc);
  }

  text(loc: RubyLocation): string {
    return this.source.slice(loc);
  }

  /** Records something read but not mapped; never fatal. */
  report(loc: RubyLocation, what: string, why: string): void {
    this.unmapped.push({ at: this.at(loc), ...(this.className !== undefined ? { class: this.className } : {}), what, why });
  }
}
