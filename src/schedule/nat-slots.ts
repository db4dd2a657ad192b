// How Fugit::Nat assembles crons from the pieces a phrase produced ("slots"): slots of
// the same kind are merged, hour/minute slots are merged by strength, then the
// remaining hour/minute pairs are grouped into crons. The merge rules are odd in
// places (see docs/schedules.md); they are reproduced as they are, including where
// Fugit raises.

import { MULTIPLE_CRONS_MESSAGE, ScheduleCrash, ScheduleError } from "./errors.js";
import { rArray, rClass, rEqual, rInspect, rKey, rSort, rToS, rUniq, type RValue } from "./ruby-values.js";

/** true, or the index (0 = first datum, 1 = second) the flag applies to. */
type Grade = true | 0 | 1 | undefined;

export type SlotKey = "hm" | "monthday" | "month" | "weekday" | "second" | "tz" | string;

export class Slot {
  constructor(
    readonly key: SlotKey,
    public d0: RValue,
    public d1: RValue = null,
    public weak: Grade = undefined,
    public strong: Grade = undefined,
  ) {}

  get data0(): RValue[] {
    return rArray(this.d0);
  }
  get data1(): RValue[] {
    return rArray(this.d1);
  }
  get graded(): boolean {
    return this.weak !== undefined || this.strong !== undefined;
  }

  append(other: Slot): void {
    const d0 = this.conflate(0, other);
    const d1 = this.conflate(1, other);
    this.d0 = d0;
    this.d1 = d1;
    this.weak = this.strong = undefined;
  }

  private conflate(index: 0 | 1, other: Slot): RValue {
    const a = index === 0 ? this.d0 : this.d1;
    const b = index === 0 ? other.d0 : other.d1;
    if (b === null) return a;
    if (a === null) return b;
    if (index === 0 && other.strong === 1) {
      const r = this.hourRange();
      if (r) return shortenedRange(r);
    }
    if (index === 0 && this.strong === 1) {
      const r = other.hourRange();
      if (r) return shortenedRange(r);
    }
    if (this.strong === index || this.strong === true) return a;
    if (other.strong === index || other.strong === true) return b;
    if (other.weak === index || other.weak === true) return a;
    if (this.weak === index || this.weak === true) return b;
    if (rEqual(a, "*") && rEqual(b, "*")) return ["*"];
    return [...starless(a), ...starless(b)];
  }

  /** [h0, h1] when this is an "h0-h1" hour range at minute 0. */
  private hourRange(): [number, number] | null {
    if (this.key !== "hm" || !rEqual(this.d1, 0)) return null;
    if (typeof this.d0 !== "string") {
      throw new ScheduleCrash(`NoMethodError: undefined method \`match' for ${rInspect(this.d0)}:${rClass(this.d0)}`);
    }
    const m = /^(\d+)-(\d+)$/.exec(this.d0);
    return m ? [Number(m[1]), Number(m[2])] : null;
  }
}

// a minute-level item drops the range's last hour: "every minute from 8am to 5pm" is 8-16
function shortenedRange([h0, h1]: [number, number]): RValue {
  return h0 === h1 - 1 ? h0 : `${h0}-${h1 - 1}`;
}

function starless(v: RValue): RValue[] {
  return rEqual(v, "*") ? [] : rArray(v);
}

export class SlotGroup {
  private readonly slots = new Map<SlotKey, Slot>();
  private readonly hms: Slot[] = [];

  constructor(all: readonly Slot[]) {
    for (const s of all) {
      if (s.key === "hm") this.hms.push(s);
      else if (this.slots.has(s.key)) this.slots.get(s.key)!.append(s);
      else this.slots.set(s.key, s);
    }
    if (this.slots.has("monthday") || this.slots.has("weekday")) {
      if (this.hms.length === 0) this.hms.push(new Slot("hm", 0, 0));
    } else if (this.slots.has("month")) {
      if (this.hms.length === 0) this.hms.push(new Slot("hm", 0, 0));
      this.slots.set("monthday", new Slot("monthday", 1));
    }
  }

  /** The one cron string, or ScheduleError("multiple-crons") (Solid Queue's `multi: :fail`). */
  cronString(): string {
    const groups = this.hourMinuteGroups();
    if (groups.length > 1) throw new ScheduleError("multiple-crons", MULTIPLE_CRONS_MESSAGE);
    const [hours, minutes] = groups[0]!;
    const fields: RValue[][] = [
      this.data("second", "0"),
      minutes,
      hours,
      this.data("monthday", "*"),
      this.data("month", "*"),
      this.data("weekday", "*"),
    ];
    const tz = this.slots.get("tz");
    if (tz) fields.push(tz.data0);
    if (rEqual(fields[0]!, ["0"])) fields.shift();
    const numbersFirst = (v: RValue): number => (typeof v === "number" ? v : 999_999);
    return fields
      .map((f) =>
        rUniq(f)
          .sort((p, q) => numbersFirst(p) - numbersFirst(q))
          .map(rToS)
          .join(","),
      )
      .join(" ");
  }

  private data(key: SlotKey, fallback: string): RValue[] {
    const s = this.slots.get(key);
    return s ? s.data0 : [fallback];
  }

  /** [hours, minutes] per cron: minutes sharing the same set of hours go together. */
  private hourMinuteGroups(): [RValue[], RValue[]][] {
    if (this.hms.length === 0) return [[["*"], ["*"]]];
    const hms = [...this.hms];
    for (;;) {
      if (hms.length <= 1) break;
      const i = hms.findIndex((s) => s.graded);
      if (i < 0) break;
      const graded = hms[i]!;
      const [other] = hms.splice(i === 0 ? 1 : i - 1, 1);
      graded.append(other!);
    }
    const hoursByMinute = new Map<string, { minute: RValue; hours: RValue[] }>();
    for (const s of hms) {
      for (const m of s.data1) {
        const k = rKey(m);
        if (!hoursByMinute.has(k)) hoursByMinute.set(k, { minute: m, hours: [] });
        hoursByMinute.get(k)!.hours.push(...s.data0);
      }
    }
    const minutesByHours = new Map<string, [RValue[], RValue[]]>();
    for (const { minute, hours } of hoursByMinute.values()) {
      const sorted = rSort(hours);
      const k = rKey(sorted);
      if (!minutesByHours.has(k)) minutesByHours.set(k, [sorted, []]);
      minutesByHours.get(k)![1].push(minute);
    }
    return [...minutesByHours.values()];
  }
}
