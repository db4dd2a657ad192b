// A small JSON Schema (draft-07 subset) validator: the keywords jobsim's schemas use. Tests
// check that example files validate and that the schemas say what the loaders accept.

export type Schema = Record<string, any>;

function typeOf(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "array";
  if (typeof v === "number") return Number.isInteger(v) ? "integer" : "number";
  return typeof v;
}

/** `root` holds the definitions that "#/definitions/x" refers to. */
export function schemaValidator(root: Schema) {
  const resolve = (s: Schema): Schema => (s.$ref !== undefined ? root.definitions[s.$ref.slice("#/definitions/".length)] : s);
  const validate = (s0: Schema, v: unknown, path = "$"): string[] => {
    const s = resolve(s0);
    const errors: string[] = [];
    if (s.type !== undefined) {
      const types: string[] = Array.isArray(s.type) ? s.type : [s.type];
      const t = typeOf(v);
      if (!types.includes(t) && !(t === "integer" && types.includes("number"))) return [`${path}: expected ${types.join("|")}, got ${t}`];
    }
    if (s.enum !== undefined && !s.enum.includes(v)) errors.push(`${path}: not one of ${s.enum.join(", ")}`);
    if (s.const !== undefined && v !== s.const) errors.push(`${path}: must be ${JSON.stringify(s.const)}`);
    if (s.pattern !== undefined && typeof v === "string" && !new RegExp(s.pattern).test(v)) errors.push(`${path}: does not match ${s.pattern}`);
    if (s.minimum !== undefined && typeof v === "number" && v < s.minimum) errors.push(`${path}: below ${s.minimum}`);
    if (s.exclusiveMinimum !== undefined && typeof v === "number" && v <= s.exclusiveMinimum) errors.push(`${path}: not above ${s.exclusiveMinimum}`);
    if (s.maximum !== undefined && typeof v === "number" && v > s.maximum) errors.push(`${path}: above ${s.maximum}`);
    if (s.minLength !== undefined && typeof v === "string" && v.length < s.minLength) errors.push(`${path}: too short`);
    if (s.oneOf !== undefined) {
      const ok = s.oneOf.filter((x: Schema) => validate(x, v, path).length === 0).length;
      if (ok !== 1) errors.push(`${path}: matches ${ok} of oneOf`);
    }
    if (s.anyOf !== undefined && !s.anyOf.some((x: Schema) => validate(x, v, path).length === 0)) {
      errors.push(`${path}: matches none of anyOf (${s.anyOf.map((x: Schema) => validate(x, v, path)[0]).join(" / ")})`);
    }
    if (Array.isArray(v)) {
      if (s.minItems !== undefined && v.length < s.minItems) errors.push(`${path}: fewer than ${s.minItems} items`);
      if (s.items !== undefined) v.forEach((x, i) => errors.push(...validate(s.items, x, `${path}[${i}]`)));
    } else if (v !== null && typeof v === "object") {
      const o = v as Record<string, unknown>;
      for (const r of s.required ?? []) if (!(r in o)) errors.push(`${path}: missing ${r}`);
      if (s.minProperties !== undefined && Object.keys(o).length < s.minProperties) errors.push(`${path}: empty`);
      for (const [k, x] of Object.entries(o)) {
        const p = s.properties?.[k];
        if (p !== undefined) errors.push(...validate(p, x, `${path}.${k}`));
        else if (s.additionalProperties === false) errors.push(`${path}: unknown key ${k}`);
        else if (typeof s.additionalProperties === "object") errors.push(...validate(s.additionalProperties, x, `${path}.${k}`));
      }
    }
    return errors;
  };
  return { validate, resolve };
}
