/**
 * Local HTTP emulators of the OpenAI Images API and the Gemini / Vertex AI generateContent API, driven in tests
 * through the real `openai` and `@google/genai` SDKs:
 *
 *   const openai = await startOpenAiEmulator();      // new OpenAI({ apiKey: "k", baseURL: openai.url })
 *   const gemini = await startGeminiEmulator();      // new GoogleGenAI({ apiKey: "k", httpOptions: { baseUrl: gemini.url } })
 *   openai.enqueue({ rateLimited: { retryAfterS: 0 } }, "moderationBlocked");
 *   ... openai.requests, openai.closedConnections ...
 *   await openai.close();
 *
 * What was checked against the SDK sources, and what is an emulator guess: PROVIDERS-VERIFIED.md.
 */
export { startOpenAiEmulator, type OpenAiBehaviour, type OpenAiEmulator, type OpenAiEmulatorOptions } from "./start-openai-emulator.js";
export { startGeminiEmulator, type GeminiBehaviour, type GeminiEmulator, type GeminiEmulatorOptions, type GeminiRecordedRequest, type GeminiBlockReason, type GeminiNoImageFinishReason } from "./start-gemini-emulator.js";
export type { RecordedFile, RecordedForm, RecordedInlineImage, RecordedRequest } from "./recorded-request.js";
export { OPENAI_IMAGE_MODELS, RETIRED_OPENAI_IMAGE_MODELS, FIXED_OPENAI_SIZES, checkFlexibleSize, checkOpenAiImageParams, type OpenAiModelRule, type OpenAiErrorReply } from "./openai-image-rules.js";
export { GEMINI_IMAGE_MODELS, GEMINI_25_PIXELS, GEMINI_3_PIXELS_1K, geminiOutputSize, type GeminiImageModelRule } from "./gemini-image-models.js";
export { synthesizePicture, hashSeed } from "./synthesize-picture.js";
export { alterImage, type AlterImageOptions } from "./alter-image.js";
export { sniffImage, type SniffedImage } from "./sniff-image.js";
export { encodeImageAsAsync, type EmulatedImageFormat } from "./encode-image-as.js";
export { decodeImageAsync } from "./decode-image.js";
export { validateOpenApiSchema, assertOpenApiSchema, OPENAI_OPENAPI_SPEC_PATH, type OpenAiImageSchemaName, type OpenApiValidationOptions, type OpenApiValidationResult } from "./openapi-validator.js";
export { startEmulatorServer, type EmulatorServer, type EmulatorExchange, type EmulatorHandler } from "./start-emulator-server.js";
export { BehaviourQueue } from "./behaviour-queue.js";
export { createEmulatorHandle, type EmulatorHandle } from "./create-emulator-handle.js";
export { sendJsonAnswerAsync } from "./send-json-answer.js";
export { corruptBase64 } from "./corrupt-base64.js";
