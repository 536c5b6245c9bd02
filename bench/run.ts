// Runs every bench/*.bench.ts in turn and prints one table. Usage: npm run bench [-- filter]
import { readdirSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { dirname, join } from "node:path";
import type { BenchRow, BenchSuite } from "./bench-row.js";

const here = dirname(fileURLToPath(import.meta.url));
const filter = process.argv[2];
const files = readdirSync(here)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => !filter || f.includes(filter))
  .sort();

const rows: (BenchRow & { suite: string })[] = [];
for (const file of files) {
  const suite = (await import(pathToFileURL(join(here, file)).href)).default as BenchSuite;
  process.stderr.write(`bench: ${file}…\n`);
  for (const row of await suite()) rows.push({ ...row, suite: file.replace(".bench.ts", "") });
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
