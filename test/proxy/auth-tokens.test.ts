import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { assertTokenWhenExposed } from "../../src/proxy/auth/assert-token-when-exposed.js";
import { createTokenCheck } from "../../src/proxy/auth/create-token-check.js";
import { isLoopbackHost } from "../../src/proxy/auth/is-loopback-host.js";
import { parseAccessTokens } from "../../src/proxy/auth/parse-access-tokens.js";
import { findLeak, startGuardedProxyAsync, TOKEN_A1, TOKEN_A2, TOKEN_B, TOKENS_ENV, type GuardedProxy } from "./start-guarded-proxy.js";

describe("bearer tokens", () => {
  const tokens = parseAccessTokens(TOKENS_ENV);
  const check = createTokenCheck(tokens);

  it("reads named and unnamed tokens, keeping only their digests", () => {
    expect(tokens.map((t) => t.id)).toEqual(["team-a", "team-a", expect.stringMatching(/^t-[0-9a-f]{8}$/)]);
    expect(JSON.stringify(tokens)).not.toContain(TOKEN_A1);
    expect(parseAccessTokens(undefined)).toEqual([]);
    expect(parseAccessTokens(" , ")).toEqual([]);
  });

  it("refuses a short token without echoing it", () => {
    expect(() => parseAccessTokens("ok-token-long-enough-123,hunter2")).toThrow(/BRANDFILL_TOKEN entry 2 is shorter than 16 characters/);
    try {
      parseAccessTokens("hunter2");
    } catch (error) {
      expect((error as Error).message).not.toContain("hunter2");
    }
  });

  it("accepts every rotated token and names whose limits it draws on", () => {
    expect(check(`Bearer ${TOKEN_A1}`)).toBe("team-a");
    expect(check(`Bearer ${TOKEN_A2}`)).toBe("team-a");
    expect(check(`bearer ${TOKEN_B}`)).toBe(tokens[2]!.id);
  });

  it.each([
    ["no header", undefined],
    ["an empty header", ""],
    ["basic auth", `Basic ${Buffer.from(`u:${TOKEN_A1}`).toString("base64")}`],
    ["the bare token", TOKEN_A1],
    ["a prefix of a token", `Bearer ${TOKEN_A1.slice(0, -1)}`],
    ["a token with a character more", `Bearer ${TOKEN_A1}x`],
    ["the named form", `Bearer team-a:${TOKEN_A1}`],
    ["two tokens", `Bearer ${TOKEN_A1} ${TOKEN_B}`],
  ])("refuses %s", (_, header) => {
    expect(check(header)).toBeNull();
  });
});

describe("where the proxy may listen without a token", () => {
  it.each([
    ["127.0.0.1", true],
    ["127.8.9.10", true],
    ["localhost", true],
    ["::1", true],
    ["[::1]", true],
    ["::ffff:127.0.0.1", true],
    ["0.0.0.0", false],
    ["::", false],
    ["192.168.1.20", false],
    ["proxy.example.com", false],
    ["128.0.0.1", false],
  ])("treats %s as loopback: %s", (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });

  it("refuses an open proxy beyond loopback with a sentence saying what to set", () => {
    expect(() => assertTokenWhenExposed("0.0.0.0", 0)).toThrow(/HOST is 0\.0\.0\.0, which other machines can reach, but BRANDFILL_TOKEN is not set/);
    expect(() => assertTokenWhenExposed("0.0.0.0", 1)).not.toThrow();
    expect(() => assertTokenWhenExposed("127.0.0.1", 0)).not.toThrow();
  });

  it("start-proxy exits with that sentence when HOST is 0.0.0.0 and no token is set", () => {
    const root = resolve(import.meta.dirname, "../..");
    const result = spawnSync(process.execPath, ["--import", join(root, "node_modules/tsx/dist/esm/index.mjs"), join(root, "src/proxy/start-proxy.ts")], {
      cwd: mkdtempSync(join(tmpdir(), "brandfill-")), // no .env here
      env: { PATH: process.env.PATH, HOST: "0.0.0.0", PORT: "1" },
      encoding: "utf8",
      timeout: 20_000,
    });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/brandfill proxy: HOST is 0\.0\.0\.0.*BRANDFILL_TOKEN is not set/);
  });
});

