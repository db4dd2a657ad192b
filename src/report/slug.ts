// File-name-safe names for scenarios: lowercase [a-z0-9-], unique within one run.

const MAX_LENGTH = 80;

export function slugify(name: string): string {
  const s = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "") // accents come apart under NFKD: keep the base letter
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .slice(0, MAX_LENGTH)
    .replace(/^-+|-+$/g, "");
  return s === "" ? "scenario" : s;
}

/** One slug per name, in order; a repeated slug gets `-2`, `-3`... so no file is overwritten. */
export function uniqueSlugs(names: readonly string[]): string[] {
  const used = new Set<string>();
  return names.map((name) => {
    const base = slugify(name);
    let slug = base;
    for (let n = 2; used.has(slug); n++) slug = `${base}-${n}`;
    used.add(slug);
    return slug;
  });
}

export function traceFileName(slug: string): string {
  return `${slug}.trace.json`;
}
