import * as v from "valibot";
import { FiniteNumber } from "./finite-number.js";

/** A finite number above 0 ({@link FiniteNumber}, > 0): sizes in points, scales. One shared schema for the many fields that need it. */
export const PositiveNumber = v.pipe(FiniteNumber, v.gtValue(0));
