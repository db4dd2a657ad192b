// "Did you mean" for misspelt keys lives in job/suggest.ts: job/ (whose options check their keys
// too) sits below config/, so the one helper is there and config's readers import it from here.
export { suggest } from "../job/suggest.js";
