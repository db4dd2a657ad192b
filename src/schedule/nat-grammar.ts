// The natural-language grammar of Fugit::Nat, rule for rule (ordered choices in the
// same order, the same regular expressions, the same case sensitivity), so that the
// same phrases parse. What each named node means is decided in nat.ts.

import { alt, jseq, many, opt, rename, rex, seq, type Parser } from "./peg.js";

const ONE_TO_NINE = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine"];
const SIXTIES = [
  "zero",
  ...ONE_TO_NINE,
  ...["ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"],
  ...["twenty", "thirty", "forty", "fifty"].flatMap((tens) => [tens, ...ONE_TO_NINE.map((u) => `${tens}-${u}`)]),
];

/** Hour words; the regular expression tries them in this order (case-insensitive). */
export const HOUR_WORDS: ReadonlyMap<string, number> = new Map([
  ...SIXTIES.slice(0, 13).map((w, i) => [w, i] as const),
  ["midnight", 0],
  ["oh", 0],
  ["noon", 12],
]);

/** Minute words. "twenty-one" can never match: "twenty" comes first in the alternation. */
export const MINUTE_WORDS: ReadonlyMap<string, number> = new Map([
  ...SIXTIES.map((w, i) => [w, i] as const),
  ["o'clock", 0],
  ["hundred", 0],
]);

const ordinals: [string, number | "L"][] = [
  ["1st", 1],
  ["2nd", 2],
  ["3rd", 3],
  ["21st", 21],
  ["22nd", 22],
  ["23rd", 23],
  ["31st", 31],
  ["last", "L"],
];
for (let i = 4; i <= 30; i++) ordinals.push([`${i}th`, i]);
[
  "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth",
  "fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth twentieth twenty-first",
  "twenty-second twenty-third twenty-fourth twenty-fifth twenty-sixth twenty-seventh",
  "twenty-eighth twenty-ninth thirtieth thirty-first",
]
  .join(" ")
  .split(" ")
  .forEach((w, i) => ordinals.push([w, i + 1]));

/** Ordinal words ("21th" is there too: 4th…30th are all generated). */
export const ORDINALS: ReadonlyMap<string, number | "L"> = new Map(ordinals);

const words = (list: Iterable<string>): string => [...list].join("|");
const WEEKDAY_NAMES = [
  ...["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"],
  ...["sun", "mon", "tue", "wed", "thu", "fri", "sat"],
];

// separators and keywords
const every_ = rex(null, /[ \t]*every[ \t]+/i);
const from_ = rex(null, /[ \t]*from[ \t]+/i);
const at_ = rex(null, /[ \t]*at[ \t]+/i);
const on_ = rex(null, /[ \t]*on[ \t]+/i);
const to_ = rex(null, /[ \t]*to[ \t]+/i);
const and_ = rex(null, /[ \t]*and[ \t]+/i);
const andOr = rex(null, /[ \t]*(and|or)[ \t]+/i);
const inOrOn = rex(null, /(in|on)[ \t]+/i);
const andOrComma = rex(null, /[ \t]*(,[ \t]*)?((and|or)[ \t]+|,[ \t]*)/i);
const toOrDash = rex(null, /[ \t]*-[ \t]*|[ \t]+(to|through)[ \t]+/i);
const days_ = rex(null, /[ \t]*days?[ \t]+/i);
const the_ = rex(null, /[ \t]*the[ \t]+/i);
const space = rex(null, /[ \t]+/);
const clauseSep = rex(null, /([ \t]+|[ \t]*,[ \t]*)/);

const count = rex("count", /\d+/);
const omonthday = rex("omonthday", new RegExp(words(ORDINALS.keys()), "i"));
const monthday = rex("monthday", /3[0-1]|[0-2]?[0-9]/);
// the lookahead keeps "mon" from eating "monday"; Ruby's $ is end of line
const weekday = rex("weekday", new RegExp(`(${words(WEEKDAY_NAMES)})(?=($|[-, \\t]))`, "im"));

const omonthdays = jseq(null, omonthday, andOrComma);
const monthdays = jseq(null, monthday, andOrComma);
const weekdays = jseq("weekdays", weekday, andOrComma);

