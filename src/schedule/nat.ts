// Fugit::Nat.parse(s, multi: :fail): a natural-language phrase to one cron string.
// The grammar (nat-grammar.ts) yields named nodes; each becomes slots here; the slots
// become a cron string (nat-slots.ts), which the cron reader then has to accept.

import { ScheduleCrash, ScheduleError } from "./errors.js";
import { HOUR_WORDS, MINUTE_WORDS, natGrammar, ORDINALS } from "./nat-grammar.js";
import { Slot, SlotGroup } from "./nat-slots.js";
import { parseAll, subgather, sublookup, text, type Node } from "./peg.js";
import { rubyStrip } from "./ruby-text.js";
import { rToS, type RValue } from "./ruby-values.js";

const MAX_LENGTH = 256;
const WEEKDAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];

/**
 * The cron string Fugit::Nat generates for `input`, or null when it is not a phrase
 * Fugit understands. Throws ScheduleError ("multiple-crons", "argument") and
 * ScheduleCrash where Fugit raises.
 */
export function natCronString(input: string): string | null {
  const s = rubyStrip(input);
  if ([...s].length > MAX_LENGTH || s === "") return null;
  const tree = parseAll(natGrammar, s);
  if (!tree) return null;
  const reader = new NatReader(s);
  return new SlotGroup(subgather(tree).flatMap((n) => reader.slots(n))).cronString();
}

class NatReader {
  constructor(private readonly s: string) {}

  private str(n: Node): string {
    return text(this.s, n);
  }
  private strip(n: Node): string {
    return rubyStrip(text(this.s, n));
  }

  slots(n: Node): Slot[] {
    switch (n.name) {
      case "every": // only the first item after "every" counts
        return this.slots(sublookup(n)!);
      case "at":
      case "on":
        return subgather(n).flatMap((c) => this.slots(c));
      case "on_days":
        return subgather(n, "monthday").map((c) => new Slot("monthday", parseInt(this.str(c), 10)));
      case "on_thes":
        return subgather(n, "omonthday").map((c) => this.ordinal(c));
      case "omonthday":
        return [this.ordinal(n)];
      case "weekdays":
      case "on_weekdays":
        return [new Slot("weekday", subgather(n, "weekday").map((c) => this.weekday(c)))];
      case "to_weekday": {
        const [a, b] = subgather(n, "weekday").map((c) => this.weekday(c));
        return [new Slot("weekday", `${a}-${b}`)];
      }
      case "to_omonthday": {
        const [a, b] = subgather(n, "omonthday").map((c) => this.ordinal(c).d0);
        return [new Slot("monthday", `${rToS(a!)}-${rToS(b!)}`)];
      }
      case "on_minutes": {
        const minutes = subgather(n, "dmin").map((c) => this.strip(c));
        return [new Slot("hm", "*", minutes.join(","), undefined, 1)];
      }
      case "on_thex":
        return /hour/i.test(this.str(n))
          ? [new Slot("hm", 0, "*", undefined, 0)]
          : [new Slot("hm", "*", "*", undefined, 1)];
      case "at_p":
        return [this.point(n)];
      case "digital_hour":
      case "simple_hour":
      case "named_hour":
        return [this.timeOfDay(n)];
      case "to_hour":
        return [this.hourRange(n)];
      case "every_interval":
        return [this.interval(n)];
      case "every_named": // "weekday"
        return [new Slot("weekday", "1-5", null, true)];
      case "every_single_interval":
        return /year/i.test(this.str(n))
          ? [new Slot("month", 1, null, true), new Slot("monthday", 1, null, true)]
          : [new Slot("weekday", 0, null, true)];
      case "tz":
        return [new Slot("tz", this.str(n))];
      default:
        throw new Error(`nat: no reading for node ${String(n.name)}`);
    }
  }

  private ordinal(n: Node): Slot {
    return new Slot("monthday", ORDINALS.get(this.str(n).toLowerCase())!);
  }

