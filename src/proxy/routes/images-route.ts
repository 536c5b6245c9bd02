import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { streamSSE } from "hono/streaming";
import { BrandfillError } from "../../core/api/api-error.js";
import type { ImageOutput, ImagesResponse } from "../../core/api/images-request.js";
import type { AppDeps } from "../app-deps.js";
import { checkInputImagesAsync } from "../check-png-inflate.js";
import { chunkTextPieces } from "../chunk-text-pieces.js";
import { finishImageAsync, type FinishedImage } from "../finish-image.js";
import { planProviderSize } from "../plan-provider-size.js";
import { type PreparedCall, prepareProviderCall } from "../prepare-provider-call.js";
import type { ImageProvider, ProviderCall, ProviderImage, ProviderResult } from "../providers/image-provider.js";
import { requestAbort } from "../request-abort.js";
import { sharpPngCodec } from "../sharp-png-codec.js";
import { asBrandfillError } from "./as-brandfill-error.js";
import { errorResponse } from "./error-response.js";
import type { UnavailableReason } from "./unavailable-reason.js";

/**
 * `POST /v1/images`: one generation or edit request (`ImagesRequest`, JSON). Answers `ImagesResponse`
 * as JSON, or server-sent events (`partial`, `image`, `error`, `done`) with `Accept: text/event-stream`.
 * Bodies over `config.maxBodyBytes` answer 413 `payload_too_large` and close the connection; every
 * other error is a `BrandfillError` body (invalid request, unavailable or retired model, provider
 * failures), logged as one JSON line when `config.log` is on.
 *
 * @param deps the app's dependencies (`createApp`'s).
 * @param unavailableReason why a catalog model cannot be used on this proxy, or null when it can.
 * @param log writes one request log line (used when `config.log` is on).
 */
export function imagesRoute(deps: AppDeps, unavailableReason: UnavailableReason, log: (line: string) => void): Hono {
  const route = new Hono();
  route.post(
    "/v1/images",
    bodyLimit({
      maxSize: deps.config.maxBodyBytes,
      onError: (c) => {
        // The rest of the body is never read, so this connection cannot carry another request.
        c.header("Connection", "close");
        return errorResponse(
          c,
          new BrandfillError(
            "payload_too_large",
            `The request is larger than the proxy accepts (${Math.round(deps.config.maxBodyBytes / 1048576)} MB). Use smaller or fewer images.`,
          ),
        );
      },
    }),
    async (c) => {
      const started = performance.now();
      let model = "";
      const finish = (status: number, costUsd: number | null = null) => {
        if (deps.config.log)
          log(
            JSON.stringify({
              at: new Date().toISOString(),
              requestId: c.get("requestId"),
              token: c.get("tokenId"),
              route: "POST /v1/images",
              model,
              status,
              latencyMs: Math.round(performance.now() - started),
              costUsd,
            }),
          );
      };
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        finish(400);
        return errorResponse(c, new BrandfillError("invalid_request", "The request body is not valid JSON."));
      }
      let prepared: PreparedCall;
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
        const note = plan.note;
        return note ? finished.then((f) => ({ ...f, note })) : finished;
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
          const queue = (write: () => Promise<void>) => {
            pending = pending.then(write);
          };
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
              onFailure: (failure) => {
                failed.add(failure.index);
                queue(() => send("error", { ...failure, retryable: false }));
              },
            });
            await pending;
            for (const failure of result.failures) if (!failed.has(failure.index)) await send("error", { ...failure, retryable: false });
            await send("done", {
              usage: result.usage,
              costUsd: result.costUsd,
              latencyMs: Math.round(performance.now() - started),
              providerRequest: result.providerRequest,
              ...base,
            });
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

  return route;
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
