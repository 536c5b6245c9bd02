// Load on two proxy instances behind one (imaginary) load balancer: 200 concurrent image requests
// against a provider emulator that takes 1 s per answer, the instances sharing their limits through
// Redis (in memory when redis-server is missing, which the row names say). Each instance is the real
// thing — `src/proxy/start-proxy.ts` in its own Node process, configured only by environment
// variables — so its peak memory (VmHWM) is its own. Reference: the same 200 requests sent straight
// to the emulator in this run.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { startGeminiEmulator } from "../test/emulators/index.js";
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

/** Fires all requests at once; returns statuses and the wall time until the last answer was read. */
async function burstAsync(send: (i: number) => Promise<Response>, count: number): Promise<{ statuses: number[]; ms: number }> {
  const t0 = performance.now();
  const statuses = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const response = await send(i);
      await response.arrayBuffer();
      return response.status;
    }),
  );
  return { statuses, ms: performance.now() - t0 };
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
          body: JSON.stringify({ contents: [{ role: "user", parts: [{ text: BODY.prompt }] }], generationConfig: { responseModalities: ["IMAGE"], imageConfig: { aspectRatio: "1:1", imageSize: "512" } } }),
        }),
      CONCURRENT,
    );
    const post = (i: number) =>
      fetch(`${proxies[i % 2]!.url}/v1/images`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${TOKEN}` }, body: JSON.stringify(BODY) });
    const load = await burstAsync(post, CONCURRENT);
    const over = await burstAsync(post, OVER_LIMIT * 2);
    const peakMb = Math.max(...proxies.map((p) => peakRssMb(p.child.pid!)));

    const ok = load.statuses.filter((s) => s === 200).length;
    const refused = over.statuses.filter((s) => s === 429).length;
    const directOk = direct.statuses.filter((s) => s === 200).length;
    return [
      { name: `${CONCURRENT} concurrent, 1 s provider, 2 instances (${shared}): wall time`, value: load.ms, unit: "ms", referenceName: "same burst straight to the emulator", reference: direct.ms, target: "≤ 1.5× reference", pass: load.ms <= 1.5 * direct.ms },
      { name: `${CONCURRENT} concurrent, 2 instances (${shared}): answered 200`, value: ok, unit: "requests", referenceName: "straight to the emulator", reference: directOk, target: `= ${CONCURRENT}`, pass: ok === CONCURRENT },
      {
        name: `${OVER_LIMIT * 2} more once the shared ${CONCURRENT}/min limit is used (${shared}): answered 429`,
        value: refused,
        unit: "requests",
        ...(redis ? { target: `= ${OVER_LIMIT * 2} (one limit across both)`, pass: refused === OVER_LIMIT * 2 } : {}),
      },
      { name: `peak RSS of one proxy instance under ${CONCURRENT} concurrent`, value: peakMb, unit: "MB", referenceName: "same instance idle", reference: idleMb, target: "≤ 512 MB", pass: peakMb <= 512 },
    ];
  } finally {
    for (const p of proxies) p.child.kill("SIGTERM");
    await Promise.all(proxies.map((p) => new Promise((resolve) => (p.child.exitCode !== null ? resolve(null) : p.child.once("exit", resolve)))));
    await gemini.close();
    await redis?.close();
  }
}
