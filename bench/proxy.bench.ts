// The proxy's own cost per image request, against a provider stand-in that answers at once with a
// canned body: p50/p99 overhead for a 1024² and a 4096² PNG, and the proxy process's peak memory
// for 50 concurrent 4096² requests.
//
// Overhead per request = time inside the app (`app.fetch` of POST /v1/images, handed a Request made
// beforehand, until its Response is ready, with @hono/node-server's Response installed as
// `npm start` does) minus the same provider call made directly with the same SDK, in alternating
// pairs. The provider stand-in answers from
// memory through the SDKs' `fetch` option, both sides parse the same body, and sending the answer
// to the client is left out: the transfer of the image itself is excluded, and what is left is
// the proxy's validation, image checks, answer building and SDK set-up.
import { GoogleGenAI } from "@google/genai";
import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { getRequestListener } from "@hono/node-server";
import { createServer, IncomingMessage, ServerResponse, type Server } from "node:http";
import { Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import OpenAI from "openai";
import sharp from "sharp";
import { createApp } from "../src/proxy/create-app.js";
import { createGeminiProvider } from "../src/proxy/providers/gemini-provider.js";
import { createOfflineProvider } from "../src/proxy/providers/offline-provider.js";
import { createOpenAiProvider } from "../src/proxy/providers/openai-provider.js";
import { loadProxyConfig } from "../src/proxy/proxy-config.js";
import type { BenchRow } from "./bench-row.js";
import { fixturePath } from "../test/fixtures/fixture-path.js";

const KODAK = (n: number) => fixturePath(`kodak/kodim${String(n).padStart(2, "0")}.png`);
const TARGET_P50_MS_1024 = 5;
const CONCURRENT = 50;

/** A photographic PNG of side² px: Kodak photos cover-fitted into 1024² tiles (real model output compresses like a photo). */
async function photoPngAsync(side: number): Promise<Buffer> {
  const tiles = Math.max(1, side / 1024);
  const tile = side / tiles;
  const composites = await Promise.all(
    Array.from({ length: tiles * tiles }, async (_, i) => ({
      input: await sharp(KODAK((i % 24) + 1))
        .resize(tile, tile, { fit: "cover" })
        .png()
        .toBuffer(),
      left: (i % tiles) * tile,
      top: Math.floor(i / tiles) * tile,
    })),
  );
  return sharp({ create: { width: side, height: side, channels: 4, background: "#000" } })
    .composite(composites)
    .png()
    .toBuffer();
}

/** Wall time of one call, in ms. */
async function elapsedMsAsync(work: () => Promise<unknown>): Promise<number> {
  const t0 = performance.now();
  await work();
  return performance.now() - t0;
}

/**
 * One pair of timings, [direct ms, side ms]: the measured side and a direct call, alternating
 * which goes first (odd `i`: the direct call) so neither always pays for the other's garbage.
 */
async function timePairAsync(i: number, side: () => Promise<number>, direct: () => Promise<number>): Promise<[number, number]> {
  if (i % 2) {
    const d = await direct();
    return [d, await side()];
  }
  const a = await side();
  return [await direct(), a];
}

/** p-th percentile (0–100) of a list, nearest rank. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

/**
 * What a provider stand-in answers at once: OpenAI `images/generations` with the 1024² PNG,
 * Gemini `generateContent` with the PNG of the asked `imageSize` (1K → 1024², 4K → 4096²).
 * Bodies are built once.
 */
function cannedAnswers(pngs: { "1K": Buffer; "4K": Buffer }): (url: string, requestBody: string) => Buffer {
  const openAiBody = Buffer.from(
    JSON.stringify({
      created: 1,
      data: [{ b64_json: pngs["1K"].toString("base64") }],
      size: "1024x1024",
      quality: "low",
      output_format: "png",
      usage: { input_tokens: 8, input_tokens_details: { text_tokens: 8, image_tokens: 0 }, output_tokens: 272, total_tokens: 280 },
    }),
  );
  const geminiBody = (png: Buffer) =>
    Buffer.from(
      JSON.stringify({
        candidates: [{ content: { role: "model", parts: [{ inlineData: { mimeType: "image/png", data: png.toString("base64") } }] }, finishReason: "STOP", index: 0 }],
        usageMetadata: { promptTokenCount: 8, candidatesTokenCount: 1120, totalTokenCount: 1128 },
        modelVersion: "gemini-3-pro-image",
      }),
    );
  const gemini = { "1K": geminiBody(pngs["1K"]), "4K": geminiBody(pngs["4K"]) };
  return (url, requestBody) => (url.endsWith("/images/generations") ? openAiBody : gemini[requestBody.includes('"imageSize":"4K"') ? "4K" : "1K"]);
}

/** The stand-in over HTTP on loopback, for the real proxy process of the memory measurement. */
async function startCannedProviderAsync(answer: ReturnType<typeof cannedAnswers>): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = answer(req.url ?? "", Buffer.concat(chunks).toString());
      res.writeHead(200, { "content-type": "application/json", "content-length": String(body.length) }).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/** The stand-in as a `fetch` answering from memory: no socket, so no transfer and no I/O noise in the timings. */
function cannedFetch(answer: ReturnType<typeof cannedAnswers>): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const body = answer(url, typeof init?.body === "string" ? init.body : "");
    return new Response(body, { status: 200, headers: { "content-type": "application/json" } });
  };
}

