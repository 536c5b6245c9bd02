import { createHash } from "node:crypto";

/** Shortest accepted token: 16 characters keep guessing out of reach even at high request rates. */
export const MIN_TOKEN_CHARS = 16;

/** One accepted bearer token: who it belongs to and the SHA-256 of its text. */
export interface AccessToken {
  /**
   * Whose limits and budget the token draws on, as written in logs and store keys: the
   * `name:` before the token when given (tokens sharing a name share limits, which is how a
   * token is rotated without resetting its budget), else `t-` plus 8 hex digits of its SHA-256.
   */
  id: string;
  /** SHA-256 of the token, 32 bytes; the token text itself is not kept. */
  digest: Buffer;
}

/**
 * Reads `BRANDFILL_TOKEN`: one or more tokens separated by commas, each optionally written as
 * `name:token` (name of letters, digits, `_`, `-`, up to 32 characters).
 *
 * @param raw the variable's value; empty or absent means no token (open proxy, loopback only).
 * @throws Error naming the problem (never echoing a token) when one is shorter than 16 characters.
 */
export function parseAccessTokens(raw: string | undefined): AccessToken[] {
  const tokens: AccessToken[] = [];
  for (const [index, entry] of (raw ?? "")
    .split(",")
    .map((s) => s.trim())
    .entries()) {
    if (!entry) continue;
    const named = /^([A-Za-z0-9_-]{1,32}):(.+)$/.exec(entry);
    const token = named ? named[2]! : entry;
    if (token.length < MIN_TOKEN_CHARS) {
      throw new Error(`BRANDFILL_TOKEN entry ${index + 1} is shorter than ${MIN_TOKEN_CHARS} characters; use a long random token (e.g. \`openssl rand -hex 32\`).`);
    }
    const digest = createHash("sha256").update(token).digest();
    tokens.push({ id: named ? named[1]! : `t-${digest.subarray(0, 4).toString("hex")}`, digest });
  }
  return tokens;
}
