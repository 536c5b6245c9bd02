// Runs in the Figma sandbox.

/**
 * An Error carrying a `code` the main channel passes on to the panel with its message
 * (e.g. `target_missing`, `invalid_source`, `not_found`).
 * @param message a sentence for the designer.
 */
export function codedError(code: string, message: string): Error & { code: string } {
  return Object.assign(new Error(message), { code });
}
