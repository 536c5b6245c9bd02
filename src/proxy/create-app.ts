import { Hono, type Context } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import { streamSSE } from "hono/streaming";
import { BrandfillError } from "../core/api/api-error.js";
import type { ImageOutput, ImagesResponse } from "../core/api/images-request.js";
import type { ModelEntry } from "../core/catalog/model-catalog.js";
import { RETIRED_MODELS } from "../core/catalog/retired-models.js";
import type { ImageProvider, ProviderCall, ProviderImage, ProviderResult } from "./providers/image-provider.js";
import { PROVIDER_NAMES } from "./providers/provider-error.js";
import { chunkTextPieces } from "./chunk-text-pieces.js";
import { corsForPlugin } from "./cors-for-plugin.js";
import { refuseWebPages } from "./refuse-web-pages.js";
import { prepareProviderCall } from "./prepare-provider-call.js";
import { checkInputImagesAsync } from "./check-png-inflate.js";
import { requestAbort } from "./request-abort.js";
import { planProviderSize } from "./plan-provider-size.js";
import { finishImageAsync, type FinishedImage } from "./finish-image.js";
import { sharpPngCodec } from "./sharp-png-codec.js";
import type { LockAsync } from "./lock-palette-pool.js";
import type { PngCodec } from "../core/raster/png-codec-type.js";
import type { ProxyConfig } from "./proxy-config.js";
import type { RequestGuard } from "./limits/create-request-guard.js";

/** The proxy's API version, reported by /v1/health. */
export const PROXY_VERSION = "1.0.0";

export interface AppDeps {
  config: Pick<ProxyConfig, "catalog" | "deadlineMs" | "maxBodyBytes" | "log">;
  /** Configured providers by id; `offline` is always present. */
  providers: Partial<Record<"openai" | "gemini", ImageProvider>> & { offline: ImageProvider };
  /** Extra CORS origins besides the plugin iframe's `null`. */
  allowedOrigins?: readonly string[];
  /** Where request log lines go (default stderr). */
  logLine?: (line: string) => void;
  /** Tokens, rate and concurrency limits, monthly budget (`createRequestGuard`); none when absent. */
  guard?: RequestGuard;
  /** Codec for the images the proxy fits or palette-locks (default: sharp, off the event loop). */
  pngCodec?: PngCodec;
  /** Runs the palette lock (`lockPalette: true`): start-proxy.ts passes its worker pool; default on this thread. */
  lockAsync?: LockAsync;
}

