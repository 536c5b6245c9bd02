// The inpainting core: mask preparation, offline fill, compositing and patches.
export { createGreyMask, type GreyMask } from "./grey-mask.js";
export { maskFromImage } from "./mask-from-image.js";
export { maskFromOpenAiMask } from "./mask-from-open-ai-mask.js";
export { maskBounds } from "./mask-bounds.js";
export { distanceToMask, type MaskDistance } from "./distance-to-mask.js";
export { blendMask, SELECTION_THRESHOLD } from "./blend-mask.js";
export { growMask } from "./grow-mask.js";
export { featherMask } from "./feather-mask.js";
export { contextCrop, type ContextCropOptions, type ImageSize } from "./context-crop.js";
export { openAiMaskPng } from "./open-ai-mask-png.js";
export { resampleResult } from "./resample-result.js";
export { inpaintRegion, type InpaintLayers, type InpaintRegion } from "./inpaint-region.js";
export { compositeInpaint, type CompositeResult } from "./composite-inpaint.js";
export { makePatch, type InpaintPatch } from "./make-patch.js";
export { countChangedPixels, type ChangedPixels } from "./count-changed-pixels.js";
export { inpaintTelea } from "./inpaint-telea.js";
