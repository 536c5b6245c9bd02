/**
 * Applies a base64-corrupting emulator behaviour to an encoded image; any other behaviour returns `b64` unchanged.
 * - `truncatedBase64`: valid base64 of the first half of the file (an image cut off mid-stream).
 * - `invalidBase64`: characters outside the base64 alphabet.
 * - `notAnImage`: valid base64 of plain text.
 */
export function corruptBase64(b64: string, behaviour: unknown): string {
  if (behaviour === "truncatedBase64") return Buffer.from(Buffer.from(b64, "base64").subarray(0, Math.floor((b64.length * 3) / 8))).toString("base64");
  if (behaviour === "invalidBase64") return `${b64.slice(0, 16)}*not~base64!${b64.slice(16, 64)}`;
  if (behaviour === "notAnImage") return Buffer.from("This is plain text, not an image file.").toString("base64");
  return b64;
}