const ENV = (provider: string) => ({
  OPENAI_API_KEY: "sk-bench",
  OPENAI_BASE_URL: `${provider}/v1`,
  GEMINI_API_KEY: "bench-key",
  GOOGLE_GEMINI_BASE_URL: provider,
  BRANDFILL_LOG: "0",
});

/**
 * Overhead rows for one request shape: the direct SDK call and the same request through the app,
 * interleaved. The reference, a bare base64 decode + encode of the image, is timed in place: right
 * after a direct call, on the base64 string that call just parsed from the answer, as the proxy
 * works on it (a tight loop over one string, cache-warm, is printed as its own row). It is not a
 * difference of two direct calls: at 4096² their jitter (garbage collection in a 160 ms call) is
 * larger than the 20–40 ms being measured, and such a difference once came out below zero.
 */
async function overheadRowsAsync(
  label: string,
  runs: number,
  png: Buffer,
  direct: () => Promise<unknown>,
  imageOf: (answer: unknown) => string,
  viaApp: () => () => Promise<Response>,
  targetMs: number | undefined,
): Promise<BenchRow[]> {
  // Warm-up, and a check that the proxy really answers with the provider's image.
  for (let i = 0; i < 3; i++) {
    await direct();
    const answer = (await (await viaApp()()).json()) as { images: { data: string; width: number }[] };
    if (answer.images[0]?.data !== png.toString("base64")) throw new Error(`${label}: the proxy did not answer with the provider's image.`);
  }
  const directMs: number[] = [];
  const overheadMs: number[] = [];
  const timeDirect = () => elapsedMsAsync(direct);
  const timeApp = async () => {
    const send = viaApp();
    const t0 = performance.now();
    const response = await send();
    const ms = performance.now() - t0;
    // Sending the answer is the transfer of the image itself: left out (the body is streamed, so none of it was made yet).
    await response.body?.cancel();
    return ms;
  };
  // A request's overhead is its time through the app minus its pair's direct call.
  const timeReference = async () => {
    const image = imageOf(await direct());
    const t0 = performance.now();
    Buffer.from(image, "base64").toString("base64");
    return performance.now() - t0;
  };
  const refs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const [d, a] = await timePairAsync(i, timeApp, timeDirect);
    directMs.push(d);
    overheadMs.push(a - d);
    refs.push(await timeReference());
  }
  const ref = percentile(refs, 50);
  // The same decode + encode in a tight loop over one string (cache-warm): shown for comparison.
  const b64 = png.toString("base64");
  const hot: number[] = [];
  for (let i = 0; i < Math.max(runs, 20); i++) {
    const t0 = performance.now();
    Buffer.from(b64, "base64").toString("base64");
    hot.push(performance.now() - t0);
  }
  const p50 = percentile(overheadMs, 50);
  const p99 = percentile(overheadMs, 99);
  const mb = (png.length / 1048576).toFixed(1);
  const pass = p50 <= 2 * ref && (targetMs === undefined || p50 <= targetMs);
  return [
    {
      name: `proxy overhead p50, ${label} (${mb} MB PNG; direct call ${percentile(directMs, 50).toFixed(0)} ms)`,
      value: p50,
      unit: "ms",
      referenceName: "base64 decode+encode of the answer's image",
      reference: ref,
      target: targetMs === undefined ? "≤ 2× reference" : `≤ ${targetMs} ms and ≤ 2× reference`,
      pass,
    },
    {
      name: `proxy overhead p99, ${label} (direct call ${percentile(directMs, 99).toFixed(0)} ms)`,
      value: p99,
      unit: "ms",
      referenceName: "base64 decode+encode of the answer's image",
      reference: ref,
    },
    {
      name: `  base64 decode+encode of the same PNG, tight loop over one string`,
      value: percentile(hot, 50),
      unit: "ms",
      referenceName: "base64 decode+encode of the answer's image",
      reference: ref,
    },
  ];
}

