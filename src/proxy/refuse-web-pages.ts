import type { MiddlewareHandler } from "hono";
import { BrandfillError } from "../core/api/api-error.js";

/**
 * Keeps web pages the designer happens to visit from spending the proxy's keys (issue 15). With
 * no token on loopback (the default set-up) any page could otherwise POST to
 * `http://localhost:8787/v1/images`. Checked on every request before anything else runs:
 *
 * 1. `Origin`, when sent, must be the plugin iframe's `"null"` or a configured origin
 *    (`BRANDFILL_ALLOWED_ORIGINS`), else 403. Browsers send `Origin` on every cross-origin POST,
 *    CORS or not (Fetch standard, "append a request `Origin` header"), so a page's form post or
 *    `text/plain` fetch always carries its own origin here.
 * 2. `Sec-Fetch-Site` (Fetch Metadata, sent by Chromium, Firefox and Safari): `cross-site` or
 *    `same-site` is accepted only with an allowed `Origin` as above. The Figma plugin iframe is
 *    sandboxed with an opaque origin, and for an opaque origin every request is `cross-site`
 *    (Fetch Metadata Request Headers, "Set the Sec-Fetch-Site header": an opaque origin is
 *    neither same origin nor same site with any URL), with
 *    `Origin: null`; so the real plugin passes, while a cross-site request that hides its
 *    origin (a GET from an `<img>`, which sends no `Origin`) does not. `same-origin` and `none`
 *    (typed in the address bar) pass.
 * 3. Every POST must say `Content-Type: application/json` (charset parameters allowed), else
 *    415. A page can send `text/plain`, `application/x-www-form-urlencoded` and
 *    `multipart/form-data` without a CORS preflight; `application/json` from another origin
 *    always needs one, which the CORS rules refuse for an origin not allowed.
 *
 * Requests with neither `Origin` nor `Sec-Fetch-Site` (the `brandfill` commands, curl, tests
 * calling the app directly) are not browsers' and pass to the token check, if any. Preflights
 * (OPTIONS) are left to the CORS middleware, which answers a foreign origin without
 * `Access-Control-Allow-Origin`.
 *
 * Limits: a page can also make a sandboxed iframe, whose origin is `"null"` like the plugin's,
 * and nothing in a browser's request tells the two apart; a proxy token
 * (`BRANDFILL_TOKEN`) is what closes that.
 *
 * @param origins the allowed `Origin` values, `"null"` included for the plugin.
 */
export function refuseWebPages(origins: ReadonlySet<string>): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method === "OPTIONS") return next();
    const origin = c.req.header("origin");
    const site = c.req.header("sec-fetch-site")?.trim().toLowerCase();
    const crossing = site === "cross-site" || site === "same-site";
    if ((origin !== undefined && !origins.has(origin)) || (crossing && origin === undefined)) {
      const from = origin && origin !== "null" ? `the web page at ${origin.slice(0, 100)}` : "a web page";
      const error = new BrandfillError(
        "unauthorized",
        `The brandfill proxy only answers the brandfill plugin and the origins set in BRANDFILL_ALLOWED_ORIGINS, so it refused a request from ${from}.`,
      );
      return c.json(error.toBody(), 403);
    }
    if (c.req.method === "POST" && !isJson(c.req.header("content-type"))) {
      const error = new BrandfillError("invalid_request", "The brandfill proxy only accepts requests sent as JSON (Content-Type: application/json).");
      return c.json(error.toBody(), 415);
    }
    return next();
  };
}

/** Whether a Content-Type header names the JSON media type (RFC 8259 §11), parameters aside. */
function isJson(contentType: string | undefined): boolean {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase() === "application/json";
}
