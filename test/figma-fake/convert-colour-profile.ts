/// <reference types="@figma/plugin-typings" />
import { converter } from "culori";
import type { RgbaImage } from "../../src/core/raster/rgba-image.js";

type DocumentProfile = "LEGACY" | "SRGB" | "DISPLAY_P3";
type ExportProfile = "DOCUMENT" | "SRGB" | "DISPLAY_P3_V4";

const toSrgb = converter("rgb");
const toP3 = converter("p3");

/**
 * `exportAsync`'s `colorProfile` (plugin-api.d.ts, ExportSettingsImage.colorProfile: defaults to
 * "DOCUMENT", "Use the color profile of DocumentNode.documentColorProfile"; "SRGB": "Use sRGB colors";
 * "DISPLAY_P3_V4": "Use Display P3 colors"). A document's paint values are in its own profile, so a
 * Display P3 document exported as "DOCUMENT" gives P3 values (in a PNG a viewer without colour management
 * reads as sRGB: brand colours come out more saturated than the designer sees), and as "SRGB" gives the
 * converted values. LEGACY documents are unmanaged sRGB. Conversion through culori (CSS Color 4 `p3`
 * and `rgb` spaces), clamped to the target gamut, per distinct colour.
 * @param image straight-alpha RGBA, 0–255, as rendered from the document's paint values.
 * @returns the same image when no conversion applies, else a converted copy.
 */
export function convertColourProfile(image: RgbaImage, document: DocumentProfile, requested: ExportProfile | undefined): RgbaImage {
  const source = document === "DISPLAY_P3" ? "p3" : "srgb";
  const target = requested === "SRGB" ? "srgb" : requested === "DISPLAY_P3_V4" ? "p3" : source;
  if (source === target) return image;
  const convert = target === "srgb" ? (r: number, g: number, b: number) => toSrgb({ mode: "p3", r, g, b }) : (r: number, g: number, b: number) => toP3({ mode: "rgb", r, g, b });
  const cache = new Map<number, [number, number, number]>();
  const data = new Uint8ClampedArray(image.data);
  const level = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 255);
  for (let i = 0; i < data.length; i += 4) {
    const key = (data[i]! << 16) | (data[i + 1]! << 8) | data[i + 2]!;
    let out = cache.get(key);
    if (!out) {
      const c = convert(data[i]! / 255, data[i + 1]! / 255, data[i + 2]! / 255);
      out = [level(c.r), level(c.g), level(c.b)];
      cache.set(key, out);
    }
    data[i] = out[0];
    data[i + 1] = out[1];
    data[i + 2] = out[2];
  }
  return { width: image.width, height: image.height, data };
}
