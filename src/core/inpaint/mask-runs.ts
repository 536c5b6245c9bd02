import type { PixelRect } from "../raster/crop-image.js";
import type { GreyMask } from "./grey-mask.js";

/**
 * The horizontal runs of a mask's pixels at or above a threshold, row by row, in mask pixels.
 * Run k covers columns `starts[k]` up to (not including) `ends[k]`; the runs of row y are
 * k = `rowRuns[y]` … `rowRuns[y + 1]` − 1, left to right, never touching each other.
 */
export interface MaskRuns {
  /** Length `mask.height + 1`; rows outside the searched window have no runs. */
  readonly rowRuns: Int32Array;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  /** The smallest rectangle holding every run. */
  readonly bounds: PixelRect;
}

/**
 * Finds the runs of pixels whose value is at least `threshold`, reading the mask four bytes at
 * a time where they are all on one side of the threshold (a mask is mostly empty or mostly
 * full), so a 2048² mask costs about a quarter of a byte-by-byte scan.
 * @param mask 0–255 mask
 * @param threshold lowest value that counts, 1–255 (1 and 128 take the fast word path)
 * @param window part of the mask to search, in mask pixels (default: all of it); must lie inside the mask
 * @returns the runs, or `null` when no pixel in the window reaches the threshold
 */
export function maskRuns(mask: GreyMask, threshold: number, window?: PixelRect): MaskRuns | null {
  const { width, height, data } = mask;
  const x0 = window?.x ?? 0;
  const y0 = window?.y ?? 0;
  const x1 = x0 + (window?.width ?? width);
  const y1 = y0 + (window?.height ?? height);
  const scan = new ThresholdScan(data, threshold);
  const rowRuns = new Int32Array(height + 1);
  let starts = new Int32Array(256);
  let ends = new Int32Array(256);
  let count = 0;
  let [left, right, top, bottom] = [width, -1, -1, -1];
  for (let y = y0; y < y1; y++) {
    rowRuns[y] = count;
    const rowBase = y * width;
    const end = rowBase + x1;
    let i = rowBase + x0;
    while (i < end) {
      const start = scan.next(i, end, false);
      if (start === end) break;
      i = scan.next(start, end, true);
      if (count === starts.length) [starts, ends] = [grow(starts), grow(ends)];
      starts[count] = start - rowBase;
      ends[count++] = i - rowBase;
    }
    if (count > rowRuns[y]!) {
      if (top < 0) top = y;
      bottom = y;
      left = Math.min(left, starts[rowRuns[y]!]!);
      right = Math.max(right, ends[count - 1]!);
    }
  }
  rowRuns.fill(count, y1);
  if (top < 0) return null;
  return {
    rowRuns,
    starts: starts.subarray(0, count),
    ends: ends.subarray(0, count),
    bounds: { x: left, y: top, width: right - left, height: bottom - top + 1 },
  };
}

function grow(array: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(array.length * 2);
  bigger.set(array);
  return bigger;
}

/**
 * Finds where a row of mask bytes crosses the threshold, skipping four bytes at a time where all
 * of them are on the same side. The word tests are exact for thresholds 1 and 128 (and "all
 * zero" for any); other thresholds read byte by byte past the first undecided word.
 */
class ThresholdScan {
  private readonly data: Uint8Array;
  private readonly threshold: number;
  /** Aligned 32-bit view: word w holds mask bytes lead + 4w … lead + 4w + 3. */
  private readonly words: Int32Array;
  private readonly lead: number;

  constructor(data: Uint8Array, threshold: number) {
    this.data = data;
    this.threshold = threshold;
    this.lead = (4 - (data.byteOffset % 4)) % 4;
    this.words = data.length >= this.lead + 4 ? new Int32Array(data.buffer, data.byteOffset + this.lead, (data.length - this.lead) >> 2) : new Int32Array(0);
  }

  /** First index in [i, end) whose byte is (`atLeast`) or is not (`!atLeast`) at the threshold, else `end`. */
  next(i: number, end: number, inside: boolean): number {
    const { data, threshold, words, lead } = this;
    const wordEnd = Math.min(words.length, (end - lead) >> 2);
    while (i < end) {
      if (((i - lead) & 3) === 0) {
        let w = (i - lead) >> 2;
        if (!inside) {
          if (threshold >= 128) while (w < wordEnd && (words[w]! & 0x80808080) === 0) w++;
          else while (w < wordEnd && words[w] === 0) w++;
        } else if (threshold === 1) {
          // No zero byte (Anderson, "Bit Twiddling Hacks": haszero).
          while (w < wordEnd && ((words[w]! - 0x01010101) & ~words[w]! & 0x80808080) === 0) w++;
        } else if (threshold === 128) {
          while (w < wordEnd && (~words[w]! & 0x80808080) === 0) w++;
        }
        i = lead + 4 * w;
        if (i >= end) return end;
      }
      if (data[i]! >= threshold !== inside) return i;
      i++;
    }
    return end;
  }
}
