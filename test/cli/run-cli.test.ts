import { afterEach, describe, expect, it, vi } from "vitest";
import { runCliAsync } from "../../src/cli/run-cli.js";

/** Runs the CLI in-process, capturing what it writes. */
async function runAsync(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const code = await runCliAsync(argv);
  vi.restoreAllMocks();
  return { code, stdout, stderr };
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("brandfill", () => {
  it.each(["fill", "inpaint", "variants", "lock"])("%s --help prints its usage on stdout and exits 0", async (command) => {
    for (const flag of ["--help", "-h"]) {
      const { code, stdout, stderr } = await runAsync([command, flag]);
      expect(code).toBe(0);
      expect(stderr).toBe("");
      expect(stdout).toMatch(new RegExp(`^Usage: brandfill ${command} `));
    }
  });

  it("lists every command for --help (exit 0) and says when a command does not exist (exit 2)", async () => {
    const help = await runAsync(["--help"]);
    expect(help.code).toBe(0);
    for (const command of ["fill", "inpaint", "variants", "lock"]) expect(help.stdout).toMatch(new RegExp(`^  ${command} `, "m"));
    const wrong = await runAsync(["fil"]);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toMatch(/^brandfill: there is no command “fil”\./);
    expect(wrong.stdout).toBe("");
  });
});
