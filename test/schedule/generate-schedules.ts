// Seeded generator of schedules and start times for the differential test against
// the Debian ruby-fugit package (1.5.2). It only produces what 1.5.2 and the spec's
// Fugit (1.14) agree on; each feature left out is listed in OLD_FUGIT_EXCLUSIONS.

/** Features of Fugit >= 1.11 the generator never produces, and why. */
export const OLD_FUGIT_EXCLUSIONS: readonly { feature: string; reason: string }[] = [
  { feature: "`&` after the monthday or weekday field", reason: "added in fugit 1.8 (gh-78); 1.5.2 refuses it" },
  { feature: "`%` week modulo", reason: "1.5.2 has another formula and et-orbi 1.2 another reference week" },
  { feature: "`~` random values", reason: "added in fugit 1.13" },
  { feature: "@shortcut followed by a zone", reason: "added in fugit 1.11.2" },
  { feature: "blanks around the whole string", reason: "1.5.2 neither strips crons nor phrases" },
  { feature: "empty list entries (`9,,19`, `,10,`)", reason: "added after 1.5.2" },
  { feature: "stepped wrapping weekday ranges (`5-1/2`)", reason: "added in fugit 1.12.3" },
  { feature: "steps /0", reason: "1.5.2 divides by zero; 1.12.2+ returns nil" },
  { feature: "`a/1` (start with step 1)", reason: "1.5.2 reads /1 as no step: `5/1` is 5 only" },
  { feature: "`starting at` / `from <unit> N` offsets", reason: "fugit 1.14 only" },
  { feature: "am/pm glued to h:mm (`5:00pm`)", reason: "1.5.2 bug: `every day at 5:00pm` gives 0 5 * * *" },
  { feature: "`12 am`, `12:30 am`", reason: "1.5.2 keeps hour 12 (no ante-meridian rule)" },
  { feature: "noon/midnight after an hour other than 12", reason: "1.5.2 adds 12 hours for `midnight`" },
  { feature: "am/pm in other letter cases (`Am`)", reason: "1.5.2 reads the suffix case-insensitively" },
  { feature: "`forty…` minute words", reason: "1.5.2 spells them `fourty`" },
  { feature: "capitalised hour words (`Five`)", reason: "1.5.2 turns the missing hour into 0" },
  { feature: "ordinal lists mixing numbers and `last`", reason: "1.5.2 sorts them with <=> and raises" },
  { feature: "an America/… zone right after a time in a phrase", reason: "1.5.2 reads `Am` as the am suffix (fixed 1.11.2)" },
  { feature: "phrases longer than 256 characters", reason: "the limit came in 1.11.1" },
];

