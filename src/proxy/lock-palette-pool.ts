import { availableParallelism } from "node:os";
import { Piscina } from "piscina";
import type { LockReport } from "../core/colour/lock-palette.js";
import type { RgbaImage } from "../core/raster/rgba-image.js";
import type { LockTask, LockTaskResult } from "./lock-palette-worker.js";

/**
 * Locks a palette on an image: the shape of `lockPalette`, asynchronous, `#RRGGBB` colours. The caller gives the
 * image's pixels up: they are moved to a worker (the buffer is detached) or overwritten by the pass.
 */
export type LockAsync = (image: RgbaImage, palette: readonly string[]) => Promise<{ image: RgbaImage; report: LockReport }>;

/** Worker threads that run the palette lock off the proxy's event loop. */
export interface LockPool {
  lockAsync: LockAsync;
  /** Waits for running locks, then stops the threads. */
  closeAsync(): Promise<void>;
}

/**
 * A piscina pool running {@link lockPalette} (lock-palette-worker.ts) in worker threads. The lock
 * pass is JavaScript, a few hundred ms per image (`npm run bench -- lock`): run on the event loop it
 * would hold up every other request and stream for that long. The pixels are moved to the worker,
 * locked in place there and moved back, never copied (the caller's `image.data` is detached).
 *
 * Threads start on first use and stop after `idleTimeoutMs` without work. Workers load the
 * TypeScript through tsx, as the proxy itself runs (`node --import tsx`).
 * @param options.maxThreads default: one less than the machine's cores, at least 1
 */
export function createLockPool(options: { maxThreads?: number; idleTimeoutMs?: number } = {}): LockPool {
  const pool = new Piscina<LockTask, LockTaskResult>({
    filename: new URL("./lock-palette-worker.ts", import.meta.url).href,
    // tsx by its resolved path: a bare "tsx" would be looked up from the process's working
    // directory, which need not hold node_modules (the worker then fails and takes the process down).
    execArgv: ["--import", import.meta.resolve("tsx")],
    minThreads: 0,
    maxThreads: options.maxThreads ?? Math.max(1, availableParallelism() - 1),
    idleTimeout: options.idleTimeoutMs ?? 30_000,
  });
  return {
    async lockAsync(image, palette) {
      // A view on part of a larger buffer (e.g. Node's pool) is copied out first: only whole buffers move.
      const whole = image.data.byteOffset === 0 && image.data.byteLength === image.data.buffer.byteLength;
      const data = (whole ? image.data : image.data.slice()).buffer as ArrayBuffer;
      const result = await pool.run({ width: image.width, height: image.height, data, palette: [...palette] }, { transferList: [data] as never });
      return { image: { width: image.width, height: image.height, data: new Uint8ClampedArray(result.data) }, report: result.report };
    },
    closeAsync: () => pool.close(),
  };
}
