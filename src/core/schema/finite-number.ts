import * as v from "valibot";

/**
 * A finite number: no NaN, no ±Infinity. The base of every measured value in the schemas
 * (points, pixels, fractions, USD, milliseconds). `v.number()` alone lets ±Infinity through,
 * and both structured clone (main ⇄ ui) and `JSON.parse("1e999")` (the proxy) can deliver it.
 */
export const FiniteNumber = v.pipe(v.number(), v.finite());
