// Load on two proxy instances behind one (imaginary) load balancer: 200 concurrent image requests
// against a provider emulator that takes 1 s per answer, the instances sharing their limits through
// Redis (in memory when redis-server is missing, which the row names say). Each instance is the real
// thing — `src/proxy/start-proxy.ts` in its own Node process, configured only by environment
// variables — so its peak memory (VmHWM) is its own. Reference: the same 200 requests sent straight
// to the emulator in this run. Per request, the proxy's overhead is its answer time less the
// emulator's 1 s (p50, p99); meanwhile a separate process asks both instances for `GET /v1/health`
// in a loop and reports its slowest answer (issue 18: under 100 ms, it was 1.9 s). The same probe
// runs on a third instance during a 4096² offline inpaint and during a 1 GiB decompression bomb.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { startGeminiEmulator } from "../test/emulators/index.js";
import { pngBomb } from "../test/proxy/png-bomb.js";
import { freePortAsync, redisSkipReason, startRedisServerAsync, type RedisServer } from "../test/proxy/start-redis-server.js";
import type { BenchRow } from "./bench-row.js";

const CONCURRENT = 200;
const LATENCY_MS = 1000;
/** Extra requests per instance once the shared per-minute limit is used up: all must be refused. */
const OVER_LIMIT = 10;
const TOKEN = "bench-load-token-3c9e1f0a7b2d";
const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** The request: Gemini at its 512 tier, so the emulator's own image work stays small next to the 1 s wait. */
const MODEL = "gemini-3.1-flash-lite-image";
const BODY = { model: MODEL, prompt: "a lighthouse at dusk", width: 256, height: 256 };

/** Starts `start-proxy.ts` as `npm run proxy` does, with only environment variables; resolves once it listens. */
async function startProxyProcessAsync(env: Record<string, string>): Promise<{ url: string; child: ChildProcess }> {
  const port = await freePortAsync();
  const child = spawn(process.execPath, ["--import", join(ROOT, "node_modules/tsx/dist/esm/index.mjs"), join(ROOT, "src/proxy/start-proxy.ts")], {
    cwd: mkdtempSync(join(tmpdir(), "brandfill-load-")), // no .env here
    env: { PATH: process.env.PATH ?? "", PORT: String(port), HOST: "127.0.0.1", BRANDFILL_LOG: "0", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  await new Promise<void>((resolve, reject) => {
    child.stderr!.on("data", (d: Buffer) => {
      err += d.toString();
      if (err.includes("listening on")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`proxy exited with ${code}: ${err}`)));
  });
  return { url: `http://127.0.0.1:${port}`, child };
}

/** Peak resident memory of a process in MB (Linux `VmHWM`). */
function peakRssMb(pid: number): number {
  const kb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? NaN);
  return kb / 1024;
}

/** Fires all requests at once; returns statuses, each request's time (ms) and the wall time until the last answer was read. */
async function burstAsync(send: (i: number) => Promise<Response>, count: number): Promise<{ statuses: number[]; times: number[]; ms: number }> {
  const t0 = performance.now();
  const answers = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const started = performance.now();
      const response = await send(i);
      await response.arrayBuffer();
      return { status: response.status, ms: performance.now() - started };
    }),
  );
  return { statuses: answers.map((a) => a.status), times: answers.map((a) => a.ms), ms: performance.now() - t0 };
}

/** The q-quantile (0–1) of some numbers, nearest rank. */
function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

// The health probe: its own Node process, so the bench's own 200 answers never delay its clock.
// It asks each URL in turn, one request at a time, every 10 ms, until its stdin closes, then prints
// the slowest answer in ms and how many it got.
const PROBE = `
const urls = process.argv.slice(1);
let worst = 0, count = 0, stop = false;
process.stdin.on("end", () => { stop = true; }).resume();
while (!stop) {
  for (const url of urls) {
    const t = performance.now();
    const r = await fetch(url);
    await r.arrayBuffer();
    if (r.status !== 200) throw new Error("health answered " + r.status);
    // The first three answers (connection set-up, the probe's own start) are not counted.
    if (++count > 3) worst = Math.max(worst, performance.now() - t);
    if (count === 3) process.stdout.write("ready\\n");
  }
  await new Promise((resolve) => setTimeout(resolve, 10));
}
console.log(JSON.stringify({ worst, count: count - 3 }));`;

/** Starts the health probe on `urls`; `stopAsync` ends it and resolves with its slowest answer (ms). */
async function startHealthProbeAsync(urls: string[]): Promise<{ stopAsync(): Promise<{ worst: number; count: number }> }> {
  const child = spawn(process.execPath, ["--input-type=module", "-e", PROBE, ...urls.map((u) => `${u}/v1/health`)], { stdio: ["pipe", "pipe", "inherit"] });
  let out = "";
  // The work starts once the probe is answering (its first answers are not measured).
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("ready\n")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`health probe exited with ${code}`)));
  });
  return {
    async stopAsync() {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.stdin!.end();
      await exited;
      return JSON.parse(out.slice(out.indexOf("ready\n") + 6)) as { worst: number; count: number };
    },
  };
}

