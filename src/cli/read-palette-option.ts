// Runs in Node: the `--palette` option every command shares.
import { parsePalette } from "../core/colour/parse-hex-colour.js";
import { UsageError } from "./run-command.js";

/**
 * The locked brand colours of a `--palette` value (hex colours separated by commas or spaces), as
 * the jobs take them: `#RRGGBB`, upper case (an alpha digit pair is dropped). Empty when absent.
 * @throws UsageError naming the token that is not a hex colour.
 */
export function readPaletteOption(value: string | boolean | undefined): string[] {
  if (typeof value !== "string") return [];
  try {
    return parsePalette(value).map((colour) => colour.hex);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}
