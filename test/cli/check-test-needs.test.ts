import { execFile } from "node:child_process";
import { writeFileSync } from "node:fs";
import { chmod, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkTestNeeds } from "../../scripts/check-test-needs.mjs";

let dir: string;
let chromium: string;
let redis: string;
const program = async (path: string) => {
  await writeFile(path, "#!/bin/sh\nexit 0\n");
  await chmod(path, 0o755);
};

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "brandfill-needs-"));
  chromium = join(dir, "chromium");
  redis = join(dir, "redis-server");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("npm test's preflight", () => {
  it("passes when Chromium and redis-server are there", async () => {
    await program(chromium);
    await program(redis);
    expect(checkTestNeeds({ env: {}, chromium, redisServer: redis, installer: null })).toEqual({ ok: true, problems: [], notes: [] });
  });

  it("names a missing Chromium and the command that installs it when it cannot install", () => {
    const result = checkTestNeeds({ env: {}, chromium, redisServer: redis, installer: null });
    expect(result.ok).toBe(false);
    expect(result.problems).toEqual([
      `Chromium is missing (${chromium}): the panel's browser tests need it; install it with: sudo apt-get install -y chromium (Debian/Ubuntu), or set BRANDFILL_CHROMIUM to a Chromium or Chrome binary.`,
    ]);
    // Without Redis the Redis tests skip: a note, not a failure.
    expect(result.notes).toEqual([expect.stringMatching(/^redis-server is missing .* sudo apt-get install -y redis-server\.$/)]);
  });

  it("installs Chromium and redis-server from Debian when it can, then passes", async () => {
    const installed: string[][] = [];
    // The fake apt-get "installs" by making the programs appear where Debian puts them.
    const result = checkTestNeeds({
      env: {},
      chromium,
      redisServer: redis,
      installer: "root",
      install: (packages, how) => {
        installed.push(packages);
        expect(how).toBe("root");
        for (const p of packages) writeFileSync(p === "chromium" ? chromium : redis, "#!/bin/sh\n", { mode: 0o755 });
        return true;
      },
    });
    expect(installed).toEqual([["chromium"], ["redis-server"]]);
    expect(result.ok).toBe(true);
  });

  it("never installs over an explicit BRANDFILL_CHROMIUM, and says it points nowhere", () => {
    let calls = 0;
    const result = checkTestNeeds({
      env: { BRANDFILL_CHROMIUM: "/nonexistent" },
      chromium,
      redisServer: redis,
      installer: "root",
      install: () => {
        calls++;
        return true;
      },
    });
    expect(result.problems[0]).toMatch(/^BRANDFILL_CHROMIUM is \/nonexistent, which is not a program this user can run/);
    expect(calls).toBe(1); // redis-server only
  });

  it("names an old Node and missing packages", () => {
    const result = checkTestNeeds({ env: {}, chromium, redisServer: redis, installer: null, nodeVersion: "20.11.1", root: dir });
    expect(result.problems).toContain("Node 20.11.1 is too old: the tests need Node 22.12 or newer (install it with: npm install --global --force node@24).");
    expect(result.problems).toContain("The npm packages are not installed: run npm install first.");
  });

  it("makes npm test stop at once with that sentence when the browser is missing", async () => {
    const root = new URL("../..", import.meta.url).pathname;
    const run = promisify(execFile)(process.execPath, [join(root, "scripts/run-tests.mjs"), "test/cli/check-test-needs.test.ts"], {
      env: { ...process.env, BRANDFILL_CHROMIUM: join(dir, "none"), BRANDFILL_NO_INSTALL: "1" },
    });
    const failure = (await run.then(
      () => null,
      (e: { code: number; stderr: string }) => e,
    ))!;
    expect(failure.code).toBe(1);
    expect(failure.stderr).toMatch(/preflight: BRANDFILL_CHROMIUM is .*none, which is not a program/);
    expect(failure.stderr).toMatch(/npm test did not run/);
  });
});
