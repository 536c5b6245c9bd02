import { isLoopbackHost } from "./is-loopback-host.js";

/**
 * Refuses to run an open proxy on the network: the proxy spends the provider keys' money, so
 * listening beyond loopback without `BRANDFILL_TOKEN` would let anyone who can reach it do so.
 * @throws Error with a sentence saying what to set.
 */
export function assertTokenWhenExposed(host: string, tokenCount: number): void {
  if (tokenCount > 0 || isLoopbackHost(host)) return;
  throw new Error(
    `HOST is ${host}, which other machines can reach, but BRANDFILL_TOKEN is not set. Set BRANDFILL_TOKEN to a long random token (the plugin sends it from Settings), or listen on 127.0.0.1 only.`,
  );
}