type NodeListener = (incoming: IncomingMessage, outgoing: ServerResponse) => unknown;

/**
 * One POST /v1/images through a Node request listener, as `npm start` serves it but without a
 * socket: a ready IncomingMessage (headers and JSON body already read off the wire) and a
 * ServerResponse. Resolves with the ms until the answer's head is written; the body (the
 * transfer of the image) is never produced, the response is closed at once.
 */
function timeThroughListener(listener: NodeListener, body: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const incoming = new IncomingMessage(new Socket());
    incoming.method = "POST";
    incoming.url = "/v1/images";
    incoming.headers = { host: "proxy.local", "content-type": "application/json", "content-length": String(Buffer.byteLength(body)), origin: "null" };
    incoming.rawHeaders = Object.entries(incoming.headers).flat() as string[];
    incoming.push(body);
    incoming.push(null);
    const outgoing = new ServerResponse(incoming);
    const writeHead = outgoing.writeHead.bind(outgoing) as (...args: unknown[]) => ServerResponse;
    const t0 = performance.now();
    (outgoing as unknown as { writeHead: (...args: unknown[]) => ServerResponse }).writeHead = (...args) => {
      const ms = performance.now() - t0;
      const done = writeHead(...args);
      outgoing.destroy();
      if (args[0] === 200) resolve(ms);
      else reject(new Error(`the listener answered ${String(args[0])}`));
      return done;
    };
    Promise.resolve(listener(incoming, outgoing)).catch(reject);
  });
}

/**
 * The same request through the whole server path, for comparison with the app-level rows: the
 * proxy under @hono/node-server's request listener, and a bare node:http handler that reads the
 * body, makes the same SDK call and writes a small answer (no framework, no checks, no CORS): what
 * any Node server making this call pays. Both minus their paired direct call, p50; no target.
 */
async function listenerRowsAsync(appListener: NodeListener, direct: () => Promise<unknown>, body: string, reference: number): Promise<BenchRow[]> {
  const bare: NodeListener = async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    JSON.parse(Buffer.concat(chunks).toString());
    await direct();
    outgoing.writeHead(200, { "content-type": "application/json" });
    outgoing.end("{}");
  };
  const timeDirect = () => elapsedMsAsync(direct);
  const overhead = async (listener: NodeListener, runs: number) => {
    for (let i = 0; i < 20; i++) await timeThroughListener(listener, body);
    const differences: number[] = [];
    for (let i = 0; i < runs; i++) {
      const [d, a] = await timePairAsync(i, () => timeThroughListener(listener, body), timeDirect);
      differences.push(a - d);
    }
    return percentile(differences, 50);
  };
  const referenceName = "base64 decode+encode of the answer's image";
  return [
    { name: "  the same through @hono/node-server's request listener (HTTP adaptation included)", value: await overhead(appListener, 300), unit: "ms", referenceName, reference },
    { name: "  a bare node:http handler making the same call (no framework, checks or CORS)", value: await overhead(bare, 300), unit: "ms", referenceName, reference },
  ];
}