/** mulberry32: a tiny seeded PRNG, so that the cases are the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface Case {
  schedule: string;
  tz: string;
  from: number; // epoch seconds, sometimes with a fraction
}

export const DEFAULT_ZONES = [
  "Etc/UTC",
  "America/New_York",
  "Europe/Berlin",
  "Australia/Sydney",
  "Asia/Tokyo",
  "America/Santiago",
  "Asia/Kolkata",
  "Europe/London",
  "America/Los_Angeles",
  "Pacific/Auckland",
  "Asia/Kathmandu",
];

// DST changes (UTC) near which start times cluster
const TRANSITIONS = [
  "2021-03-14T07:00:00Z",
  "2021-11-07T06:00:00Z",
  "2024-03-31T01:00:00Z",
  "2024-10-27T01:00:00Z",
  "2024-04-06T16:00:00Z",
  "2024-10-05T16:00:00Z",
  "2021-09-05T04:00:00Z",
  "2022-04-03T03:00:00Z",
  "2015-03-08T10:00:00Z",
  "2015-11-01T09:00:00Z",
].map((s) => Date.parse(s) / 1000);

const CRON_ZONES = [
  "Europe/Paris",
  "America/New_York",
  "Asia/Tokyo",
  "UTC",
  "Etc/UTC",
  "Australia/Sydney",
  "America/Sao_Paulo",
  "America/Santiago",
  "+05:30",
  "-0800",
  "+11:45",
  "Europe/Parisx",
  "Mars/Olympus",
  "EST5EDT",
  "Etc/GMT-11",
];
const NAT_ZONES = ["Europe/Paris", "Asia/Tokyo", "UTC", "Australia/Sydney", "Europe/Berlin", "+05:30", "Etc/GMT+5"];

export function generateCases(seed: number, crons: number, phrases: number): Case[] {
  const r = prng(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const chance = (p: number): boolean => r() < p;

  const list = (one: () => string): string => Array.from({ length: int(1, 3) }, one).join(",");
  const numeric = (lo: number, hi: number, top: number): (() => string) => () => {
    switch (int(0, 5)) {
      case 0:
        return "*";
      case 1: {
        const a = int(lo, hi);
        const b = int(lo, top);
        return `${a}-${b}`; // may wrap
      }
      case 2:
        return `*/${int(2, 2 * hi)}`;
      case 3:
        return `${int(lo, hi)}/${int(2, hi)}`;
      case 4: {
        const a = int(lo, hi - 1);
        return `${a}-${int(a + 1, hi)}/${int(2, 5)}`;
      }
      default:
        return String(int(lo, top));
    }
  };
  const monthday = (): string =>
    pick([
      () => String(int(1, 31)),
      () => "L",
      () => `-${int(1, 7)}`,
      () => `${int(1, 28)}-${int(1, 31)}`,
      () => `${int(20, 28)}-L`,
      () => `-${int(2, 7)}--1`,
      () => `*/${int(2, 10)}`,
      () => "*",
    ])();
  const MONTH_NAMES = ["jan", "Feb", "MAR", "apr", "may", "jun", "jul", "aug", "sep", "oct", "Nov", "dec"];
  const month = (): string =>
    pick([
      () => String(int(1, 12)),
      () => pick(MONTH_NAMES),
      () => `${pick(MONTH_NAMES)}-${pick(MONTH_NAMES)}`,
      () => `${int(1, 12)}-${int(1, 12)}`,
      () => "*",
    ])();
  const DAY_NAMES = ["sun", "MON", "tue", "Wed", "thu", "fri", "sat"];
  const weekday = (): string =>
    pick([
      () => String(int(0, 7)),
      () => pick(DAY_NAMES),
      () => `${pick(DAY_NAMES)}-${pick(DAY_NAMES)}`, // plain ranges may wrap
      () => `${pick(DAY_NAMES)}#${pick(["1", "2", "3", "4", "5", "-1", "-2", "L", "last"])}`,
      () => `${int(0, 3)}-${int(4, 6)}/${int(2, 3)}`,
      () => "*/2",
      () => "*",
    ])();

  const cron = (): string => {
    const fields = [
      list(numeric(0, 59, 59)),
      list(() => (chance(0.1) ? "24" : numeric(0, 23, 23)())),
      chance(0.5) ? "*" : list(monthday),
      chance(0.6) ? "*" : list(month),
      chance(0.5) ? "*" : list(weekday),
    ];
    if (chance(0.2)) fields.unshift(list(numeric(0, 59, 59)));
    if (chance(0.1)) return pick(["@yearly", "@monthly", "@weekly", "@daily", "@hourly", "@noon", "@reboot"]);
    if (chance(0.4)) fields.push(pick(CRON_ZONES));
    return fields.join(" ");
  };

  const HOUR_WORDS = ["one", "two", "five", "nine", "ten", "eleven", "twelve", "noon", "midnight", "zero"];
  const MINUTE_WORDS = ["fifteen", "thirty", "o'clock", "ten", "five", "twenty"];
  const time = (): string =>
    pick([
      () => String(int(0, 24)),
      () => `${int(1, 12)} ${pick(["am", "pm", "AM", "PM"])}`.replace(/^12 (am|AM)$/, "12 pm"),
      () => `${int(0, 23)}:${String(int(0, 59)).padStart(2, "0")}`,
      () => `${int(1, 11)}:${pick(["00", "15", "30", "45"])} ${pick(["am", "pm"])}`,
      () => pick(HOUR_WORDS),
      () => `${pick(HOUR_WORDS.slice(0, 6))} ${pick(MINUTE_WORDS)}`,
      () => `${pick(HOUR_WORDS.slice(0, 6))} ${pick(MINUTE_WORDS)} pm`,
      () => pick(["12 noon", "12 midnight", "noon", "midnight"]),
      () => `minute ${int(0, 59)}`,
      () => `minute ${int(0, 59)} and ${int(0, 59)}`,
      () => `second ${int(0, 59)}`,
    ])();
  const times = (): string => {
    const n = int(1, 3);
    const sep = pick([" and ", ", ", " or ", ", and "]);
    return Array.from({ length: n }, time).join(sep);
  };
  const ordinal = (): string => pick(["1st", "2nd", "3rd", "15th", "21st", "first", "second", "twentieth"]);
  const WEEKDAYS = ["monday", "Tuesday", "wed", "THU", "friday", "saturday", "sunday", "Mon", "fri"];
  const clause = (): string =>
    pick([
      () => `every ${pick(["day", "minute", "hour", "second", "month", "year", "week", "weekday", "d", "h", "m", "s", "M"])}`,
      () => `every ${int(1, 90)} ${pick(["minutes", "min", "m", "hours", "h", "days", "d", "seconds", "s", "months", "M"])}`,
      () => `every ${pick(WEEKDAYS)}`,
      () => `every ${pick(WEEKDAYS)}${pick(["-", " to ", " through "])}${pick(WEEKDAYS)}`,
      () => `every ${pick(WEEKDAYS)} and ${pick(WEEKDAYS)}`,
      () => `every ${ordinal()} of the month`,
      () => `at ${times()}`,
      () => times(),
      () => `from ${pick(WEEKDAYS)} to ${pick(WEEKDAYS)}`,
      () => `from ${time()} to ${time()}`,
      () => `from the ${ordinal()} to the ${ordinal()}`,
      () => `on ${pick(WEEKDAYS)}`,
      () => `on days ${int(1, 28)}, ${int(1, 28)}`,
      () => `on the ${ordinal()}${chance(0.5) ? ` and the ${ordinal()}` : ""}`,
      () => `on minute ${int(0, 59)} and ${int(0, 59)}`,
      () => `on the ${pick(["hour", "minute"])}`,
      () => pick(["in ", "on ", ""]) + pick(NAT_ZONES),
    ])();
  const phrase = (): string => {
    const n = int(1, 3);
    const parts = Array.from({ length: n }, clause);
    return parts.join(pick([" ", ", "]));
  };

  const start = (): number => {
    const base = chance(0.5)
      ? pick(TRANSITIONS) + int(-30 * 3600, 30 * 3600)
      : Date.UTC(2015, 0, 1) / 1000 + int(0, 20 * 365 * 86_400);
    return chance(0.2) ? base + 0.3 : chance(0.3) ? base - (base % 60) : base;
  };

  const out: Case[] = [];
  for (let i = 0; i < crons; i++) out.push({ schedule: cron(), tz: pick(DEFAULT_ZONES), from: start() });
  for (let i = 0; i < phrases; i++) out.push({ schedule: phrase(), tz: pick(DEFAULT_ZONES), from: start() });
  return out;
}
