import { Job } from "../src/index.js";

class Flaky extends Error {}
try {
  class BadJob extends Job {
    static {
      this.retryOn(Flaky, { wait: "soon" });
    }
  }
  void BadJob;
} catch (e) {
  console.log((e as Error).message);
}