/** Free TCP port on loopback (the proxy reads PORT and refuses 0). */
async function freePortAsync(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** Resident set of a process from /proc (Linux), in MB. `VmHWM` is its peak since the last reset. */
function procMemoryMb(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? NaN);
  return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
}

/**
 * Peak memory of the real proxy process (`src/proxy/start-proxy.ts` in a child process) while
 * it serves 50 concurrent 4096² Gemini requests, against the size of one copy of each answer.
 */
async function memoryRowsAsync(provider: string, answerBase64Bytes: number): Promise<BenchRow[]> {
  const port = await freePortAsync();
  const child = spawn(process.execPath, ["--import", "tsx", "src/proxy/start-proxy.ts"], {
    cwd: fileURLToPath(new URL("..", import.meta.url)),
    env: { ...process.env, ...ENV(provider), PORT: String(port), HOST: "127.0.0.1", BRANDFILL_RATE_PER_MIN: "0", BRANDFILL_MAX_CONCURRENT: "0", BRANDFILL_TOKEN: "" },
    stdio: ["ignore", "ignore", "pipe"],
  });
  try {
    await new Promise<void>((resolve, reject) => {
      let text = "";
      child.stderr!.on("data", (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes("listening on")) resolve();
      });
      child.once("exit", (code) => reject(new Error(`the proxy exited (${code}): ${text}`)));
    });
    const url = `http://127.0.0.1:${port}/v1/images`;
    const one = () =>
      fetch(url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ model: "gemini-3-pro-image", prompt: "a photo", width: 4096, height: 4096 }),
      }).then(async (r) => {
        if (r.status !== 200) throw new Error(`proxy answered ${r.status}: ${(await r.text()).slice(0, 200)}`);
        // Read and drop, so the client holds at most one body at a time per request.
        for await (const _ of r.body!) void _;
      });
    // Warm up, let the heap settle, reset the peak (Linux `clear_refs` "5" resets VmHWM), then 50 at once.
    await one();
    await one();
    await new Promise((r) => setTimeout(r, 300));
    const before = procMemoryMb(child.pid!).rss;
    writeFileSync(`/proc/${child.pid}/clear_refs`, "5");
    const t0 = performance.now();
    await Promise.all(Array.from({ length: CONCURRENT }, one));
    const wallMs = performance.now() - t0;
    const peak = procMemoryMb(child.pid!).peak - before;
    const copyMb = answerBase64Bytes / 1048576;
    return [
      {
        name: `proxy peak RSS growth, ${CONCURRENT} concurrent 4096² requests (${(wallMs / 1000).toFixed(1)} s)`,
        value: peak,
        unit: "MB",
        referenceName: `one copy of each answer's base64, ${CONCURRENT} × ${copyMb.toFixed(1)} MB`,
        reference: CONCURRENT * copyMb,
      },
    ];
  } finally {
    child.kill("SIGKILL");
  }
}

