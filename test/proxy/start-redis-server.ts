import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer } from "node:net";

/** Debian's Redis (`apt-get install redis-server`); `.ci/run` installs it when missing. */
export const REDIS_SERVER = "/usr/bin/redis-server";

/** Why Redis tests are skipped on this machine, or null when they can run. */
export const redisSkipReason: string | null = existsSync(REDIS_SERVER)
  ? null
  : `${REDIS_SERVER} is missing: Redis tests skipped (install Debian's redis-server: apt-get install redis-server).`;
if (redisSkipReason) console.warn(redisSkipReason);

/** A throwaway Redis on loopback. */
export interface RedisServer {
  url: string;
  process: ChildProcess;
  close(): Promise<void>;
}

/** A TCP port on 127.0.0.1 that nothing listens on right now. */
export async function freePortAsync(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * Starts `redis-server` on loopback, by default with no persistence; resolves when it accepts connections.
 * @param port a given port (to restart one in place), else a free one.
 * @param options.persistence redis-server arguments that replace the default `--save "" --appendonly no`
 *   (e.g. the documented `--appendonly yes …`), with `options.dir` as its working directory (where
 *   the append-only file is written; a restart with the same dir reads it back).
 */
export async function startRedisServerAsync(port?: number, options: { persistence?: readonly string[]; dir?: string } = {}): Promise<RedisServer> {
  port ??= await freePortAsync();
  const persistence = options.persistence ?? ["--save", "", "--appendonly", "no"];
  const args = ["--port", String(port), "--bind", "127.0.0.1", ...persistence, "--protected-mode", "yes", ...(options.dir ? ["--dir", options.dir] : [])];
  const child = spawn(REDIS_SERVER, args, { stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`redis-server did not start: ${output.slice(-500)}`)), 5000);
    child.stdout!.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes("Ready to accept connections")) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once("exit", (code) => reject(new Error(`redis-server exited with ${code}: ${output.slice(-500)}`)));
  });
  return {
    url: `redis://127.0.0.1:${port}`,
    process: child,
    async close() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}