/**
 * Runs `work` while one probe asks `urls` for their health and another asks `idleUrls` (instances
 * with nothing to do: the same run's reference, which shows how much of a slow answer is the
 * machine rather than the proxy). Resolves with the work's result and both slowest answers (ms).
 */
async function whileProbingAsync<T>(
  urls: string[],
  idleUrls: string[],
  work: () => Promise<T>,
): Promise<{ result: T; worstHealthMs: number; idleWorstMs: number; probes: number }> {
  const [probe, idle] = await Promise.all([startHealthProbeAsync(urls), startHealthProbeAsync(idleUrls)]);
  const result = await work();
  const [busy, quiet] = await Promise.all([probe.stopAsync(), idle.stopAsync()]);
  return { result, worstHealthMs: busy.worst, idleWorstMs: quiet.worst, probes: busy.count };
}

/** A 4096² picture (smooth, so its PNG stays small) and a mask clearing an ellipse in its middle, as base64. */
async function inpaintBodyAsync(): Promise<{ model: string; prompt: string; width: number; height: number; image: { data: string; mimeType: string }; mask: { data: string } }> {
  const size = 4096;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><defs><linearGradient id="g" x2="1" y2="1"><stop offset="0" stop-color="#0a66c2"/><stop offset="1" stop-color="#f2c14e"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/></svg>`;
  const image = await sharp(Buffer.from(svg)).png().toBuffer();
  const maskSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="${size}" height="${size}"><rect width="100%" height="100%" fill="#000"/><ellipse cx="2048" cy="2048" rx="700" ry="500" fill="#000" fill-opacity="0"/></svg>`;
  // Alpha 0 = the area to change (OpenAI's convention): an opaque mask with a transparent ellipse.
  const mask = await sharp(Buffer.from(maskSvg)).ensureAlpha().png().toBuffer();
  return {
    model: "offline",
    prompt: "remove the object",
    width: size,
    height: size,
    image: { data: image.toString("base64"), mimeType: "image/png" },
    mask: { data: mask.toString("base64") },
  };
}

