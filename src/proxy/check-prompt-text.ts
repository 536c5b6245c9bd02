import { BrandfillError } from "../core/api/api-error.js";

/** Control characters (Unicode Cc) other than tab, line feed and carriage return: never part of a typed prompt. */
const CONTROL = /(?![\t\n\r])\p{Cc}/u;
/** Characters that show nothing: format characters (Cf: direction marks and overrides, zero-width joiners…), separators, white space. */
const INVISIBLE = /[\p{Cf}\p{Z}\s]/gu;

/**
 * Refuses a prompt that is not text a designer typed: one holding control characters such as NUL
 * (a provider would refuse or misread it, after the request already counted against limits), or
 * one made only of invisible characters — right-to-left marks and overrides, zero-width spaces —
 * which would be sent as an empty prompt. A prompt in a right-to-left script, marks included, passes.
 * @throws BrandfillError `invalid_request` (400) with a sentence naming “prompt”.
 */
export function checkPromptText(prompt: string): void {
  if (CONTROL.test(prompt)) {
    throw new BrandfillError("invalid_request", "“prompt” contains control characters (such as NUL) that are not text. Remove them and try again.");
  }
  if (prompt.replace(INVISIBLE, "") === "") {
    throw new BrandfillError("invalid_request", "“prompt” has no visible text, only direction marks or other invisible characters. Describe the image in words.");
  }
}
