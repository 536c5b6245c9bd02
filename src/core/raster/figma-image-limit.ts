/**
 * Largest image edge Figma accepts, in pixels: `figma.createImage` refuses images over
 * 4096 × 4096 (Figma plugin API, "createImage"). Every size brandfill asks for, accepts or places
 * is bounded by it.
 */
export const FIGMA_MAX_IMAGE_EDGE_PX = 4096;
