/** Characters per chunk: 1 Mi, so a tens-of-MB base64 image is never copied whole. */
const CHUNK_CHARS = 1 << 20;

/**
 * UTF-8 chunks of the concatenation of `pieces`, at most about 1 MiB each, made one at a time
 * as the consumer asks. The proxy writes answers holding multi-megabyte base64 images this way:
 * the image string is sent as it came from the provider, sliced (a cheap view) and encoded
 * piece by piece while the socket drains, instead of being concatenated, copied and encoded
 * whole before the first byte leaves.
 *
 * A cut never falls between the two halves of a surrogate pair, so text pieces are safe too.
 */
export function* chunkTextPieces(pieces: Iterable<string>): Generator<Uint8Array> {
  for (const text of pieces) {
    for (let start = 0; start < text.length; ) {
      let end = Math.min(text.length, start + CHUNK_CHARS);
      const last = text.charCodeAt(end - 1);
      if (end < text.length && last >= 0xd800 && last <= 0xdbff) end--;
      yield Buffer.from(text.slice(start, end), "utf8");
      start = end;
    }
  }
}
