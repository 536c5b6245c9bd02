// Runs in Node: the proxy's own HTTP app, called in-process, behind the panel's proxy client.
import type { ModelEntry } from "../core/catalog/model-catalog.js";
import { createProxyClient, type ProxyClient } from "../jobs/proxy-client.js";
import { createApp } from "../proxy/create-app.js";
import { createProviders } from "../proxy/create-providers.js";
import { loadProxyConfig } from "../proxy/proxy-config.js";

/** The client the commands give their job, and the catalog the proxy serves (with `BRANDFILL_EXTRA_MODELS`). */
export interface InProcessProxy {
  readonly client: ProxyClient;
  readonly catalog: readonly ModelEntry[];
}

/**
 * The proxy the `brandfill` commands use: the proxy's Hono app (`createApp`, with the providers
 * `loadProxyConfig(env)` enables) answering the panel's own client (`createProxyClient`) through
 * `app.fetch`, with no server and no socket. So a command sends the same request bodies as the
 * panel, through the same validation, fit, palette lock, error codes and sentences; keys are read
 * from `env` as the proxy reads them and never leave the process. The request log is off.
 *
 * @param env where keys and base URLs are read (the proxy's variables, README "Proxy configuration").
 * @throws Error with the proxy's sentence when a variable is malformed.
 */
export function createInProcessProxy(env: Record<string, string | undefined>): InProcessProxy {
  const config = loadProxyConfig(env);
  const app = createApp({ config: { ...config, log: false }, providers: createProviders(config) });
  const fetchInProcess = async (input: Parameters<typeof fetch>[0], init?: RequestInit): Promise<Response> => app.fetch(new Request(input, init));
  return { client: createProxyClient("http://brandfill.invalid", undefined, fetchInProcess as typeof fetch), catalog: config.catalog };
}
