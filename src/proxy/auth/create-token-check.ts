import { createHash, timingSafeEqual } from "node:crypto";
import type { AccessToken } from "./parse-access-tokens.js";

/**
 * Builds the check of an `Authorization` header against the configured tokens.
 *
 * Constant time: the presented token is hashed with SHA-256 and compared with every configured
 * digest by `timingSafeEqual` (no early exit), so neither the token's length, its first
 * differing character nor which token matched shows in the response time.
 *
 * @returns a function taking the header value and returning the token's id, or null when the
 *   header is missing, not `Bearer <token>`, or names no configured token.
 */
export function createTokenCheck(tokens: readonly AccessToken[]): (authorization: string | undefined) => string | null {
  return (authorization) => {
    const presented = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? "")?.[1];
    if (!presented) return null;
    const digest = createHash("sha256").update(presented).digest();
    let match: string | null = null;
    for (const token of tokens) if (timingSafeEqual(digest, token.digest) && match === null) match = token.id;
    return match;
  };
}
