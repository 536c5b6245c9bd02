// Runs in Node: file-system errors as sentences, never ENOENT or ENOTDIR.

/**
 * A sentence for a failed read or write of `path` (Node's `errno` codes, node:fs docs), e.g.
 * “There is no file “in.png”.” or ““out/x.png” cannot be written: “out” is a file, not a folder.”
 * Any other error keeps its own message after the path.
 *
 * @param what how the file is named to the designer, e.g. "the image" or "the frame" (optional).
 */
export function describeFileError(error: unknown, path: string, action: "read" | "write", what?: string): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const named = what ? ` (${what})` : "";
  const thing = what ?? "it";
  if (action === "read") {
    switch (code) {
      case "ENOENT":
        return `There is no file “${path}”${named}.`;
      case "ENOTDIR":
        return `“${path}”${named} cannot be found: part of that path is a file, not a folder.`;
      case "EISDIR":
        return `“${path}” is a folder, not a file${named}.`;
      case "EACCES":
      case "EPERM":
        return `brandfill is not allowed to read “${path}”${named}.`;
    }
  } else {
    switch (code) {
      case "ENOENT":
        return `“${path}” cannot be written: its folder does not exist.`;
      case "ENOTDIR":
      case "EEXIST":
        return `“${path}” cannot be written: part of that path is a file, not a folder.`;
      case "EISDIR":
        return `“${path}” is a folder; give a file name to write ${thing} to.`;
      case "EACCES":
      case "EPERM":
      case "EROFS":
        return `brandfill is not allowed to write “${path}”.`;
      case "ENOSPC":
        return `The disk is full: “${path}” could not be written.`;
    }
  }
  const message = error instanceof Error ? error.message.replace(/^[A-Z]+: /, "") : String(error);
  return `“${path}”${named} could not be ${action === "read" ? "read" : "written"}: ${message}`;
}
