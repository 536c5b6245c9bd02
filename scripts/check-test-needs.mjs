#!/usr/bin/env node
// `npm run preflight` (and the first step of `npm test`): checks, within seconds, that this machine has
// what the tests need — Node ≥ 22.12, the npm packages, Debian's Chromium (the panel's browser tests) and
// redis-server (the shared-limits tests) — installs Chromium and redis-server from Debian when it can
// (root or password-less sudo, with apt-get), as .ci/run does, and otherwise says in one line what is
// missing and the command that installs it. Plain JavaScript, so it runs before `npm install` too.
import { spawnSync } from "node:child_process";
import { accessSync, constants, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** Debian's paths, which the tests use unless BRANDFILL_CHROMIUM points elsewhere. */
export const DEFAULT_CHROMIUM = "/usr/bin/chromium";
export const DEFAULT_REDIS_SERVER = "/usr/bin/redis-server";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

/** True when `path` is a file this process may execute. */
function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** How Debian packages can be installed here without a prompt: "root", "sudo", or null. */
export function debianInstaller() {
  if (process.platform !== "linux" || !existsSync("/usr/bin/apt-get")) return null;
  if (process.getuid?.() === 0) return "root";
  return spawnSync("sudo", ["-n", "true"], { stdio: "ignore" }).status === 0 ? "sudo" : null;
}

/** Installs Debian packages (apt-get update + install), printing apt's progress; true on success. */
function aptInstall(packages, installer) {
  const run = (args) => {
    const command = installer === "sudo" ? ["sudo", "-n", "env", "DEBIAN_FRONTEND=noninteractive", "apt-get", ...args] : ["apt-get", ...args];
    return spawnSync(command[0], command.slice(1), { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } }).status === 0;
  };
  return run(["update", "-qq"]) && run(["install", "-y", "-qq", ...packages]);
}

/**
 * Checks (and where it can, installs) what `npm test` needs.
 *
 * @param {object} [options]
 * @param {Record<string, string | undefined>} [options.env] where BRANDFILL_CHROMIUM and BRANDFILL_NO_INSTALL are read (default process.env)
 * @param {string} [options.chromium] Debian's Chromium path (default /usr/bin/chromium)
 * @param {string} [options.redisServer] Debian's redis-server path (default /usr/bin/redis-server)
 * @param {"root" | "sudo" | null} [options.installer] how to install (default: {@link debianInstaller})
 * @param {(packages: string[], installer: "root" | "sudo") => boolean} [options.install] installs packages (default apt-get)
 * @param {string} [options.nodeVersion] the running Node's version (default process.versions.node)
 * @param {string} [options.root] the repository (default this script's parent folder)
 * @returns {{ ok: boolean, problems: string[], notes: string[] }} `problems`: one sentence each, naming
 *   what is missing and the command that installs it (the tests cannot pass); `notes`: tests that will be
 *   skipped, and what was installed.
 */
export function checkTestNeeds(options = {}) {
  const env = options.env ?? process.env;
  const chromiumDefault = options.chromium ?? DEFAULT_CHROMIUM;
  const redisServer = options.redisServer ?? DEFAULT_REDIS_SERVER;
  const root = options.root ?? ROOT;
  const nodeVersion = options.nodeVersion ?? process.versions.node;
  const noInstall = env.BRANDFILL_NO_INSTALL === "1";
  const installer = noInstall ? null : options.installer === undefined ? debianInstaller() : options.installer;
  const install = options.install ?? aptInstall;
  const problems = [];
  const notes = [];

  const [major, minor] = nodeVersion.split(".").map(Number);
  if (major < 22 || (major === 22 && minor < 12)) {
    problems.push(`Node ${nodeVersion} is too old: the tests need Node 22.12 or newer (install it with: npm install --global --force node@24).`);
  }
  if (!existsSync(join(root, "node_modules", "vitest")) || !existsSync(join(root, "node_modules", "playwright-core"))) {
    problems.push("The npm packages are not installed: run npm install first.");
  }

  const chromium = env.BRANDFILL_CHROMIUM || chromiumDefault;
  if (!isExecutable(chromium)) {
    if (env.BRANDFILL_CHROMIUM) {
      // An explicit path is the designer's choice: installing Debian's package would not change it.
      problems.push(
        `BRANDFILL_CHROMIUM is ${env.BRANDFILL_CHROMIUM}, which is not a program this user can run: point it at a Chromium or Chrome binary, or unset it and install Debian's (sudo apt-get install -y chromium).`,
      );
    } else if (installer) {
      notes.push(`${chromium} is missing: installing Debian's chromium (the panel's browser tests need it)…`);
      process.stderr.write(`preflight: ${notes.at(-1)}\n`);
      if (!install(["chromium"], installer) || !isExecutable(chromium)) {
        problems.push(
          `Chromium could not be installed at ${chromium} (apt-get install chromium failed above): the panel's browser tests need it; install it with: sudo apt-get install -y chromium.`,
        );
      }
    } else {
      problems.push(
        `Chromium is missing (${chromium}): the panel's browser tests need it; install it with: sudo apt-get install -y chromium (Debian/Ubuntu), or set BRANDFILL_CHROMIUM to a Chromium or Chrome binary.`,
      );
    }
  }

  if (!isExecutable(redisServer)) {
    let installed = false;
    if (installer) {
      process.stderr.write(`preflight: ${redisServer} is missing: installing Debian's redis-server…\n`);
      installed = install(["redis-server"], installer) && isExecutable(redisServer);
    }
    if (!installed)
      notes.push(`redis-server is missing (${redisServer}): the shared-limits tests against Redis will be skipped; install it with: sudo apt-get install -y redis-server.`);
  }
  return { ok: problems.length === 0, problems, notes };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { ok, problems, notes } = checkTestNeeds();
  for (const note of notes) process.stderr.write(`preflight: ${note}\n`);
  for (const problem of problems) process.stderr.write(`preflight: ${problem}\n`);
  process.exitCode = ok ? 0 : 1;
}
