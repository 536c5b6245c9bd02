export { startOpenAiEmulator, type OpenAiBehaviour, type OpenAiEmulator, type OpenAiEmulatorOptions } from "./start-openai-emulator.js";
export { startGeminiEmulator, type GeminiBehaviour, type GeminiEmulator, type GeminiEmulatorOptions, type GeminiRecordedRequest, type GeminiBlockReason, type GeminiNoImageFinishReason } from "./start-gemini-emulator.js";
export type { RecordedFile, RecordedForm, RecordedInlineImage, RecordedRequest } from "./recorded-request.js";
export { OPENAI_IMAGE_MODELS, RETIRED_OPENAI_IMAGE_MODELS, FIXED_OPENAI_SIZES, checkFlexibleSize, checkOpenAiImageParams, type OpenAiModelRule, type OpenAiErrorReply } from "./openai-image-rules.js";
export { GEMINI_IMAGE_MODELS, GEMINI_25_PIXELS, GEMINI_3_PIXELS_1K, geminiOutputSize, type GeminiImageModelRule } from "./gemini-image-models.js";
export { synthesizePicture, hashSeed } from "./synthesize-picture.js";
export { alterImage, type AlterImageOptions } from "./alter-image.js";
export { sniffImage, type SniffedImage } from "./sniff-image.js";
export { encodeImageAsAsync, decodeImageAsync, type EmulatedImageFormat } from "./image-codecs.js";
