// Solid Queue's Queue#human_latency is `ActiveSupport::Duration.build(latency).inspect`
// (solid_queue app/models/solid_queue/queue.rb; it does not use distance_of_time_in_words):
// the whole seconds split greedily into years, months, weeks, days, hours, minutes and seconds
// with ActiveSupport's fixed part lengths (a year is 365.2425 days, a month a twelfth of it),
// zero parts left out, singular for 1, joined as Array#to_sentence does ("a and b",
// "a, b, and c"). Zero is "0 seconds". Checked against ActiveSupport 6.1 and 8.0 (same code).

const PARTS: readonly [singular: string, seconds: number][] = [
  ["year", 31_556_952],
  ["month", 2_629_746],
  ["week", 604_800],
  ["day", 86_400],
  ["hour", 3_600],
  ["minute", 60],
  ["second", 1],
];

/** `ActiveSupport::Duration.build(seconds).inspect` for a whole, non-negative number of seconds. */
export function humanDuration(seconds: number): string {
  let rest = Math.max(0, Math.trunc(seconds));
  if (rest === 0) return "0 seconds";
  const words: string[] = [];
  for (const [unit, length] of PARTS) {
    const n = Math.floor(rest / length);
    rest -= n * length;
    if (n !== 0) words.push(`${n} ${n === 1 ? unit : `${unit}s`}`);
  }
  return toSentence(words);
}

function toSentence(words: string[]): string {
  if (words.length <= 1) return words.join("");
  if (words.length === 2) return `${words[0]} and ${words[1]}`;
  return `${words.slice(0, -1).join(", ")}, and ${words[words.length - 1]}`;
}
