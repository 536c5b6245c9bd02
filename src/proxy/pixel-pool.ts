import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import type { OfflineImageInput } from "../core/offline/generate-offline-image.js";
import type { RgbaImage } from "../core/raster/rgba-image.js";
import type { PixelResult, PngResult, RawPixels } from "./pixel-worker.js";

/** Pixel work run off the proxy's event loop (pixel-worker.ts), each call one task in a worker thread. */
export interface PixelPool {
  /** `fitCover` (core/raster/fit-cover.ts) in a worker; `image.data` is moved there (detached here). */
  fitCoverAsync(image: RgbaImage, width: number, height: number): Promise<RgbaImage>;
  /**
   * The offline model's edit of one variant (`editOfflineTask`), from the request's image (and
   * mask) bytes to PNG bytes: decoding, inpainting, resizing and encoding all happen in the worker.
   * @returns the PNG, or `{ refused }` with a sentence when an input cannot be read or the mask leaves nothing to fill from.
   */
  editOfflineAsync(image: Uint8Array, mask: Uint8Array | null, radius: number, width: number, height: number): Promise<OfflinePng | { refused: string }>;
  /** `generateOfflineImage` (core/offline) in a worker, as PNG bytes. */
  generateOfflineAsync(input: OfflineImageInput): Promise<OfflinePng>;
  /** Waits for running tasks, then stops the threads. */
  closeAsync(): Promise<void>;
}

/** An offline picture: 8-bit RGBA PNG bytes and its size in pixels. */
export interface OfflinePng {
  png: Uint8Array;
  width: number;
  height: number;
}

/** The PNG of a task's answer, or its refusal. */
function pngOf(result: PngResult): OfflinePng | { refused: string } {
  return "refused" in result ? result : { png: new Uint8Array(result.png), width: result.width, height: result.height };
}

/** The pixels of a task's answer; a refusal is not expected from this task. */
function pixelsOf(result: PixelResult): RgbaImage {
  if (!("pixels" in result)) throw new Error(result.refused);
  return { width: result.pixels.width, height: result.pixels.height, data: new Uint8ClampedArray(result.pixels.data) };
}

/** The buffer to move for `image`, copied out when it is a view on part of a larger buffer. */
function raw(image: RgbaImage): RawPixels {
  const whole = image.data.byteOffset === 0 && image.data.byteLength === image.data.buffer.byteLength;
  return { width: image.width, height: image.height, data: (whole ? image.data.buffer : image.data.slice().buffer) as ArrayBuffer };
}

/**
 * A piscina pool for the proxy's pixel work: a 4096² offline inpaint held the event loop for
 * 1.2–1.7 s and a fit for hundreds of milliseconds (issue 18), during which no other request, not
 * even `GET /v1/health`, was answered. Threads start on first use and stop after `idleTimeoutMs`
 * idle (idle threads do not keep the process alive). Workers load TypeScript through tsx, as
 * the proxy itself runs.
 * @param options.maxThreads default: one less than the machine's cores, at least 1
 */
export function createPixelPool(options: { maxThreads?: number; idleTimeoutMs?: number } = {}): PixelPool {
  const pool = new Piscina({
    filename: new URL("./pixel-worker.ts", import.meta.url).href,
    // tsx by its resolved path: a bare "tsx" would be looked up from the process's working
    // directory, which need not hold node_modules (the worker then fails and takes the process down).
    execArgv: ["--import", import.meta.resolve("tsx")],
    minThreads: 0,
    maxThreads: options.maxThreads ?? Math.max(1, availableParallelism() - 1),
    idleTimeout: options.idleTimeoutMs ?? 30_000,
  });
  // A worker that dies outside a task (e.g. cannot load) fails the tasks it held; unheard, the
  // pool's "error" event would end the whole proxy process.
  pool.on("error", () => undefined);
  const run = (name: string, task: object, transfer: ArrayBuffer[]) => pool.run(task, { name, transferList: transfer as never }) as Promise<PixelResult>;
  return {
    async fitCoverAsync(image, width, height) {
      const pixels = raw(image);
      return pixelsOf(await run("fitCoverTask", { image: pixels, width, height }, [pixels.data]));
    },
    async editOfflineAsync(image, mask, radius, width, height) {
      // The compressed bytes are copied to the worker (small), so every variant can reuse them.
      return pngOf((await pool.run({ image, mask, radius, width, height }, { name: "editOfflineTask" })) as PngResult);
    },
    async generateOfflineAsync(input) {
      const made = pngOf(
        (await pool.run({ ...input, palette: [...input.palette], keepClear: input.keepClear.map((b) => ({ ...b })) }, { name: "generateOfflineTask" })) as PngResult,
      );
      if ("refused" in made) throw new Error(made.refused);
      return made;
    },
    closeAsync: () => pool.close(),
  };
}

let shared: PixelPool | undefined;

/** The process's one pixel pool, made on first use (the offline model and the route's fit share it). */
export function sharedPixelPool(): PixelPool {
  return (shared ??= createPixelPool());
}

/** Stops the shared pool's threads, if it was ever made (the proxy's graceful shutdown). */
export async function closeSharedPixelPoolAsync(): Promise<void> {
  const pool = shared;
  shared = undefined;
  await pool?.closeAsync();
}
