// Runs in Node: reading and writing the commands' files, with errors as sentences.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { isPng } from "../core/raster/png-codec.js";
import { describeFileError } from "./describe-file-error.js";

/** A failure a command reports as it is: its message is already a sentence for the designer. */
export class CommandError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CommandError";
  }
}

/**
 * Reads a whole file.
 * @param what how the file is named in a sentence ("the image", "the frame"), optional.
 * @throws CommandError with a sentence (see `describeFileError`) when it cannot be read.
 */
export async function readInputAsync(path: string, what?: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw new CommandError(describeFileError(error, path, "read", what));
  }
}

/**
 * Reads a PNG file's bytes (not decoded).
 * @throws CommandError when it cannot be read or is not a PNG.
 */
export async function readPngInputAsync(path: string, what?: string): Promise<Uint8Array> {
  const bytes = await readInputAsync(path, what);
  if (!isPng(bytes)) throw new CommandError(`“${path}”${what ? ` (${what})` : ""} is not a PNG file.`);
  return bytes;
}

/**
 * Writes a file, replacing it.
 * @throws CommandError with a sentence when it cannot be written.
 */
export async function writeOutputAsync(path: string, data: Uint8Array | string, what = "the result"): Promise<void> {
  try {
    await writeFile(path, data);
  } catch (error) {
    throw new CommandError(describeFileError(error, path, "write", what));
  }
}

/**
 * Creates a folder and its parents if missing.
 * @throws CommandError when a file is in the way or it cannot be created.
 */
export async function makeFolderAsync(path: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true });
  } catch (error) {
    throw new CommandError(describeFileError(error, path, "write", "the results"));
  }
}