export default async function (): Promise<BenchRow[]> {
  const pngs = { "1K": await photoPngAsync(1024), "4K": await photoPngAsync(4096) };
  const answer = cannedAnswers(pngs);
  const inMemory = cannedFetch(answer);
  const config = loadProxyConfig(ENV("http://provider.invalid"));
  const providers = {
    offline: createOfflineProvider(),
    openai: createOpenAiProvider({ ...config.openai!, fetch: inMemory }),
    gemini: createGeminiProvider({ ...config.gemini!, fetch: inMemory }),
  };
  const app = createApp({ config, providers, logLine: () => undefined });
  const openai = new OpenAI({ apiKey: "sk-bench", baseURL: config.openai!.baseURL!, maxRetries: 0, fetch: inMemory });
  const gemini = new GoogleGenAI({ apiKey: "bench-key", httpOptions: { baseUrl: config.gemini!.baseUrl!, fetch: inMemory } });
  // As under `npm start`: @hono/node-server's Request/Response globals, whose string bodies are
  // written to the socket as they are instead of being encoded when the Response is made.
  const appListener = getRequestListener(app.fetch);
  // With Content-Length, as the panel's fetch and any HTTP client send a JSON body. The Request
  // is made before the clock starts: it is the client's object, and under `npm start` the app is
  // handed @hono/node-server's lazy request over the socket instead, which builds no Request,
  // Headers or body stream unless asked (its `json()` reads the socket directly); timing a full
  // Fetch Request here would charge the proxy for work it never does.
  const throughApp = (body: object) => () => {
    const text = JSON.stringify(body);
    const headers = { "Content-Type": "application/json", "Content-Length": String(Buffer.byteLength(text)) };
    const request = new Request("http://proxy.local/v1/images", { method: "POST", headers, body: text });
    return async () => {
      const response = await app.fetch(request);
      if (response.status !== 200) throw new Error(`proxy answered ${response.status}: ${(await response.text()).slice(0, 300)}`);
      return response;
    };
  };
  const geminiDirect = (imageSize: "1K" | "4K") => () =>
    gemini.models.generateContent({
      model: "gemini-3-pro-image",
      contents: [{ role: "user", parts: [{ text: "a photo" }] }],
      config: { responseModalities: ["IMAGE"], imageConfig: { aspectRatio: "1:1", imageSize } },
    });
  const openAiImage = (answer: unknown) => (answer as OpenAI.ImagesResponse).data![0]!.b64_json!;
  const geminiImage = (answer: unknown) =>
    (answer as { candidates: { content: { parts: { inlineData: { data: string } }[] } }[] }).candidates[0]!.content.parts[0]!.inlineData.data;
  const openAiDirect = () => openai.images.generate({ model: "gpt-image-2", prompt: "a photo", n: 1, size: "1024x1024", quality: "low", output_format: "png" });
  const openAiRequest = { model: "gpt-image-2", prompt: "a photo", width: 1024, height: 1024, quality: "low" };
  const openAiRows = await overheadRowsAsync("openai gpt-image-2 1024²", 400, pngs["1K"], openAiDirect, openAiImage, throughApp(openAiRequest), TARGET_P50_MS_1024);
  const rows = [
    ...openAiRows.slice(0, 2),
    ...(await listenerRowsAsync(appListener, openAiDirect, JSON.stringify(openAiRequest), openAiRows[0]!.reference!)),
    ...openAiRows.slice(2),
    ...(await overheadRowsAsync(
      "gemini 1024²",
      400,
      pngs["1K"],
      geminiDirect("1K"),
      geminiImage,
      throughApp({ model: "gemini-3-pro-image", prompt: "a photo", width: 1024, height: 1024 }),
      TARGET_P50_MS_1024,
    )),
    ...(await overheadRowsAsync(
      "gemini 4096²",
      60,
      pngs["4K"],
      geminiDirect("4K"),
      geminiImage,
      throughApp({ model: "gemini-3-pro-image", prompt: "a photo", width: 4096, height: 4096 }),
      undefined,
    )),
  ];
  const canned = await startCannedProviderAsync(answer);
  try {
    rows.push(...(await memoryRowsAsync(canned.url, Math.ceil(pngs["4K"].length / 3) * 4)));
  } finally {
    canned.server.closeAllConnections();
    await new Promise<void>((resolve) => canned.server.close(() => resolve()));
  }
  return rows;
}
