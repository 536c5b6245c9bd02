// Test helper: reads a Kodak photograph from the shared fixtures, in place (never copied into the repo).
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { decodePng } from "../../../src/core/raster/png-codec.js";
import type { RgbaImage } from "../../../src/core/raster/rgba-image.js";

const KODAK_DIR = fileURLToPath(new URL("../../../../shared/fixtures/kodak/", import.meta.url));

/** Decodes `kodimNN.png` (768×512 or 512×768, opaque RGB) from /work/shared/fixtures/kodak. */
export function loadKodak(n: number): RgbaImage {
  return decodePng(readFileSync(`${KODAK_DIR}kodim${String(n).padStart(2, "0")}.png`));
}
