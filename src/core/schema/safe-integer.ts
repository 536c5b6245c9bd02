import * as v from "valibot";

/**
 * A whole number within ±(2^53 − 1) (`Number.isSafeInteger`): pixel sizes, counts and message
 * ids. Larger magnitudes lose whole-number precision in a double, so they are refused.
 */
export const SafeInteger = v.pipe(v.number(), v.safeInteger());
