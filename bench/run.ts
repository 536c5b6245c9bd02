// Runs every bench/*.bench.ts in turn and prints one table. Usage: npm run bench [-- filter]
// Each file runs in its own Node process: one suite's heap and JIT state must not change another's figures (the
// lock pass measured 50 Mpx/s after the lock-photos suite in the same process, 73 alone).
import { execFileSync } from "node:child_process";
import { readdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";
import type { BenchRow, BenchSuite } from "./bench-row.js";

const here = dirname(fileURLToPath(import.meta.url));
/** Marks the child's line of rows. */
const ROWS = "brandfill-bench-rows ";

if (process.env.BRANDFILL_BENCH_FILE) {
  // The child: one suite, its rows as JSON on the last line of stdout (after anything the suite printed).
  const suite = (await import(pathToFileURL(join(here, process.env.BRANDFILL_BENCH_FILE)).href)).default as BenchSuite;
  process.stdout.write(`\n${ROWS}${JSON.stringify(await suite())}\n`);
  process.exit(0);
}

const filter = process.argv[2];
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => !filter || f.includes(filter))
  .sort();

const rows: (BenchRow & { suite: string })[] = [];
for (const file of files) {
  process.stderr.write(`bench: ${file}…\n`);
  const output = execFileSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url)], {
    env: { ...process.env, BRANDFILL_BENCH_FILE: file },
    stdio: ["ignore", "pipe", "inherit"],
    maxBuffer: 1 << 24,
    encoding: "utf8",
  });
  const line = output.split("\n").findLast((l) => l.startsWith(ROWS));
  if (!line) throw new Error(`${file} printed no rows.`);
  for (const row of JSON.parse(line.slice(ROWS.length)) as BenchRow[]) rows.push({ ...row, suite: file.replace(".bench.ts", "") });
}

const fmt = (v: number | undefined) => (v === undefined ? "" : Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));
const table = rows.map((r) => [
  r.suite,
  r.name,
  `${fmt(r.value)} ${r.unit}`,
  r.reference === undefined ? "" : `${fmt(r.reference)} ${r.unit} (${r.referenceName ?? "reference"})`,
  r.reference ? `${(r.value / r.reference).toFixed(2)}×` : "",
  r.target ?? "",
  r.pass === undefined ? "" : r.pass ? "ok" : "MISSED",
]);
const header = ["suite", "measure", "value", "reference (same run)", "ratio", "target", ""];
const widths = header.map((h, i) => Math.max(h.length, ...table.map((row) => row[i]!.length)));
const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join(" │ ");
console.log(line(header));
console.log(widths.map((w) => "─".repeat(w)).join("─┼─"));
for (const row of table) console.log(line(row));
