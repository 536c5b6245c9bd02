import type { GeminiBehaviour } from "../emulators/index.js";
import { faultSuite, type FaultCase } from "./fault-suite.js";

const cases: FaultCase<GeminiBehaviour>[] = [
  { name: "a provider that never answers", behaviour: { hang: true }, status: 504, code: "timeout", message: /took too long/ },
  { name: "a reset connection", behaviour: "resetConnection", status: 503, code: "provider_unavailable" },
  { name: "HTTP 500", behaviour: { status: 500 }, status: 503, code: "provider_unavailable" },
  { name: "HTTP 503", behaviour: { status: 503 }, status: 503, code: "provider_unavailable" },
  { name: "HTTP 504", behaviour: { status: 504 }, status: 504, code: "timeout" },
  // The Gemini provider maps the SDK's JSON SyntaxError like a network failure ("could not reach").
  { name: "malformed JSON", behaviour: "malformedJson", status: 502, code: "provider_error" },
  { name: "truncated base64", behaviour: "truncatedBase64", status: 502, code: "provider_error", message: /incomplete image/ },
  { name: "invalid base64", behaviour: "invalidBase64", status: 502, code: "provider_error", message: /not valid base64/ },
  { name: "a non-image in inlineData", behaviour: "notAnImage", status: 502, code: "provider_error", message: /not an image/ },
  // An image of another size is no fault: it is resampled and used (provider-other-size.test.ts).
];
const streamed: FaultCase<GeminiBehaviour>[] = [
  { name: "a non-image", behaviour: "notAnImage", status: 200, code: "provider_error" },
  { name: "a reset connection", behaviour: "resetConnection", status: 200, code: "provider_unavailable" },
];

faultSuite("gemini", { model: "gemini-3-pro-image", width: 1024, height: 1024 }, cases, streamed);
