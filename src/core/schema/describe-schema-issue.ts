import type * as v from "valibot";

/**
 * Turns one valibot issue into a sentence naming the field that was wrong, e.g.
 * `“keepClear[0].x” must be a fraction from 0 to 1.` The field is the issue's path, object keys
 * joined by dots and array indexes in brackets; the message is expected to read as a predicate
 * ("is required", "must be …"), so its first letter is lower-cased and a full stop added.
 *
 * @param issue an issue of a failed `v.safeParse` (usually the first: the one a person fixes first).
 * @param whole what to call the value when the issue concerns all of it (no path), e.g. `body`.
 * @returns one sentence ending in a full stop. valibot's default messages quote the value
 *   received (`… but received "abc"`); schemas whose sentences reach a person set their own.
 */
export function describeSchemaIssue(issue: v.BaseIssue<unknown>, whole: string): string {
  let field = "";
  for (const item of issue.path ?? []) {
    field += typeof item.key === "number" ? `[${item.key}]` : `${field ? "." : ""}${String(item.key)}`;
  }
  const message = issue.message.charAt(0).toLowerCase() + issue.message.slice(1);
  return `“${field || whole}” ${message}${message.endsWith(".") ? "" : "."}`;
}
