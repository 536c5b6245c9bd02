// Runs in the plugin iframe (and in Node tests): talks to the brandfill proxy over HTTP.
import * as v from "valibot";
import { ApiErrorBody } from "../core/api/api-error.js";
import type { ImageOutput, ImagesRequest, ImagesResponse, VariantFailure } from "../core/api/images-request.js";
import type { ModelEntry } from "../core/catalog/model-catalog.js";
import { unreachableMessage, type NetworkAccess } from "../core/network/proxy-access.js";

/** A catalog entry as /v1/models returns it. */
/**
 * A model as `GET /v1/models` lists it: the catalog entry, whether this proxy can run it, and
 * `replaces`, the retired ids it stands in for (a recipe naming one regenerates with this model).
 */
export type AvailableModel = ModelEntry & { available: boolean; unavailableReason?: string; replaces?: string[] };

/** An error from the proxy (or from reaching it), with the API's code and a sentence for a designer. */
export class ProxyError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly retryable = false,
    readonly retryAfterS?: number,
  ) {
    super(message);
    this.name = "ProxyError";
  }
}

export interface GenerateCallbacks {
  signal?: AbortSignal;
  /** Partial previews (base64 PNG) while the model works; makes the request stream (SSE). */
  onPartial?: (index: number, pngBase64: string) => void;
  /** Each final image as soon as it arrives (streaming only). */
  onImage?: (index: number, image: ImageOutput) => void;
}

export interface ProxyClient {
  readonly baseUrl: string;
  healthAsync(signal?: AbortSignal): Promise<{ ok: boolean; version: string; providers: Record<string, boolean> }>;
  modelsAsync(signal?: AbortSignal): Promise<AvailableModel[]>;
  /** `POST /v1/images`; streams when callbacks ask for partials. */
  generateAsync(request: ImagesRequest, callbacks?: GenerateCallbacks): Promise<ImagesResponse>;
}

/**
 * A client for the proxy's HTTP API version 1 (ARCHITECTURE.md "ui ⇄ proxy").
 * @param baseUrl e.g. `http://localhost:8787` (no trailing slash needed).
 * @param token bearer token when the proxy requires one (kept in clientStorage, never the document).
 * @param access the built manifest's network access: when given, an unreachable address Figma blocks
 *   is reported as blocked (how to rebuild), not as a stopped proxy.
 */
export function createProxyClient(baseUrl: string, token?: string, fetchImpl: typeof fetch = (...a) => fetch(...a), access?: NetworkAccess): ProxyClient {
  const root = baseUrl.replace(/\/+$/, "");
  const headers = (extra: Record<string, string> = {}) => ({ ...(token ? { Authorization: `Bearer ${token}` } : {}), ...extra });

  async function send(path: string, init: RequestInit): Promise<Response> {
    let response: Response;
    try {
      response = await fetchImpl(`${root}${path}`, init);
    } catch (error) {
      if ((error as Error)?.name === "AbortError" || init.signal?.aborted) throw new ProxyError("cancelled", "Cancelled. Nothing was placed.");
      throw new ProxyError("proxy_unreachable", unreachableMessage(root, access), true);
    }
    if (!response.ok && !(response.headers.get("content-type") ?? "").includes("text/event-stream")) {
      const body = v.safeParse(ApiErrorBody, await response.json().catch(() => null));
      if (body.success) {
        const e = body.output.error;
        throw new ProxyError(e.code, e.message, e.retryable, e.retryAfterS);
      }
      throw new ProxyError("provider_error", `The proxy answered with an error (${response.status}) brandfill could not read.`, response.status >= 500);
    }
    return response;
  }

  return {
    baseUrl: root,
    async healthAsync(signal) {
      return (await (await send("/v1/health", { headers: headers(), ...(signal ? { signal } : {}) })).json()) as Awaited<ReturnType<ProxyClient["healthAsync"]>>;
    },
    async modelsAsync(signal) {
      return ((await (await send("/v1/models", { headers: headers(), ...(signal ? { signal } : {}) })).json()) as { models: AvailableModel[] }).models;
    },
    async generateAsync(request, callbacks = {}) {
      const streaming = Boolean(callbacks.onPartial || callbacks.onImage);
      const response = await send("/v1/images", {
        method: "POST",
        headers: headers({ "Content-Type": "application/json", Accept: streaming ? "text/event-stream" : "application/json" }),
        body: JSON.stringify(request),
        ...(callbacks.signal ? { signal: callbacks.signal } : {}),
      });
      if (!streaming) return (await response.json()) as ImagesResponse;
      try {
        return await readEventStreamAsync(response, callbacks);
      } catch (error) {
        if (callbacks.signal?.aborted) throw new ProxyError("cancelled", "Cancelled. Nothing was placed.");
        throw error;
      }
    },
  };
}

/** Reads the proxy's server-sent events (`partial`, `image`, `error`, `done`) into a response. */
async function readEventStreamAsync(response: Response, callbacks: GenerateCallbacks): Promise<ImagesResponse> {
  const images: (ImageOutput & { index: number })[] = [];
  const failures: VariantFailure[] = [];
  let done: Omit<ImagesResponse, "images" | "failures"> | null = null;
  let fatal: ProxyError | null = null;
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  const handle = (block: string) => {
    let event = "message";
    const data: string[] = [];
    for (const line of block.split("\n")) {
      if (line.startsWith("event:")) event = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
    }
    if (!data.length) return;
    const payload = JSON.parse(data.join("\n"));
    if (event === "partial") callbacks.onPartial?.(payload.index, payload.data);
    else if (event === "image") {
      const image: ImageOutput = {
        data: payload.data,
        mimeType: "image/png",
        width: payload.width,
        height: payload.height,
        ...(payload.lockReport ? { lockReport: payload.lockReport } : {}),
        ...(typeof payload.note === "string" ? { note: payload.note } : {}),
      };
      images.push({ ...image, index: payload.index });
      callbacks.onImage?.(payload.index, image);
    } else if (event === "error") {
      if (typeof payload.index === "number") failures.push({ index: payload.index, code: payload.code, message: payload.message });
      else fatal = new ProxyError(payload.code, payload.message, payload.retryable, payload.retryAfterS);
    } else if (event === "done") done = payload;
  };
  for (;;) {
    const { value, done: ended } = await reader.read();
    if (value) buffer += value.replace(/\r\n/g, "\n");
    let cut: number;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      handle(buffer.slice(0, cut));
      buffer = buffer.slice(cut + 2);
    }
    if (ended) break;
  }
  if (fatal) throw fatal;
  if (!done) throw new ProxyError("provider_error", "The proxy stopped answering before the images were complete. Try again.", true);
  const finished = done as Omit<ImagesResponse, "images" | "failures">;
  return {
    ...finished,
    images: images.sort((a, b) => a.index - b.index).map(({ index: _index, ...image }) => image),
    ...(failures.length ? { failures } : {}),
  };
}
