// Runs in Node: `brandfill lock`, the lock pass on a PNG file, with the same core code as the proxy.
import { lockPalette } from "../core/colour/lock-palette.js";
import { decodePng, encodePng } from "../core/raster/png-codec.js";
import { pngHasAlpha } from "../core/raster/png-has-alpha.js";
import type { RgbaImage } from "../core/raster/rgba-image.js";
import { CommandError, readPngInputAsync, writeOutputAsync } from "./cli-files.js";
import { readPaletteOption } from "./command-options.js";
import { runCommandAsync, UsageError, type CommandIo } from "./run-command.js";

/** The command's usage text: on stdout for `--help`, on stderr after an argument error. */
export const LOCK_USAGE = [
  'Usage: brandfill lock --palette "#00AA66,#FFFFFF" in.png out.png',
  "  --palette  the locked hex colours (#RGB, #RRGGBB or #RRGGBBAA), separated by commas or spaces",
  "  in.png     the generated image; out.png gets the same image with the palette locked (RGB stays RGB)",
].join("\n");

/**
 * `brandfill lock --palette "#00AA66,#FFFFFF" in.png out.png`: reads a PNG, runs the lock pass
 * ({@link lockPalette}, the one the proxy runs for `lockPalette: true`), writes the result as a PNG
 * (RGB when the input had no alpha) and prints one JSON line to stdout: `{ input, output, width,
 * height, colours }` where `colours` is the lock report (per locked hex: ΔE2000 of the region mean
 * before and after, share, pixel count, absent, warning, and what the correction did to the
 * picture's structure: `structure` { lightnessSsim, newHardEdges, maxBoundaryChange } and
 * `heldBack` when it corrected less to protect the photo). Each warning is also printed on stderr
 * as a sentence.
 *
 * @param args the arguments after `lock` (a leading `lock` is skipped); `--palette=…` also works.
 * @returns 0 when the image was written (absent colours are warnings, not failures); 1 when the input
 *   cannot be read or is not a PNG, or the output cannot be written; 2 for bad arguments (a sentence
 *   and the usage on stderr).
 */
export async function lockCommandAsync(args: readonly string[], io: Pick<CommandIo, "stdout" | "stderr"> = {}): Promise<number> {
  const definition = { name: "lock", usage: LOCK_USAGE, options: { palette: { type: "string" } }, positionals: 2 } as const;
  return runCommandAsync(definition, args, io, async ({ values, positionals, out, err }) => {
    if (values.palette === undefined) throw new UsageError("The palette is missing: give --palette with the hex colours to lock.");
    if (positionals.length !== 2) {
      throw new UsageError(`lock takes one input PNG and one output PNG, but got ${positionals.length} file name${positionals.length === 1 ? "" : "s"}.`);
    }
    const palette = readPaletteOption(values.palette);
    if (palette.length === 0) throw new UsageError("The palette is empty: give at least one hex colour.");
    const [input, output] = positionals as [string, string];
    const bytes = await readPngInputAsync(input);
    let image: RgbaImage;
    try {
      image = decodePng(bytes);
    } catch (error) {
      throw new CommandError(`“${input}”: ${(error as Error).message}`);
    }
    // The decoded pixels are this command's own: the lock overwrites them rather than allocate a second image.
    const { image: locked, report } = lockPalette(
      image,
      palette.map((hex) => ({ hex })),
      { inPlace: true },
    );
    await writeOutputAsync(output, encodePng(locked, { opaqueAsRgb: !pngHasAlpha(bytes) }), "the locked picture");
    for (const colour of report.colours) if (colour.warning) err(colour.warning);
    out(JSON.stringify({ input, output, width: locked.width, height: locked.height, colours: report.colours }));
    return 0;
  });
}