  private weekday(n: Node): number {
    return WEEKDAYS.indexOf(this.str(n).slice(0, 3).toLowerCase());
  }

  private point(n: Node): Slot {
    const word = rubyStrip(this.str(sublookup(n, "point")!)).toLowerCase();
    const unit = word.startsWith("mon") ? "M" : word[0]!;
    const values = subgather(n, "count").map((c) => parseInt(this.str(c), 10));
    if (unit === "m") return new Slot("hm", "*", values, undefined, 1);
    if (unit === "s") return new Slot("second", values);
    return new Slot(unit, values); // "at hour 5": kept, never used
  }

  private timeOfDay(n: Node): Slot {
    const ampmNode = sublookup(n, "ampm");
    const ampm = ampmNode ? this.strip(ampmNode).toLowerCase() : null;
    if (n.name === "digital_hour") {
      const [h, m] = this.strip(sublookup(n, "digital_h")!).split(":").map((x) => parseInt(x, 10));
      return new Slot("hm", adjustHour(h!, ampm), m!);
    }
    if (n.name === "simple_hour") {
      return new Slot("hm", adjustHour(parseInt(this.strip(sublookup(n, "simple_h")!), 10), ampm), 0);
    }
    // word lookups are case-sensitive although the words match in any case:
    // "Five" parses but gives no hour (nil), and then no valid cron
    const hourNode = sublookup(n, "named_h")!;
    const minuteNode = sublookup(n, "named_m");
    const hour = HOUR_WORDS.get(this.strip(hourNode)) ?? null;
    const minuteWord = minuteNode ? this.strip(minuteNode) : null;
    const minute: RValue = minuteWord === null ? 0 : (MINUTE_WORDS.get(minuteWord) ?? minuteWord);
    return new Slot("hm", adjustHour(hour, ampm), minute);
  }

  private hourRange(n: Node): Slot {
    const [first, second] = subgather(n);
    const a = this.slots(first!)[0]!;
    const b = this.slots(second!)[0]!;
    if (JSON.stringify(a.data1) !== JSON.stringify(b.data1)) {
      throw new ScheduleError(
        "argument",
        `cannot deal with ${this.strip(first!)} to ${this.strip(second!)}, minutes diverge`,
      );
    }
    return new Slot("hm", `${rToS(a.d0)}-${rToS(b.d0)}`, 0, undefined, 0);
  }

  private interval(n: Node): Slot {
    const countNode = sublookup(n, "count");
    const unitNode = sublookup(n, "interval")!;
    const offsetNode = sublookup(n, "offset");
    const c = countNode ? rubyStrip(this.str(countNode)) : "1";
    const u3 = rubyStrip(this.str(unitNode)).slice(0, 3);
    const unit = u3 === "M" || u3.toLowerCase() === "mon" ? "M" : u3[0]!.toLowerCase();
    const start = offsetNode ? parseInt(this.str(sublookup(offsetNode, "offset_count")!), 10) : null;
    const step = start !== null ? `${start}/${c}` : c === "1" ? "*" : `*/${c}`;
    switch (unit) {
      case "M":
        return new Slot("month", step);
      case "d":
        return new Slot("monthday", step, null, true);
      case "h":
        return new Slot("hm", step, 0, 1);
      case "m":
        return new Slot("hm", "*", step, undefined, 1);
      default: // "s"
        return new Slot("second", step);
    }
  }
}

// 12-hour clock words, as Fugit reads them: "12 midnight" is hour 24, "12am" is 0.
function adjustHour(h: number | null, ampm: string | null): number | null {
  if (ampm === "midnight" && h === 12) return 24;
  if (ampm === "pm") {
    if (h === null) throw new ScheduleCrash("NoMethodError: undefined method `<' for nil:NilClass");
    if (h < 12) return h + 12;
  }
  if (ampm === "am" && h === 12) return 0;
  return h;
}
