import { describe, expect, it } from "vitest";
import { DIRTY_JOBS_CAP, DirtyJobs } from "../../src/store/dirty-jobs.js";
import { IdRanges } from "../../src/store/id-ranges.js";

// The store's per-job bookkeeping stays bounded on long runs (docs/performance.md).

describe("IdRanges (jobs deleted on purpose)", () => {
  it("answers membership like a set, in any order of adds and deletes", () => {
    const r = new IdRanges();
    const model = new Set<number>();
    // A deterministic shuffle of 1..200, with every seventh id left out.
    const ids = Array.from({ length: 200 }, (_, i) => ((i * 37) % 200) + 1).filter((id) => id % 7 !== 0);
    for (const id of ids) {
      r.add(id);
      model.add(id);
    }
    for (const id of [5, 6, 8, 150]) {
      r.delete(id);
      model.delete(id);
    }
    expect(r.size).toBe(model.size);
    for (let id = 0; id <= 201; id++) expect(r.has(id)).toBe(model.has(id));
  });

  it("keeps one run for consecutive ids, however many", () => {
    const r = new IdRanges();
    for (let id = 1; id <= 100_000; id++) r.add(id);
    expect(r.size).toBe(100_000);
    expect(r.has(100_000)).toBe(true);
    expect(r.has(100_001)).toBe(false);
    expect((r as unknown as { byStart: Map<number, number> }).byStart.size).toBe(1);
  });
});

describe("DirtyJobs (changed since the last invariant check)", () => {
  it("gives the changed ids back once", () => {
    const d = new DirtyJobs();
    d.add(3);
    d.add(1);
    d.add(3);
    expect(d.take()).toEqual([3, 1]);
    expect(d.take()).toEqual([]);
  });

  it("past its cap says 'check everything' instead of holding every id", () => {
    const d = new DirtyJobs();
    for (let id = 1; id <= DIRTY_JOBS_CAP + 10; id++) d.add(id);
    expect(d.take()).toBeNull();
    d.add(7);
    expect(d.take()).toEqual([7]);
  });
});
