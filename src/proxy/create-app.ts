import { Hono } from "hono";
import { requestId } from "hono/request-id";
import { BrandfillError } from "../core/api/api-error.js";
import type { AppDeps } from "./app-deps.js";
import { corsForPlugin } from "./cors-for-plugin.js";
import { refuseWebPages } from "./refuse-web-pages.js";
import { asBrandfillError } from "./routes/as-brandfill-error.js";
import { errorResponse } from "./routes/error-response.js";
import { healthRoute } from "./routes/health-route.js";
import { imagesRoute } from "./routes/images-route.js";
import { modelsRoute } from "./routes/models-route.js";
import { unavailableReasonFor } from "./routes/unavailable-reason.js";

/**
 * The proxy as a Hono app: the same app object runs under Node (`@hono/node-server`, see
 * `start-proxy.ts`) and on serverless runtimes that speak the Fetch API. It only composes the
 * middleware (CORS, request id, web-page refusal, the optional guard) and the routes in `routes/`.
 *
 * Routes (ARCHITECTURE.md, "ui ⇄ proxy"): `GET /v1/health`, `GET /v1/models`,
 * `POST /v1/images` (JSON, or server-sent events with `Accept: text/event-stream`).
 * Every error answer is `{ error: { code, message, retryable, provider?, retryAfterS? } }`,
 * never a stack trace, a key or image data; an unknown path answers 404 `invalid_request`.
 */
export function createApp(deps: AppDeps): Hono {
  const app = new Hono();
  const log = deps.logLine ?? ((line: string) => process.stderr.write(`${line}\n`));
  const origins = new Set(["null", ...(deps.allowedOrigins ?? [])]);

  // The Figma plugin iframe has the opaque origin "null"; it must be answered explicitly.
  app.use("*", corsForPlugin(origins));
  // Every answer carries X-Request-Id, also written in its log line.
  app.use("*", requestId({ limitLength: 64 }));
  // Web pages cannot spend the keys: foreign origins and non-JSON posts stop here.
  app.use("*", refuseWebPages(origins));
  if (deps.guard) {
    app.use("*", deps.guard.authenticate);
    app.use("/v1/images", deps.guard.limitRequests);
  }

  const unavailableReason = unavailableReasonFor(deps.providers);
  app.route("/", healthRoute(deps.providers));
  app.route("/", modelsRoute(deps.config.catalog, unavailableReason));
  app.route("/", imagesRoute(deps, unavailableReason, log));

  app.notFound((c) =>
    errorResponse(
      c,
      new BrandfillError("invalid_request", `There is no ${c.req.method} ${new URL(c.req.url).pathname} here. The proxy serves /v1/health, /v1/models and /v1/images.`),
      404,
    ),
  );
  app.onError((error, c) => errorResponse(c, asBrandfillError(error)));
  return app;
}
