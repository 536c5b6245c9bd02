import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { describeSchemaIssue } from "../../../src/core/schema/describe-schema-issue.js";

const Zones = v.object({ zones: v.array(v.object({ x: v.pipe(v.number(), v.maxValue(1, "Must be a fraction from 0 to 1")) })) });

function firstIssue(schema: v.GenericSchema, input: unknown): v.BaseIssue<unknown> {
  const result = v.safeParse(schema, input);
  if (result.success) throw new Error("expected the input to be refused");
  return result.issues[0];
}

describe("describeSchemaIssue", () => {
  it("names a nested field with dots for keys and brackets for indexes", () => {
    const issue = firstIssue(Zones, { zones: [{ x: 0.5 }, { x: 2 }] });
    expect(describeSchemaIssue(issue, "body")).toBe("“zones[1].x” must be a fraction from 0 to 1.");
  });

  it("names the whole value when the issue has no path", () => {
    expect(describeSchemaIssue(firstIssue(v.pipe(v.string(), v.minLength(1, "is required")), ""), "prompt")).toBe("“prompt” is required.");
  });

  it("does not add a second full stop", () => {
    expect(describeSchemaIssue(firstIssue(v.string("must be text."), 3), "name")).toBe("“name” must be text.");
  });
});
