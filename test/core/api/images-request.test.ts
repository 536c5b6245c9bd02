import * as v from "valibot";
import { describe, expect, it } from "vitest";
import { ImagesRequest } from "../../../src/core/api/images-request.js";
import { describeSchemaIssue } from "../../../src/core/schema/describe-schema-issue.js";

const VALID = { model: "offline", prompt: "sunlit linen", width: 1024, height: 768 };
const IMAGE = { data: "aGVsbG8=", mimeType: "image/png" };

/** The sentence the proxy's 400 carries after "The request is not valid: ". */
function sentenceFor(body: unknown): string {
  const result = v.safeParse(ImagesRequest, body);
  if (result.success) throw new Error("expected the body to be refused");
  return describeSchemaIssue(result.issues[0], "body");
}

describe("ImagesRequest", () => {
  it("trims the prompt and fills in one variant", () => {
    expect(v.parse(ImagesRequest, { ...VALID, prompt: "  sunlit linen \n" })).toEqual({ ...VALID, n: 1 });
  });

  it("accepts every optional field at its limits", () => {
    const body = {
      ...VALID,
      width: 4096,
      height: 1,
      n: 8,
      quality: "xhigh",
      palette: Array.from({ length: 32 }, () => "#0a66C2"),
      image: IMAGE,
      mask: { data: "aGVsbG8=" },
      keepClear: Array.from({ length: 64 }, () => ({ x: 0, y: 1, width: 0.5, height: 0.25 })),
      references: Array.from({ length: 16 }, () => ({ ...IMAGE, mimeType: "image/webp" })),
    };
    expect(v.parse(ImagesRequest, body)).toEqual(body);
  });

  it.each([
    ["“body” must be a JSON object.", [null, "text"]],
    ["“model” is required.", [{ prompt: "x", width: 1, height: 1 }]],
    ["“model” must be a model id (text).", [{ ...VALID, model: 7 }]],
    ["“prompt” is required.", [{ ...VALID, prompt: " \n " }]],
    ["“prompt” must be at most 32000 characters.", [{ ...VALID, prompt: "x".repeat(32_001) }]],
    [
      "“width” must be a whole number of pixels from 1 to 4096.",
      [
        { ...VALID, width: 0 },
        { ...VALID, width: 10.5 },
        { ...VALID, width: Infinity },
        { ...VALID, width: "100" },
      ],
    ],
    ["“height” must be a whole number of pixels from 1 to 4096.", [{ ...VALID, height: 4097 }]],
    ["“n” must be a whole number of images from 1 to 8.", [{ ...VALID, n: 9 }]],
    ["“quality” must be low, medium, high, xhigh, max or auto.", [{ ...VALID, quality: "ultra" }]],
    ["“palette[1]” must be #RRGGBB.", [{ ...VALID, palette: ["#0A66C2", "#fff"] }]],
    ["“palette” must have at most 32 colours.", [{ ...VALID, palette: Array.from({ length: 33 }, () => "#FFFFFF") }]],
    ["“keepClear[0].width” must be a fraction from 0 to 1.", [{ ...VALID, keepClear: [{ x: 0, y: 0, width: 1.5, height: 1 }] }]],
    ["“keepClear[0].height” is required.", [{ ...VALID, keepClear: [{ x: 0, y: 0, width: 1 }] }]],
    ["“image” must be an image: { data, mimeType }.", [{ ...VALID, image: "aGVsbG8=" }]],
    ["“image.data” must not be empty.", [{ ...VALID, image: { ...IMAGE, data: "" } }]],
    ["“image.data” must be base64 (A–Z, a–z, 0–9, +, / and = padding).", [{ ...VALID, image: { ...IMAGE, data: "%%%" } }]],
    ["“image.mimeType” must be image/png, image/jpeg or image/webp.", [{ ...VALID, image: { ...IMAGE, mimeType: "image/gif" } }]],
    ["“mask” needs an image to edit.", [{ ...VALID, mask: { data: "aGVsbG8=" } }]],
    ["“references” must have at most 16 references.", [{ ...VALID, references: Array.from({ length: 17 }, () => IMAGE) }]],
    ["“references[1].mimeType” is required.", [{ ...VALID, references: [IMAGE, { data: "aGVsbG8=" }] }]],
    ["“colour” is not a field of an images request.", [{ ...VALID, colour: "red" }]],
  ])("refuses a bad body with the sentence %s", (sentence, bodies: unknown[]) => {
    for (const body of bodies) expect(sentenceFor(body)).toBe(sentence);
  });

  it("never quotes the value it refused", () => {
    const odd = "odd-value-7f3c";
    const fields = ["model", "prompt", "width", "height", "n", "quality", "palette", "image", "mask", "keepClear", "references"];
    for (const field of fields) {
      for (const value of [odd, [odd], { data: odd, mimeType: odd }, 12.5]) {
        const result = v.safeParse(ImagesRequest, { ...VALID, image: IMAGE, [field]: value });
        if (!result.success) expect(describeSchemaIssue(result.issues[0], "body")).not.toContain(odd);
      }
    }
  });
});
