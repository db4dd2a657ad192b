import { describeFailure, runCampaign, type CampaignOptions, type CampaignResult } from "./campaign.js";
import type { PropertyDefinition } from "./property.js";

// One line in a vitest test: `await assertProperty(idempotence({ job, setup }), { runs: 100, seed: 7 })`.
// Resolves with the campaign's result; throws PropertyFailedError naming the seed, the
// fast-check path, the shrunk case and the counterexample file when the property does not hold.

export interface AssertOptions extends Omit<CampaignOptions, "keepGoing"> {}

export class PropertyFailedError extends Error {
  override name = "PropertyFailedError";
  constructor(
    message: string,
    readonly result: CampaignResult,
  ) {
    super(message);
  }
}

export async function assertProperty<C>(def: PropertyDefinition<C>, opts: AssertOptions = {}): Promise<CampaignResult> {
  const result = await runCampaign(def, opts);
  const f = result.failures[0];
  if (f !== undefined) throw new PropertyFailedError(describeFailure(f, result.seed), result);
  return result;
}

/** Like assertProperty, but resolves with the failure instead of throwing (to test that a broken job is caught). */
export async function checkProperty<C>(def: PropertyDefinition<C>, opts: AssertOptions = {}): Promise<CampaignResult> {
  return runCampaign(def, opts);
}
