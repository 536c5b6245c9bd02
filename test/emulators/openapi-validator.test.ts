import { describe, expect, it } from "vitest";
import { validateOpenApiSchema } from "./openapi-validator.js";

const usage = { input_tokens: 3, input_tokens_details: { text_tokens: 3, image_tokens: 0 }, output_tokens: 10, total_tokens: 13 };

describe("openapi validator", () => {
  it("accepts an images response with a fixed size", () => {
    expect(validateOpenApiSchema("ImagesResponse", { created: 1, data: [{ b64_json: "AA==" }], size: "1024x1024", quality: "low", usage }).valid).toBe(true);
  });

  it("rejects a response whose usage misses required fields", () => {
    const result = validateOpenApiSchema("ImagesResponse", { created: 1, usage: { input_tokens: 1 } });
    expect(result.valid).toBe(false);
    expect(result.errors.join("\n")).toContain("total_tokens");
  });

  it("rejects a custom size under the published spec but accepts it with the sdk widening", () => {
    const body = { created: 1, size: "1536x864", quality: "xhigh" };
    expect(validateOpenApiSchema("ImagesResponse", body, { strictSpec: true }).valid).toBe(false);
    expect(validateOpenApiSchema("ImagesResponse", body).valid).toBe(true);
    expect(validateOpenApiSchema("ImagesResponse", { created: 1, size: "big" }).valid).toBe(false);
  });

  it("requires param and code in an error, even as null", () => {
    expect(validateOpenApiSchema("ErrorResponse", { error: { message: "m", type: "t", param: null, code: null } }).valid).toBe(true);
    expect(validateOpenApiSchema("ErrorResponse", { error: { message: "m", type: "t" } }).valid).toBe(false);
  });

  it("resolves refs inside stream event unions", () => {
    const completed = { type: "image_generation.completed", b64_json: "AA==", created_at: 1, size: "1024x1024", quality: "low", background: "opaque", output_format: "png", usage };
    expect(validateOpenApiSchema("ImageGenStreamEvent", completed).valid).toBe(true);
    expect(validateOpenApiSchema("ImageGenStreamEvent", { ...completed, usage: {} }).valid).toBe(false);
  });

  it("names a missing schema in its error", () => {
    expect(() => validateOpenApiSchema("NoSuchSchema", {})).toThrow(/NoSuchSchema/);
  });
});
