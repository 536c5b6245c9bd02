// Runs in the plugin iframe: how every tab shows PNG bytes in an <img>.
import { encodeBase64 } from "../../../src/core/encoding/base64.js";

/** A PNG as a `data:` URL (works in Figma's null-origin iframe, unlike some blob: uses). */
export function pngDataUrl(png: Uint8Array): string {
  return `data:image/png;base64,${encodeBase64(png)}`;
}