/**
 * The proxy as a Hono app: the same app object runs under Node (`@hono/node-server`, see
 * `start-proxy.ts`) and on serverless runtimes that speak the Fetch API.
 *
 * Routes (ARCHITECTURE.md, "ui ⇄ proxy"): `GET /v1/health`, `GET /v1/models`,
 * `POST /v1/images` (JSON, or server-sent events with `Accept: text/event-stream`).
 * Every error answer is `{ error: { code, message, retryable, provider?, retryAfterS? } }`,
 * never a stack trace, a key or image data.
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

  const unavailableReason = (model: ModelEntry): string | null => {
    if (model.provider === "offline" || deps.providers[model.provider]) return null;
    const key = model.provider === "openai" ? "OPENAI_API_KEY" : "GEMINI_API_KEY";
    return `${model.label} needs ${PROVIDER_NAMES[model.provider]} access on the proxy: set ${key} where the proxy runs.`;
  };

  app.get("/v1/health", (c) =>
    c.json({ ok: true, version: PROXY_VERSION, providers: { openai: Boolean(deps.providers.openai), gemini: Boolean(deps.providers.gemini), offline: true } }),
  );

  // Each model lists the retired ids it replaces, so a client can move an old recipe onto it
  // without carrying the retirement table (the panel's bundle is at its budget).
  const replaces = (id: string) => Object.entries(RETIRED_MODELS).flatMap(([old, r]) => (r.replacement === id ? [old] : []));
  app.get("/v1/models", (c) =>
    c.json({
      models: deps.config.catalog.map((m) => {
        const reason = unavailableReason(m);
        const old = replaces(m.id);
        return { ...m, available: reason === null, ...(reason ? { unavailableReason: reason } : {}), ...(old.length ? { replaces: old } : {}) };
      }),
    }),
  );

  app.post(
    "/v1/images",
    bodyLimit({
      maxSize: deps.config.maxBodyBytes,
      onError: (c) => {
        // The rest of the body is never read, so this connection cannot carry another request.
        c.header("Connection", "close");
        return errorResponse(c, new BrandfillError("payload_too_large", `The request is larger than the proxy accepts (${Math.round(deps.config.maxBodyBytes / 1048576)} MB). Use smaller or fewer images.`));
      },
    }),
    async (c) => {
      const started = performance.now();
      let model = "";
      const finish = (status: number, costUsd: number | null = null) => {
        if (deps.config.log) log(JSON.stringify({ at: new Date().toISOString(), requestId: c.get("requestId"), token: c.get("tokenId"), route: "POST /v1/images", model, status, latencyMs: Math.round(performance.now() - started), costUsd }));
      };
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        finish(400);
        return errorResponse(c, new BrandfillError("invalid_request", "The request body is not valid JSON."));
      }
      let prepared;
      let provider: ImageProvider;
      try {
        prepared = prepareProviderCall(body, deps.config.catalog, unavailableReason);
        // A PNG whose data inflates past its header (a decompression bomb) is refused here, off the event loop.
        await checkInputImagesAsync(prepared);
        model = prepared.model.id;
        const chosen = prepared.model.provider === "offline" ? deps.providers.offline : deps.providers[prepared.model.provider]!;
        // The budget is reserved before the provider is called; the wrapper settles it with the real cost.
        provider = deps.guard ? await deps.guard.chargeAsync(c, prepared, chosen) : chosen;
      } catch (error) {
        const e = asBrandfillError(error);
        finish(e.status);
        return errorResponse(c, e);
      }
      // One deadline for the whole request, retries included; a client going away aborts too.
      const abort = requestAbort(c.req.raw.signal, deps.config.deadlineMs);
      // (`prepared.finish` rides along unused by providers: copying the rest out would cost every request.)
      const call: ProviderCall = { ...prepared, signal: abort.signal, deadlineAt: Date.now() + deps.config.deadlineMs };
      // Fit and palette lock, when asked, on each final image (never on partial previews); a
      // picture of another size than asked is resampled and used, with a note where it was
      // smaller or of another shape (issue 15: the provider has billed for it).
      const finishing = prepared.finish;
      const finishOne = (image: ProviderImage): Promise<FinishedImage> | FinishedImage => {
        const plan = planProviderSize(prepared.size, image, finishing);
        if (!plan.finish) return image;
        const finished = finishImageAsync(image, plan.finish, deps.pngCodec ?? sharpPngCodec, deps.lockAsync);
        return plan.note ? finished.then((f) => ({ ...f, note: plan.note })) : finished;
      };
      const base = { model: prepared.model.id, provider: provider.id, watermark: prepared.model.watermark } as const;

      if ((c.req.header("accept") ?? "").includes("text/event-stream")) {
        return streamSSE(c, async (stream) => {
          const send = (event: string, data: unknown) => stream.writeSSE({ event, data: JSON.stringify(data) });
          // Image events are written in pieces: writeSSE would split tens of megabytes of base64 by line.
          const sendImage = async (event: string, json: string[]) => {
            for (const chunk of chunkTextPieces([`event: ${event}\ndata: `, ...json, "\n\n"])) await stream.write(chunk);
          };
          let pending = Promise.resolve();
          const queue = (write: () => Promise<void>) => { pending = pending.then(write); };
          // Variants are announced as they finish or fail (completion order), each with its index.
          const failed = new Set<number>();
          try {
            const result = await provider.runAsync({
              ...call,
              onPartial: (index, preview) => queue(() => sendImage("partial", jsonPieces({ data: imageOutput(preview).data, index }))),
              onImage: (index, image) =>
                queue(async () => {
                  let finished: FinishedImage;
                  try {
                    finished = await finishOne(image);
                  } catch (error) {
                    // A picture that cannot be finished fails its own variant, not the others.
                    const e = asBrandfillError(error);
                    failed.add(index);
                    return send("error", { index, code: e.code, message: e.message, retryable: false });
                  }
                  return sendImage("image", jsonPieces({ ...imageOutput(finished), index }));
                }),
              onFailure: (failure) => { failed.add(failure.index); queue(() => send("error", { ...failure, retryable: false })); },
            });
            await pending;
            for (const failure of result.failures) if (!failed.has(failure.index)) await send("error", { ...failure, retryable: false });
            await send("done", { usage: result.usage, costUsd: result.costUsd, latencyMs: Math.round(performance.now() - started), providerRequest: result.providerRequest, ...base });
            finish(200, result.costUsd);
          } catch (error) {
            const e = asBrandfillError(error);
            await pending.catch(() => undefined);
            if (!stream.aborted) await send("error", e.toBody().error);
            finish(e.status);
          } finally {
            abort.release();
          }
        });
      }

      let result: ProviderResult;
      let images: FinishedImage[];
      try {
        result = await provider.runAsync(call);
        const outs = result.images.map(finishOne);
        images = outs.some((o) => o instanceof Promise) ? await Promise.all(outs) : (outs as FinishedImage[]);
      } catch (error) {
        const e = asBrandfillError(error);
        finish(e.status);
        return errorResponse(c, e);
      } finally {
        abort.release();
      }
      const response: ImagesResponse = {
        images: images.map(imageOutput),
        ...base,
        usage: result.usage,
        costUsd: result.costUsd,
        latencyMs: Math.round(performance.now() - started),
        providerRequest: result.providerRequest,
        ...(result.failures.length ? { failures: result.failures } : {}),
      };
      finish(200, result.costUsd);
      // Streamed as the client reads: the images' base64 is never joined, copied or encoded whole.
      const { images: outputs, ...rest } = response;
      const pieces = ['{"images":[', ...outputs.flatMap((image, i) => [i ? "," : "", ...jsonPieces(image)]), `],${JSON.stringify(rest).slice(1)}`];
      const chunks = chunkTextPieces(pieces);
      // No chunk is made before the client asks for one (high-water mark 0): encoding the answer
      // for the socket is the transfer of the image, paid as the socket drains.
      const answer = new ReadableStream<Uint8Array>(
        {
          pull(controller) {
            const next = chunks.next();
            if (next.done) controller.close();
            else controller.enqueue(next.value);
          },
        },
        { highWaterMark: 0 },
      );
      return c.body(answer, 200, { "Content-Type": "application/json" });
    },
  );

  app.notFound((c) => errorResponse(c, new BrandfillError("invalid_request", `There is no ${c.req.method} ${new URL(c.req.url).pathname} here. The proxy serves /v1/health, /v1/models and /v1/images.`), 404));
  app.onError((error, c) => errorResponse(c, asBrandfillError(error)));
  return app;
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("base64");
}

/** An image as the API returns it; the provider's own base64 is reused when it has one (no second encode). */
function imageOutput(image: FinishedImage): ImageOutput {
  const output: ImageOutput = { data: image.base64 ?? toBase64(image.png), mimeType: "image/png", width: image.width, height: image.height };
  if (image.lockReport) output.lockReport = image.lockReport;
  if (image.note) output.note = image.note;
  return output;
}

/**
 * `JSON.stringify` of an object whose `data` is base64, as pieces to concatenate: the base64
 * (tens of megabytes at 4096²) has nothing to escape in JSON, so it is its own piece, never
 * walked by `JSON.stringify` nor copied into a bigger string.
 */
function jsonPieces(value: { data: string; [key: string]: unknown }): string[] {
  const { data, ...rest } = value;
  const tail = JSON.stringify(rest);
  return ['{"data":"', data, tail === "{}" ? '"}' : `",${tail.slice(1)}`];
}

/** Anything thrown becomes a BrandfillError; unknown errors get a generic sentence, never their text. */
function asBrandfillError(error: unknown): BrandfillError {
  if (error instanceof BrandfillError) return error;
  return new BrandfillError("provider_error", "Something went wrong in the proxy while making the image. Try again.", { cause: error, retryable: true });
}

function errorResponse(c: Context, error: BrandfillError, status: number = error.status) {
  if (error.retryAfterS !== undefined) c.header("Retry-After", String(error.retryAfterS));
  return c.json(error.toBody(), status as 400);
}
