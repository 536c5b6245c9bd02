import { readdirSync, readFileSync } from "node:fs";
import { connect } from "node:net";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { startGuardedProxyAsync, TOKEN_A1 } from "./start-guarded-proxy.js";

const slow = { model: "gpt-image-2", prompt: "lighthouse", width: 1024, height: 1024, quality: "low" };

async function waitForAsync(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 250 && !condition(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

describe("graceful shutdown", () => {
  it("finishes the request in flight and refuses new ones", async () => {
    const proxy = await startGuardedProxyAsync({ BRANDFILL_RATE_PER_MIN: "0" });
    try {
      proxy.openai.enqueue({ latencyMs: 1200 });
      const inFlight = proxy.postAsync(slow);
      await waitForAsync(() => proxy.openai.requests.length === 1, "the provider call");
      const closed = proxy.running.shutdownAsync(10_000);
      // A new connection is refused outright.
      const refused = await fetch(`${proxy.url}/v1/health`).then(
        (r) => r.status,
        (e: Error) => (e.cause as { code?: string })?.code ?? e.message,
      );
      expect(refused).toBe("ECONNREFUSED");
      // The request in flight completes with its image.
      const response = await inFlight;
      expect(response.status).toBe(200);
      expect(((await response.json()) as any).images).toHaveLength(1);
      await closed;
      expect(proxy.running.server.listening).toBe(false);
    } finally {
      await proxy.close();
    }
  });

  it("answers 503 with Connection: close to a request queued on a busy keep-alive connection", async () => {
    const proxy = await startGuardedProxyAsync({ BRANDFILL_RATE_PER_MIN: "0" });
    try {
      proxy.openai.enqueue({ latencyMs: 800 });
      const json = JSON.stringify(slow);
      const request = (path: string, body?: string) =>
        `${body ? "POST" : "GET"} ${path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${TOKEN_A1}\r\nContent-Type: application/json\r\n${body ? `Content-Length: ${Buffer.byteLength(body)}\r\n` : ""}\r\n${body ?? ""}`;
      const socket = connect(Number(new URL(proxy.url).port), "127.0.0.1");
      let received = "";
      socket.on("data", (d) => (received += d.toString("latin1")));
      const ended = new Promise<void>((r) => socket.on("close", () => r()));
      socket.write(request("/v1/images", json));
      await waitForAsync(() => proxy.openai.requests.length === 1, "the provider call");
      const closed = proxy.running.shutdownAsync(10_000);
      // Pipelined behind the slow one on the same connection: served only after it, while closing.
      socket.write(request("/v1/health"));
      await ended;
      await closed;
      const statuses = [...received.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));
      expect(statuses).toEqual([200, 503]);
      const last = received.slice(received.lastIndexOf("HTTP/1.1 503"));
      expect(last).toMatch(/connection: close/i);
      expect(last).toMatch(/"code":"provider_unavailable".*restarting/);
    } finally {
      await proxy.close();
    }
  });

  it("ends requests still running when the grace period is over", async () => {
    const proxy = await startGuardedProxyAsync({ BRANDFILL_RATE_PER_MIN: "0" });
    try {
      proxy.openai.enqueue({ hang: true });
      const inFlight = proxy.postAsync(slow).then(
        (r) => r.status,
        () => "connection ended",
      );
      await waitForAsync(() => proxy.openai.requests.length === 1, "the provider call");
      await proxy.running.shutdownAsync(200);
      expect(await inFlight).toBe("connection ended");
    } finally {
      await proxy.close();
    }
  });
});

describe("privacy", () => {
  it("never writes to disk from proxy code: no file-writing call in src/proxy", () => {
    const root = resolve(import.meta.dirname, "../../src/proxy");
    const files = readdirSync(root, { recursive: true })
      .map(String)
      .filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const text = readFileSync(join(root, file), "utf8");
      expect(text, file).not.toMatch(/\b(writeFile|writeFileSync|appendFile|createWriteStream|mkdtemp|fs\.promises|from "node:fs\/promises")\b/);
    }
  });
});