describe("a proxy with tokens", () => {
  let proxy: GuardedProxy;
  beforeAll(async () => {
    proxy = await startGuardedProxyAsync();
  });
  afterAll(async () => {
    await proxy?.close();
  });
  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${proxy.url}${path}`, { headers: { origin: "null", ...headers } });
  const offline = { model: "offline", prompt: "calm meadow", width: 64, height: 64 };

  it("answers 401 unauthorized with a sentence when the token is missing", async () => {
    const before = proxy.logs.length;
    for (const response of [await get("/v1/models"), await proxy.postAsync(offline, null)]) {
      expect(response.status).toBe(401);
      expect(response.headers.get("www-authenticate")).toMatch(/^Bearer/);
      // The panel can read the answer: CORS headers are on the 401 too.
      expect(response.headers.get("access-control-allow-origin")).toBe("null");
      const body = (await response.json()) as any;
      expect(body.error).toMatchObject({ code: "unauthorized", retryable: false });
      expect(body.error.message).toMatch(/needs a token.*Settings/);
    }
    expect(proxy.logs.slice(before).map((l) => JSON.parse(l).status)).toEqual([401, 401]);
  });

  it("answers 401 for a wrong token without echoing it", async () => {
    const response = await proxy.postAsync(offline, "tok-wrong-000000000000000000");
    const text = await response.text();
    expect(response.status).toBe(401);
    expect(text).toMatch(/not one this proxy accepts/);
    expect(text).not.toContain("tok-wrong");
    expect(proxy.logs.join("\n")).not.toContain("tok-wrong");
  });

  it("serves every configured token, rotated ones included", async () => {
    for (const token of [TOKEN_A1, TOKEN_A2, TOKEN_B]) {
      const response = await proxy.postAsync(offline, token);
      expect(response.status).toBe(200);
      expect(((await response.json()) as any).images).toHaveLength(1);
    }
    expect((await get("/v1/models", { authorization: `Bearer ${TOKEN_B}` })).status).toBe(200);
  });

  it("leaves health open without a token but refuses a wrong one there", async () => {
    const open = await get("/v1/health");
    expect(open.status).toBe(200);
    expect(((await open.json()) as any).ok).toBe(true);
    expect((await get("/v1/health", { authorization: "Bearer tok-wrong-000000000000000000" })).status).toBe(401);
    expect((await get("/v1/health", { authorization: `Bearer ${TOKEN_A2}` })).status).toBe(200);
  });

  it("answers unknown paths with 401 before revealing what exists", async () => {
    expect((await get("/admin")).status).toBe(401);
    expect((await get("/admin", { authorization: `Bearer ${TOKEN_A1}` })).status).toBe(404);
  });

  it("answers the preflight for the null origin and configured origins only, without a token", async () => {
    const preflight = (origin: string) =>
      fetch(`${proxy.url}/v1/images`, {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization,content-type" },
      });
    const plugin = await preflight("null");
    expect(plugin.status).toBe(204);
    expect(plugin.headers.get("access-control-allow-origin")).toBe("null");
    expect(plugin.headers.get("access-control-allow-headers")).toMatch(/authorization/i);
    expect((await preflight("https://brand.example")).headers.get("access-control-allow-origin")).toBe("https://brand.example");
    expect((await preflight("https://evil.example")).headers.get("access-control-allow-origin")).toBeNull();
    const answer = await get("/v1/health", { origin: "https://evil.example" });
    expect(answer.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("returns a request id on every answer and writes it, not the prompt or token, in the log", async () => {
    const response = await proxy.postAsync({ ...offline, prompt: "secret launch codename borealis" }, TOKEN_B);
    const id = response.headers.get("x-request-id");
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(response.headers.get("access-control-expose-headers")).toMatch(/X-Request-Id/i);
    const line = proxy.logs.map((l) => JSON.parse(l)).find((l) => l.requestId === id);
    expect(line).toMatchObject({ route: "POST /v1/images", model: "offline", status: 200, costUsd: 0, token: expect.stringMatching(/^t-/) });
    expect(line.latencyMs).toBeGreaterThanOrEqual(0);
    const all = proxy.logs.join("\n");
    expect(all).not.toContain("borealis");
    expect(findLeak(all)).toBeNull();
  });
});
