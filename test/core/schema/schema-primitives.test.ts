import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { FiniteNumber } from "../../../src/core/schema/finite-number.js";
import { PlainRecord } from "../../../src/core/schema/plain-record.js";
import { SafeInteger } from "../../../src/core/schema/safe-integer.js";

describe("FiniteNumber", () => {
  it.each([0, -0, -1.5, 4096, Number.MAX_VALUE])("accepts %d", (n) => expect(v.is(FiniteNumber, n)).toBe(true));
  it.each([Infinity, -Infinity, NaN, "1", null])("refuses %s", (n) => expect(v.is(FiniteNumber, n)).toBe(false));
});

describe("SafeInteger", () => {
  it.each([0, -3, 4096, Number.MAX_SAFE_INTEGER])("accepts %d", (n) => expect(v.is(SafeInteger, n)).toBe(true));
  it.each([0.5, 2 ** 53, -(2 ** 60), Infinity, NaN])("refuses %d", (n) => expect(v.is(SafeInteger, n)).toBe(false));
});

describe("PlainRecord", () => {
  it("accepts plain objects, with or without a prototype, and passes them through", () => {
    const settings = { model: "offline", n: 2 };
    expect(v.parse(PlainRecord, settings)).toBe(settings);
    expect(v.is(PlainRecord, Object.create(null))).toBe(true);
    expect(v.is(PlainRecord, JSON.parse('{"a":[1]}'))).toBe(true);
  });

  it.each([[[1, 2]], [new Date(0)], [new Uint8Array(2)], [new Map()], [null], ["text"], [3]])("refuses %o", (value) => {
    const result = v.safeParse(PlainRecord, value);
    expect(result.success).toBe(false);
    if (!result.success) expect(result.issues[0].message).toBe("must be an object of named values");
  });
});
