// Test helper: reads a Kodak photograph from the repository's fixtures (test/fixtures/kodak).
import { readFileSync } from "node:fs";
import { decodePng } from "../../../src/core/raster/png-codec.js";
import type { RgbaImage } from "../../../src/core/raster/rgba-image.js";
import { fixturePath } from "../../fixtures/fixture-path.js";

const KODAK_DIR = fixturePath("kodak/");

/** Decodes `kodimNN.png` (768×512 or 512×768, opaque RGB) from test/fixtures/kodak. */
export function loadKodak(n: number): RgbaImage {
  return decodePng(readFileSync(`${KODAK_DIR}kodim${String(n).padStart(2, "0")}.png`));
}
