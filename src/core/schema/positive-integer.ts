import * as v from "valibot";
import { SafeInteger } from "./safe-integer.js";

/** A whole number above 0 ({@link SafeInteger}, > 0): pixel sizes and counts. One shared schema for the many fields that need it. */
export const PositiveInteger = v.pipe(SafeInteger, v.gtValue(0));
