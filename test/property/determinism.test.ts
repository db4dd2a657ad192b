import { describe, expect, it } from "vitest";
import { Job } from "../../src/job/job.js";
import { assertProperty, determinism, noJobLost, PropertyFailedError } from "../../src/property/index.js";
import { verdictOf } from "../../src/property/property.js";

// A job that remembers something between runs (module state) is not deterministic: the second
// run of the same case sleeps a different time. Both the determinism property and the
// checkDeterminism option name the first differing trace event.

let calls = 0;
class MemoryJob extends Job {
  override async perform(): Promise<void> {
    calls++;
    await this.sleep(calls % 2 === 0 ? 2 : 1);
  }
}

const workload = [{ job: MemoryJob }];

describe("determinism", () => {
  it("names the first differing event of two runs of one case", async () => {
    const e = await assertProperty(determinism({ workload, crashes: false, maxJobs: 1, minJobs: 1 }), { runs: 5, seed: 1, reportsDir: null }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(PropertyFailedError);
    const m = (e as Error).message;
    expect(m).toMatch(/the same case gave two different traces; first difference at seq \d+:/);
    expect(m).toMatch(/first run: +\{"t":\d+,"seq":\d+,"type":"succeeded"/);
    expect(m).toMatch(/second run: \{"t":\d+,"seq":\d+,"type":"succeeded"/);
  });

  it("checkDeterminism runs every case of any property twice", async () => {
    const e = await assertProperty(noJobLost({ workload, crashes: false, buggify: false, maxJobs: 1, minJobs: 1 }), { runs: 5, seed: 2, checkDeterminism: true, reportsDir: null }).catch((x: unknown) => x);
    expect((e as Error).message).toMatch(/property no_job_lost failed on run 0 .*\n.*the same case gave two different traces; first difference at seq \d+/);
  });
});

describe("a verdict's traces", () => {
  it("are serialised once, when first read, and travel with copies of the verdict", () => {
    let serialised = 0;
    const v = verdictOf(["a problem"], () => {
      serialised++;
      return ["[\n]\n"];
    });
    expect(serialised).toBe(0);
    expect(v).toMatchObject({ ok: false, message: "  - a problem" });
    expect({ ...v, refine: 1 }.traces).toEqual(["[\n]\n"]);
    expect(v.traces).toEqual(["[\n]\n"]);
    expect(serialised).toBe(1);
    expect(verdictOf([], ["t"]).traces).toEqual(["t"]);
  });
});
