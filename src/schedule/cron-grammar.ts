// The cron grammar Fugit accepts (Fugit::Cron::Parser), rule for rule, so that the
// same strings parse. Node names are the ones the reader in cron-parser.ts looks for:
// one list node per field (sec min hou dom mon dow), `elt` per list entry and, inside
// an entry, the bounds (named after the field), `hyphen`, `tilde`, `slash`, `hash`, `mod`.

import { alt, jseq, opt, rex, seq, str, type Parser } from "./peg.js";

const blanks = rex(null, /[ \t]+/);
const star = str(null, "*");
const hyphen = str("hyphen", "-");
const tilde = str("tilde", "~");
const comma = rex(null, /,([ \t]*,)*/);
const commas = rex(null, /([ \t]*,)*/); // possibly empty: "9,,19" and ",10," are fine
const amp = rex(null, /&?/);
const slash = rex("slash", /\/\d\d?/);

type Field = "sec" | "min" | "hou" | "dom" | "mon" | "dow";

const VALUE: Record<Field, RegExp> = {
  sec: /[0-5]?\d/,
  min: /[0-5]?\d/,
  hou: /(2[0-4]|[01]?[0-9])/,
  dom: /(-?(3[01]|[12][0-9]|0?[1-9])|last|l)/i,
  mon: /(1[0-2]|0?[1-9]|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i,
  dow: /([0-7]|sun|mon|tue|wed|thu|fri|sat)/i,
};

/** One list entry: `*`, `a`, `a-b`, `a~b` (each optionally `/n`), or a bare `/n`. */
function element(field: Field): Parser {
  const value = rex(field, VALUE[field]);
  const range = seq(null, value, opt(seq(null, hyphen, value)));
  const tildeRange = seq(null, opt(value), tilde, opt(value));
  const starOrRange = alt(null, star, tildeRange, range);
  return alt("elt", slash, seq(null, starOrRange, opt(slash)));
}

function list(field: Field): Parser {
  if (field !== "dow") return jseq(field, element(field), comma);
  const dow = rex("dow", VALUE.dow);
  const withHash = seq("elt", dow, rex("hash", /#(-?[1-5]|last|l)/i));
  const withMod = seq("elt", dow, rex("mod", /%\d+(\+\d+)?/));
  return jseq("dow", alt(null, withHash, withMod, element("dow")), comma);
}

/** A field followed by the blanks that separate it from the next one. */
function spaced(field: Field): Parser {
  return field === "dom"
    ? seq(null, commas, list(field), commas, amp, blanks)
    : seq(null, commas, list(field), commas, blanks);
}

const weekdays = seq(null, commas, list("dow"), commas, amp);

// zone: an offset (minutes required here) or a capitalised name with at most two "/"
const zone = alt(
  "tz",
  rex(null, / +[-+]([01][0-9]|2[0-4]):?(00|15|30|45)/),
  rex(null, / +[A-Z][a-zA-Z0-9+\-]+(\/[A-Z][a-zA-Z0-9+\-_]+){0,2}/),
);

const fiveFields = seq("ccron", spaced("min"), spaced("hou"), spaced("dom"), spaced("mon"), weekdays, opt(zone));
const sixFields = seq(
  "scron",
  spaced("sec"),
  spaced("min"),
  spaced("hou"),
  spaced("dom"),
  spaced("mon"),
  weekdays,
  opt(zone),
);

/** Six fields are tried first, as in Fugit. */
export const cronGrammar: Parser = alt("cron", sixFields, fiveFields);
