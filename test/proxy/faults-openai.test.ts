import type { OpenAiBehaviour } from "../emulators/index.js";
import { faultSuite, type FaultCase } from "./fault-suite.js";

const cases: FaultCase<OpenAiBehaviour>[] = [
  { name: "a provider that never answers", behaviour: { hang: true }, status: 504, code: "timeout", message: /took too long/ },
  { name: "a reset connection", behaviour: "resetConnection", status: 503, code: "provider_unavailable" },
  { name: "HTTP 500", behaviour: { status: 500, shouldRetry: false }, status: 503, code: "provider_unavailable", message: /error 500/ },
  { name: "HTTP 503", behaviour: { status: 503, shouldRetry: false }, status: 503, code: "provider_unavailable" },
  { name: "an HTML 502 gateway page", behaviour: { status: 502, shouldRetry: false }, status: 503, code: "provider_unavailable" },
  { name: "malformed JSON", behaviour: "malformedJson", status: 502, code: "provider_error" },
  { name: "truncated base64", behaviour: "truncatedBase64", status: 502, code: "provider_error", message: /incomplete image/ },
  { name: "invalid base64", behaviour: "invalidBase64", status: 502, code: "provider_error", message: /not valid base64/ },
  { name: "a non-image in b64_json", behaviour: "notAnImage", status: 502, code: "provider_error", message: /not an image/ },
  // An image of another size is no fault: it is resampled and used (provider-other-size.test.ts).
];
const streamed: FaultCase<OpenAiBehaviour>[] = [
  { name: "a non-image", behaviour: "notAnImage", status: 200, code: "provider_error" },
  { name: "an error event midway", behaviour: { streamError: { afterPartials: 1 } }, status: 200, code: "provider_unavailable" },
];

faultSuite("openai", { model: "gpt-image-2", width: 1024, height: 1024, quality: "low" }, cases, streamed);
