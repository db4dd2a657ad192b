// JSON that can sit inside <script type="application/json">: no `<` at all, so neither
// `</script>` nor `<!--` in user data can end the block; the JSON parses to the same value.

export function scriptJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => (typeof v === "bigint" ? v.toString() : v))
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
