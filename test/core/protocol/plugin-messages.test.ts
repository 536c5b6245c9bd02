import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { MainToUi, UiToMain } from "../../../src/core/protocol/plugin-messages.js";
import type { Recipe } from "../../../src/core/protocol/recipe.js";
import { describeSchemaIssue } from "../../../src/core/schema/describe-schema-issue.js";

const recipe: Recipe = {
  version: 1,
  kind: "fill",
  promptTyped: "linen",
  promptSent: "linen, calm behind the headline",
  model: "offline",
  provider: "offline",
  size: { width: 300, height: 250 },
  providerRequest: { size: "1024x1024" },
  references: [],
  palette: ["#0A66C2"],
  costUsd: null,
  createdAt: "2025-01-01T00:00:00.000Z",
  watermark: null,
  sourceNodeId: "1:2",
};
const target = { nodeId: "1:2", pageId: "0:1", width: 300, height: 250 };
const placeFill = { type: "place-fill", target, png: new Uint8Array([137, 80]), width: 300, height: 250, recipe };
const size = { width: 300, height: 250 };

/** The dropped-message log's sentence for `message`, or null when it parses. */
function refusal(schema: v.GenericSchema, message: unknown): string | null {
  const result = v.safeParse(schema, message);
  return result.success ? null : describeSchemaIssue(result.issues[0], "message");
}

describe("UiToMain", () => {
  it("accepts a request and drops keys it does not know", () => {
    const parsed = v.parse(UiToMain, { kind: "request", id: 3, request: { ...placeFill, stray: true }, stray: 1 });
    expect(parsed).toEqual({ kind: "request", id: 3, request: placeFill });
  });

  it.each([
    ['“id” invalid type: Expected number but received "3".', { kind: "request", id: "3", request: { type: "read-selection" } }],
    ["“request.type” invalid type: Expected", { kind: "request", id: 1, request: { type: "format-disk" } }],
    ["“request.png” must be image bytes (Uint8Array).", { kind: "request", id: 1, request: { ...placeFill, png: [137, 80] } }],
    ["“request.target.width” invalid finite: Received Infinity.", { kind: "request", id: 1, request: { ...placeFill, target: { ...target, width: Infinity } } }],
    ["“request.recipe.size.width” invalid safe integer", { kind: "request", id: 1, request: { ...placeFill, recipe: { ...recipe, size: { width: 2.5, height: 1 } } } }],
    ["“request.recipe.providerRequest” must be an object of named values.", { kind: "request", id: 1, request: { ...placeFill, recipe: { ...recipe, providerRequest: [] } } }],
    ["“request.width” invalid value: Expected >=240", { kind: "request", id: 1, request: { type: "resize-ui", width: 239, height: 600 } }],
    ["“request.height” invalid value: Expected <=1600", { kind: "request", id: 1, request: { type: "resize-ui", width: 240, height: 1601 } }],
    ["“request.sizes” invalid length: Expected >=1", { kind: "request", id: 1, request: { type: "create-variant-frames", sourceNodeId: "1:2", sizes: [] } }],
    ["“request.sizes” invalid length: Expected <=40", { kind: "request", id: 1, request: { type: "create-variant-frames", sourceNodeId: "1:2", sizes: Array(41).fill(size) } }],
    [
      "“request.sizes[0].safeZone.top” invalid value: Expected <=1",
      { kind: "request", id: 1, request: { type: "create-variant-frames", sourceNodeId: "1:2", sizes: [{ ...size, safeZone: { top: 1.5, bottom: 0, left: 0, right: 0 } }] } },
    ],
    ["“request.limit” invalid value: Expected <=500", { kind: "request", id: 1, request: { type: "list-generated", limit: 501 } }],
  ])("refuses a malformed request, naming the field: %s", (sentence, message) => {
    expect(refusal(UiToMain, message)).toContain(sentence);
  });
});

describe("MainToUi", () => {
  it.each([
    { kind: "response", id: 1, ok: true, value: null },
    { kind: "response", id: 2, ok: false, error: { code: "not_found", message: "That layer no longer exists." } },
    { kind: "event", event: { type: "selection-changed", selection: { kind: "none", reason: "Select a frame." } } },
    { kind: "event", event: { type: "relaunch", command: "regenerate", recipe } },
  ])("accepts %j", (message) => {
    expect(v.parse(MainToUi, message)).toEqual(message);
  });

  it.each([
    ["“value” invalid key", { kind: "response", id: 1, ok: true, error: { code: "x", message: "y" } }],
    ["“error” invalid key", { kind: "response", id: 1, ok: false, value: 1 }],
    ["“ok” invalid type: Expected (true | false)", { kind: "response", id: 1, ok: "yes", value: 1 }],
    ["“kind” invalid type", { kind: "reply", id: 1, ok: true, value: 1 }],
    ["“event.type” invalid type", { kind: "event", event: { type: "selection-lost" } }],
  ])("refuses a malformed reply or event, naming the field: %s", (sentence, message) => {
    expect(refusal(MainToUi, message)).toContain(sentence);
  });
});