export default async function (): Promise<BenchRow[]> {
  const gemini = await startGeminiEmulator({ defaultBehaviour: { latencyMs: LATENCY_MS } });
  let redis: RedisServer | undefined;
  const proxies: { url: string; child: ChildProcess }[] = [];
  try {
    redis = redisSkipReason ? undefined : await startRedisServerAsync();
    const shared = redis ? "Redis" : "in memory, NOT shared: redis-server missing";
    const env = {
      GEMINI_API_KEY: "AIzaBenchKeyNeverShownToAnyone000000",
      GOOGLE_GEMINI_BASE_URL: gemini.url,
      BRANDFILL_TOKEN: TOKEN,
      BRANDFILL_RATE_PER_MIN: String(CONCURRENT),
      BRANDFILL_MAX_CONCURRENT: String(CONCURRENT),
      BRANDFILL_BUDGET_USD_MONTH: "1000",
      ...(redis ? { BRANDFILL_REDIS_URL: redis.url } : {}),
    };
    proxies.push(...(await Promise.all([startProxyProcessAsync(env), startProxyProcessAsync(env)])));
    const idleMb = Math.max(...proxies.map((p) => peakRssMb(p.child.pid!)));

    // Reference: the same burst straight at the emulator, as the SDK would send it.
    const direct = await burstAsync(
      () =>
        fetch(`${gemini.url}/v1beta/models/${MODEL}:generateContent`, {
          method: "POST",
          headers: { "content-type": "application/json", "x-goog-api-key": "AIzaBenchKeyNeverShownToAnyone000000" },
          body: JSON.stringify({
            contents: [{ role: "user", parts: [{ text: BODY.prompt }] }],
            generationConfig: { responseModalities: ["IMAGE"], imageConfig: { aspectRatio: "1:1", imageSize: "512" } },
          }),
        }),
      CONCURRENT,
    );
    const post = (i: number) =>
      fetch(`${proxies[i % 2]!.url}/v1/images`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(BODY) });
    // A third instance without limits: idle during the burst (the health reference), then it takes
    // the pixel work and the bomb while the other two are idle.
    const solo = await startProxyProcessAsync({ BRANDFILL_TOKEN: TOKEN, BRANDFILL_RATE_PER_MIN: "0", BRANDFILL_MAX_CONCURRENT: "0" });
    const pair = [...proxies];
    proxies.push(solo);
    const probed = await whileProbingAsync(
      pair.map((p) => p.url),
      [solo.url],
      () => burstAsync(post, CONCURRENT),
    );
    const load = probed.result;
    const over = await burstAsync(post, OVER_LIMIT * 2);
    const peakMb = Math.max(...pair.map((p) => peakRssMb(p.child.pid!)));
    const overheads = load.times.map((ms) => ms - LATENCY_MS);
    const directOverheads = direct.times.map((ms) => ms - LATENCY_MS);

    const postSolo = (body: unknown) =>
      fetch(`${solo.url}/v1/images`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(body) }).then(
        async (r) => ({ status: r.status, text: await r.text() }),
      );
    const inpaint = await inpaintBodyAsync();
    // A plain grey 64² PNG: the warm-up's image and the bomb's (the bomb is in its mask).
    const grey64 = {
      data: (
        await sharp({ create: { width: 64, height: 64, channels: 4, background: "#888" } })
          .png()
          .toBuffer()
      ).toString("base64"),
      mimeType: "image/png",
    };
    await postSolo({
      ...inpaint,
      width: 64,
      height: 64,
      image: grey64,
      mask: undefined,
    }); // warms the worker pool
    const inpainting = await whileProbingAsync([solo.url], [pair[0]!.url], () => postSolo(inpaint));
    const bomb = {
      model: "offline",
      prompt: "x",
      width: 64,
      height: 64,
      image: grey64,
      mask: { data: pngBomb(64, 64, 1024).toString("base64") },
    };
    const bombing = await whileProbingAsync([solo.url], [pair[0]!.url], () => postSolo(bomb));
    const soloPeakMb = peakRssMb(solo.child.pid!);

    const ok = load.statuses.filter((s) => s === 200).length;
    const refused = over.statuses.filter((s) => s === 429).length;
    const directOk = direct.statuses.filter((s) => s === 200).length;
    return [
      {
        name: `${CONCURRENT} concurrent, 1 s provider, 2 instances (${shared}): wall time`,
        value: load.ms,
        unit: "ms",
        referenceName: "same burst straight to the emulator",
        reference: direct.ms,
        target: "≤ 1.5× reference",
        pass: load.ms <= 1.5 * direct.ms,
      },
      {
        name: `${CONCURRENT} concurrent, 2 instances (${shared}): overhead p50 (answer time − the emulator's ${LATENCY_MS} ms)`,
        value: quantile(overheads, 0.5),
        unit: "ms",
        referenceName: "same, straight to the emulator",
        reference: quantile(directOverheads, 0.5),
      },
      {
        name: `${CONCURRENT} concurrent, 2 instances (${shared}): overhead p99`,
        value: quantile(overheads, 0.99),
        unit: "ms",
        referenceName: "same, straight to the emulator",
        reference: quantile(directOverheads, 0.99),
      },
      {
        name: `${CONCURRENT} concurrent, 2 instances (${shared}): slowest GET /v1/health during the run (${probed.probes} asked)`,
        value: probed.worstHealthMs,
        unit: "ms",
        referenceName: "an idle instance, same run",
        reference: probed.idleWorstMs,
        target: "< 100 ms",
        pass: probed.worstHealthMs < 100,
      },
      {
        name: `slowest GET /v1/health during a 4096² offline inpaint (answered ${inpainting.result.status}, ${inpainting.probes} asked)`,
        value: inpainting.worstHealthMs,
        unit: "ms",
        referenceName: "an idle instance, same run",
        reference: inpainting.idleWorstMs,
        target: "< 100 ms",
        pass: inpainting.worstHealthMs < 100 && inpainting.result.status === 200,
      },
      {
        name: `slowest GET /v1/health during a 1 GiB PNG bomb as mask (${Math.round(bomb.mask.data.length / 1024)} KB body, answered ${bombing.result.status}, ${bombing.probes} asked)`,
        value: bombing.worstHealthMs,
        unit: "ms",
        referenceName: "an idle instance, same run",
        reference: bombing.idleWorstMs,
        target: "< 100 ms and 400",
        pass: bombing.worstHealthMs < 100 && bombing.result.status === 400,
      },
      { name: "peak RSS of that instance after the inpaint and the bomb", value: soloPeakMb, unit: "MB", target: "< 1536 MB", pass: soloPeakMb < 1536 },
      {
        name: `${CONCURRENT} concurrent, 2 instances (${shared}): answered 200`,
        value: ok,
        unit: "requests",
        referenceName: "straight to the emulator",
        reference: directOk,
        target: `= ${CONCURRENT}`,
        pass: ok === CONCURRENT,
      },
      {
        name: `${OVER_LIMIT * 2} more once the shared ${CONCURRENT}/min limit is used (${shared}): answered 429`,
        value: refused,
        unit: "requests",
        ...(redis ? { target: `= ${OVER_LIMIT * 2} (one limit across both)`, pass: refused === OVER_LIMIT * 2 } : {}),
      },
      {
        name: `peak RSS of one proxy instance under ${CONCURRENT} concurrent`,
        value: peakMb,
        unit: "MB",
        referenceName: "same instance idle",
        reference: idleMb,
        target: "≤ 512 MB",
        pass: peakMb <= 512,
      },
    ];
  } finally {
    for (const p of proxies) p.child.kill("SIGTERM");
    await Promise.all(proxies.map((p) => new Promise((resolve) => (p.child.exitCode !== null ? resolve(null) : p.child.once("exit", resolve)))));
    await gemini.close();
    await redis?.close();
  }
}
