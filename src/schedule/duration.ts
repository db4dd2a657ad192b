// Whether Fugit::Duration.parse reads a string. Fugit.parse tries durations before
// natural language, so a phrase that is also a duration ("5", "1h", "") is a
// Duration, which Solid Queue refuses. Only acceptance matters here, not the value.

import { alt, jseq, opt, parseAll, rex, seq, some, type Parser } from "./peg.js";
import { rubyStrip } from "./ruby-text.js";

const N = String.raw`(\d+\.\d*|(\d*\.)?\d+) *`;
const element = alt(
  null,
  rex("yea", new RegExp(`${N}y(ears?)?`, "i")),
  rex("mon", new RegExp(`${N}(M|months?)`)),
  rex("wee", new RegExp(`${N}w(eeks?)?`, "i")),
  rex("day", new RegExp(`${N}d(ays?)?`, "i")),
  rex("hou", new RegExp(`${N}h(ours?)?`, "i")),
  rex("min", new RegExp(`${N}m(in(ute)?s?)?`)),
  rex("sec", new RegExp(`${N}s(ec(ond)?)?s?`, "i")),
  rex("sec", /(\d+\.\d*|\.\d+|\d+)$/m), // a bare number at the end: seconds
);
const signed = seq("sdur", opt(rex("sign", /[-+]?/)), some(element));
const plain: Parser = jseq("dur", signed, rex(null, /([ \t,]+|and)*/i));

const dateElement = alt(null, rex(null, /-?\d+Y/), rex(null, /-?\d+M/), rex(null, /-?\d+W/), rex(null, /-?\d+D/));
const timeElement = alt(null, rex(null, /-?\d+H/), rex(null, /-?\d+M/), rex(null, /-?(\d*\.)?\d+S/));
const iso: Parser = seq(
  "dur",
  rex(null, /P/),
  opt(seq(null, some(dateElement))),
  opt(seq(null, rex(null, /T/), some(timeElement))),
);

export function isDuration(input: string): boolean {
  const s = rubyStrip(input);
  if (s === "") return true; // raabro "parses" empty input, so "" is a zero Duration
  return parseAll(plain, s) !== null || parseAll(iso, s.toUpperCase()) !== null;
}
