import type { PngCodec } from "../core/raster/png-codec-type.js";
import type { RequestGuard } from "./limits/create-request-guard.js";
import type { LockAsync } from "./lock-palette-pool.js";
import type { ImageProvider } from "./providers/image-provider.js";
import type { ProxyConfig } from "./proxy-config.js";

/** What `createApp` and its routes are built from: configuration, providers and the optional guard, codec and lock. */
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
