import { describe, expect, it } from "vitest";
import { parseQueueEntries, selectQueues } from "../../src/engine/queue-selector.js";

// Spec solid-queue.md §2.4: turning a worker's queue list into claim relations (null = the
// whole ready table ordered by priority, job_id).

const sel = (queues: string[], ready: string[], paused: string[] = []) => selectQueues(parseQueueEntries(queues), ready, new Set(paused));

describe("queue selection", () => {
  it('"*" with nothing paused is one relation over the whole table', () => {
    expect(sel(["*"], ["b", "a"])).toEqual([null]);
    expect(sel(["default", "*"], ["b", "a"])).toEqual([null]);
  });

  it("an empty list means all queues", () => {
    expect(sel([], ["b"])).toEqual([null]);
  });

  it('(quirk) "*" with a pause claims queue by queue in alphabetical order', () => {
    expect(sel(["*"], ["low", "critical", "default"], ["default"])).toEqual(["critical", "low"]);
  });

  it("exact names keep the configured order, present in the table or not", () => {
    expect(sel(["critical", "default", "low"], ["low"])).toEqual(["critical", "default", "low"]);
  });

  it("there is no comma splitting and entries are stripped", () => {
    expect(sel([" a,b "], [])).toEqual(["a,b"]);
  });

  it("prefixes: configured order across entries, alphabetical within a prefix", () => {
    expect(sel(["queue_b*", "queue_a*"], ["queue_a2", "queue_b2", "queue_a1", "queue_b1"])).toEqual(["queue_b1", "queue_b2", "queue_a1", "queue_a2"]);
  });

  it("an exact name placed earlier is not repeated by a later prefix", () => {
    expect(sel(["staging_high", "staging*"], ["staging_low", "staging_high", "staging_mid"])).toEqual(["staging_high", "staging_low", "staging_mid"]);
  });

  it("an exact entry after a prefix that matched it lists the name again (harmless)", () => {
    // Candidates are exact names then prefixed names, so the prefix sees staging_high twice.
    expect(sel(["staging*", "staging_high"], ["staging_high", "staging_low"])).toEqual(["staging_high", "staging_high", "staging_low", "staging_high"]);
  });

  it("reordering compares prefixes case-sensitively, after a case-insensitive LIKE", () => {
    expect(sel(["Stag*", "default"], ["staging", "default"])).toEqual(["default"]);
  });

  it('entries with "*" elsewhere are ignored', () => {
    expect(sel(["*_low", "default"], ["x_low", "default"])).toEqual(["default"]);
  });

  it("paused queues are removed from lists and prefixes", () => {
    expect(sel(["critical", "staging*"], ["staging_a", "staging_b"], ["critical", "staging_b"])).toEqual(["staging_a"]);
  });

  it("no names left: nothing to claim", () => {
    expect(sel(["staging*"], ["default"])).toEqual([]);
  });

  it("prefix matching is SQL LIKE: case-insensitive for ASCII", () => {
    expect(sel(["Stag*"], ["staging"])).toEqual(["staging"]);
  });
});