// "on …"
const minute_ = rex(null, /[ \t]*minute[ \t]+/i);
const dmin = rex("dmin", /[0-5]?[0-9]/);
const onMinutes = seq("on_minutes", minute_, dmin, many(seq(null, andOrComma, opt(minute_), dmin)));
const onTheX = rex("on_thex", /[ \t]*the[ \t]+(hour|minute)[ \t]*/i);
const onThes = jseq("on_thes", seq(null, the_, omonthdays), andOrComma);
const onDays = seq("on_days", days_, monthdays);
const onWeekdays = rename("on_weekdays", weekdays);
const on = seq("on", on_, jseq(null, alt(null, onDays, onWeekdays, onMinutes, onThes, onTheX), and_));

// zones
const tz = alt(
  "tz",
  rex(null, /[A-Z][a-zA-Z0-9+\-]+(\/[A-Z][a-zA-Z0-9+\-_]+){0,2}/),
  rex(null, /Z|UTC/),
  rex(null, /[-+]([01][0-9]|2[0-4])(:?(00|15|30|45))?/),
);
const tzone = seq(null, opt(inOrOn), tz);

// times of day
const ampm = rex("ampm", /[ \t]*(am|AM|pm|PM|[Nn]oon|[Mm]idday|[Mm]idnight)/);
const dark = rex("dark", /[ \t]*dark/i);
const digitalHour = seq("digital_hour", rex("digital_h", /(2[0-4]|[0-1]?[0-9]):([0-5][0-9])/i), opt(ampm));
const simpleHour = seq(
  "simple_hour",
  rex("simple_h", new RegExp(Array.from({ length: 25 }, (_, i) => 24 - i).join("|"))),
  opt(ampm),
);
const namedMinute = seq(null, space, rex("named_m", new RegExp(words(MINUTE_WORDS.keys()), "i")));
const namedHour = seq(
  "named_hour",
  rex("named_h", new RegExp(words(HOUR_WORDS.keys()), "i")),
  opt(dark),
  opt(namedMinute),
  opt(ampm),
);
const point = rex("point", /(minutes?|mins?|seconds?|secs?|hours?|hou|h)[ \t]+/i);
const atPoint = jseq(null, seq("at_p", point, jseq(null, count, andOrComma)), andOr);
const atObject = alt(null, namedHour, digitalHour, simpleHour, atPoint);
const at = seq("at", opt(at_), jseq(null, atObject, andOrComma));

// "every …"
const interval = rex("interval", /[ \t]*(seconds?|minutes?|hours?|days?|months?|sec|min|s|m|h|d|M)/);
const offset = seq(
  "offset",
  rex(null, /[ \t]*(starting[ \t]+at|from)[ \t]+/i),
  rex(null, /(second|minute|hour|day|month)s?[ \t]+/i),
  rex("offset_count", /\d+/),
);
const everyInterval = seq("every_interval", opt(count), interval, opt(offset));
const everySingleInterval = rex("every_single_interval", /(1[ \t]+)?(week|year)/);
const toWeekday = seq("to_weekday", weekday, toOrDash, weekday);
const everyWeekday = jseq(null, alt(null, toWeekday, weekdays), andOr);
const everyOfTheMonth = seq(null, omonthdays, rex(null, /[ \t]+of the month/));
const everyNamed = rex("every_named", /weekday/i);
const every = seq(
  "every",
  every_,
  jseq(null, alt(null, everyWeekday, everyOfTheMonth, everyInterval, everyNamed, everySingleInterval), andOr),
);

// "from …" (the word itself is optional)
const toOmonthday = seq("to_omonthday", opt(the_), omonthday, to_, opt(the_), omonthday);
const toHour = seq("to_hour", atObject, to_, atObject);
const from = seq(null, opt(from_), jseq(null, alt(null, toWeekday, toOmonthday, toHour), andOr));

/** A whole phrase: clauses in any order, separated by blanks or a comma. */
export const natGrammar: Parser = jseq("nat", alt(null, every, from, at, tzone, on), clauseSep);
