// JSON text of user values for display: bigints as their digits, anything JSON cannot hold
// (cycles, functions) as a marker instead of an exception in the middle of a report.

export function displayJson(value: unknown, maxLength = Infinity): string {
  let s: string;
  try {
    s = JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? `${v}n` : v)) ?? String(value);
  } catch {
    s = "[not serializable]";
  }
  return s.length > maxLength ? `${s.slice(0, maxLength)}…` : s;
}
