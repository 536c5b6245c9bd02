// Runs in Node: `brandfill lock`, the lock pass on a PNG file, with the same core code as the plugin.
import { readFile, writeFile } from "node:fs/promises";
import { lockPalette } from "../core/colour/lock-palette.js";
import { parsePalette } from "../core/colour/parse-hex-colour.js";
import { decodePng, encodePng } from "../core/raster/png-codec.js";

/** Injected outputs of {@link lockCommandAsync}, for tests. */
export interface LockCommandIo {
  /** Where the report line goes; defaults to standard output. */
  readonly stdout?: (line: string) => void;
  /** Where warnings, errors and usage go; defaults to standard error. */
  readonly stderr?: (line: string) => void;
}

export const LOCK_USAGE = [
  'Usage: brandfill lock --palette "#00AA66,#FFFFFF" in.png out.png',
  "  --palette  the locked hex colours (#RGB, #RRGGBB or #RRGGBBAA), separated by commas or spaces",
  "  in.png     the generated image; out.png gets the same image with the palette locked",
].join("\n");

/**
 * `brandfill lock --palette "#00AA66,#FFFFFF" in.png out.png`: reads a PNG, runs the lock pass
 * ({@link lockPalette}), writes the result as a PNG and prints one JSON line to stdout:
 * `{ input, output, width, height, colours }` where `colours` is the lock report (per locked hex:
 * ΔE2000 of the region mean before and after, share, pixel count, absent, warning, and what the correction
 * did to the picture's structure: `structure` { lightnessSsim, newHardEdges, maxBoundaryChange } and
 * `heldBack` when it corrected less to protect the photo). Each warning is also printed on stderr as a sentence.
 *
 * @param args the arguments after `lock` (a leading `lock` is skipped); `--palette=…` also works.
 * @returns 0 when the image was written (absent colours are warnings, not failures); 1 when the input
 *   cannot be read or is not a PNG, or the output cannot be written; 2 for bad arguments (a sentence
 *   and the usage on stderr).
 */
export async function lockCommandAsync(args: string[], io: LockCommandIo = {}): Promise<number> {
  const out = io.stdout ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const err = io.stderr ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const parsed = parseArgs(args[0] === "lock" ? args.slice(1) : args);
  if ("error" in parsed) {
    err(`${parsed.error}\n${LOCK_USAGE}`);
    return 2;
  }
  let palette;
  try {
    palette = parsePalette(parsed.palette);
  } catch (e) {
    err(`${(e as Error).message}\n${LOCK_USAGE}`);
    return 2;
  }
  if (palette.length === 0) {
    err(`The palette is empty: give at least one hex colour.\n${LOCK_USAGE}`);
    return 2;
  }

  let image;
  try {
    image = decodePng(await readFile(parsed.input));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    err(code === "ENOENT" ? `There is no file “${parsed.input}”.` : `“${parsed.input}” could not be read: ${(e as Error).message}`);
    return 1;
  }
  const { image: locked, report } = lockPalette(image, palette);
  try {
    await writeFile(parsed.output, encodePng(locked));
  } catch (e) {
    err(`“${parsed.output}” could not be written: ${(e as Error).message}`);
    return 1;
  }
  for (const colour of report.colours) if (colour.warning) err(colour.warning);
  out(JSON.stringify({ input: parsed.input, output: parsed.output, width: locked.width, height: locked.height, colours: report.colours }));
  return 0;
}

function parseArgs(args: readonly string[]): { palette: string; input: string; output: string } | { error: string } {
  let palette: string | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--palette") {
      const value = args[++i];
      if (value === undefined) return { error: "--palette needs a value, such as \"#00AA66,#FFFFFF\"." };
      palette = value;
    } else if (arg.startsWith("--palette=")) {
      palette = arg.slice("--palette=".length);
    } else if (arg.startsWith("--")) {
      return { error: `There is no option “${arg}” for lock.` };
    } else {
      files.push(arg);
    }
  }
  if (palette === undefined) return { error: "The palette is missing: give --palette with the hex colours to lock." };
  if (files.length !== 2) return { error: `lock takes one input PNG and one output PNG, but got ${files.length} file name${files.length === 1 ? "" : "s"}.` };
  return { palette, input: files[0]!, output: files[1]! };
}
