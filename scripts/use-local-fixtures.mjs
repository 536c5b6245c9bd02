#!/usr/bin/env node
// Issue 20.1 switch-over: rewrites every reference to the machine's `../shared` folder (fixtures, the
// OpenAI OpenAPI spec, design/PROVIDERS.md) into the repository's own copies (test/fixtures/, docs/).
// Re-runnable: run it after every branch that still reads ../shared has been merged; a second run
// changes nothing. It prints each change and, at the end, every reference it could not rewrite
// (exit code 1 then), so nothing is left half-done silently.
//
//   node scripts/use-local-fixtures.mjs          rewrite in place
//   node scripts/use-local-fixtures.mjs --check  only list what would change (exit 1 if anything)
//
// Rules, in order, for files under test/, bench/, src/, ui/, docs/ and the root *.md / *.mjs / *.ts:
//  1. Code (.ts/.tsx/.mts/.mjs/.js): `fileURLToPath(new URL("<../…>shared/fixtures/X", import.meta.url))`,
//     `readFileSync(new URL(…))` / `readFile(new URL(…))` and any string literal that is an absolute
//     `/work/shared/fixtures/X` become `fixturePath("X")` (template literals keep their `${…}`);
//     `/work/shared/provider-specs/NAME` literals become `fixturePath("NAME")`. The import of
//     fixturePath (test/fixtures/fixture-path.ts) is added with the right relative path, and an import
//     of fileURLToPath left unused is dropped.
//  2. Any other relative URL string `"<../…>shared/fixtures/X"` is re-pointed at test/fixtures/X from
//     the file's own folder (it stays a URL relative to import.meta.url).
//  3. Prose (comments, Markdown): `/work/shared/fixtures/X`, `../shared/fixtures/X`, `shared/fixtures/X`
//     → `test/fixtures/X`; `…shared/provider-specs/NAME` → `test/fixtures/NAME`;
//     `…shared/design/PROVIDERS.md` → `docs/providers.md` (Markdown links relative to the file).
//  4. A few known sentences that describe the old arrangement are reworded (PROSE below).
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, extname, posix, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const CHECK = process.argv.includes("--check");
const FIXTURE_MODULE = "test/fixtures/fixture-path.js";
const CODE_EXT = new Set([".ts", ".tsx", ".mts", ".mjs", ".js"]);
const SKIP = [/^node_modules\//, /^dist\//, /^test-output\//, /^scripts\/use-local-fixtures\.mjs$/, /^test\/fixtures\//];

/** Old wording → new wording, applied verbatim wherever found. */
const PROSE = [
  [
    "// Test helper: reads a Kodak photograph from the shared fixtures, in place (never copied into the repo).",
    "// Test helper: reads a Kodak photograph from the repository's fixtures (test/fixtures/kodak).",
  ],
  ["A Figma REST document from the shared fixtures, parsed.", "A Figma REST document from test/fixtures/figma-rest, parsed."],
  ["(see `../shared/design/PROVIDERS.md`)", "(see [docs/providers.md](docs/providers.md))"],
  ["equals the shared ad-sizes.json exactly", "equals test/fixtures/ad-sizes.json exactly"],
];

// A path into ../shared: absolute (/work/shared/…), relative (../../shared/…) or bare (shared/…).
const PREFIX = String.raw`(?:/work/|(?:\.\./)+)?shared/`;
const KINDS = "(fixtures|provider-specs|design)/";

const files = execFileSync("git", ["ls-files", "-co", "--exclude-standard"], { cwd: ROOT, encoding: "utf8" })
  .split("\n")
  .filter((f) => f && !SKIP.some((re) => re.test(f)))
  .filter((f) => /^(test|bench|src|ui|docs|bin)\//.test(f) || /^[^/]+\.(md|mjs|ts|mts)$/.test(f))
  .filter((f) => /\.(md|ts|tsx|mts|mjs|js|json|yaml|yml|css)$/.test(f));

/** test/fixtures/<inside>, or docs/providers.md, for a ../shared path; null when the repo has no copy. */
function localTarget(kind, rest) {
  if (kind === "fixtures") return `test/fixtures/${rest}`;
  if (kind === "provider-specs") return `test/fixtures/${rest}`;
  if (kind === "design" && rest === "PROVIDERS.md") return "docs/providers.md";
  return null;
}

/** `./x` or `../x`: a specifier from `file`'s folder to the repository path `target`. */
function relativeFrom(file, target) {
  const rel = posix.relative(posix.dirname(file), target) + (target.endsWith("/") ? "/" : "");
  return rel.startsWith(".") ? rel : `./${rel}`;
}

/** Inserts `line` after the file's leading import statements (or its leading comments). */
function addImport(text, line) {
  const lines = text.split("\n");
  let last = -1;
  let inImport = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i];
    if (inImport) {
      if (/\bfrom\s+["'][^"']+["'];?\s*$/.test(l)) {
        last = i;
        inImport = false;
      }
      continue;
    }
    if (/^import\b/.test(l)) {
      if (/\bfrom\s+["'][^"']+["'];?\s*$/.test(l) || /^import\s+["'][^"']+["'];?\s*$/.test(l)) last = i;
      else inImport = true;
      continue;
    }
    if (last >= 0 && l.trim() !== "" && !/^\s*(\/\/|\/\*|\*)/.test(l)) break;
  }
  if (last < 0) {
    // No imports: after the leading `//` / `///` comment lines.
    while (last + 1 < lines.length && /^\/\//.test(lines[last + 1])) last++;
  }
  lines.splice(last + 1, 0, line);
  return lines.join("\n");
}

const QUOTES = [
  ['"', String.raw`[^"\n]*`],
  ["'", String.raw`[^'\n]*`],
  ["`", String.raw`[^\`]*`], // may hold ${…} with quotes inside
];

/** True when `offset` sits in a `//` line comment or a `/* … *\/` block comment line (`*` lead). */
function inComment(whole, offset) {
  const lineStart = whole.lastIndexOf("\n", offset - 1) + 1;
  const before = whole.slice(lineStart, offset);
  return /^\s*(\*|\/\*|\/\/)/.test(before) || /(^|[^:"'`])\/\/\s/.test(before);
}

/** Removes `name` from `import { …, name, … } from "module";`, and the whole line when it was the only one. */
function dropNamedImport(text, name, module) {
  const re = new RegExp(String.raw`^import\s*\{([^}]*)\}\s*from\s*["']${module}["'];?[ \t]*\n`, "m");
  return text.replace(re, (_line, list) => {
    const names = list
      .split(",")
      .map((n) => n.trim())
      .filter((n) => n && n !== name);
    return names.length ? `import { ${names.join(", ")} } from "${module}";\n` : "";
  });
}

const changed = [];
for (const file of files) {
  const abs = resolve(ROOT, file);
  const before = readFileSync(abs, "utf8");
  let text = before;
  for (const [from, to] of PROSE) text = text.split(from).join(to);

  if (CODE_EXT.has(extname(file))) {
    let usesFixturePath = false;
    /** fixturePath(…) keeping the quote style (a template literal stays one, `${…}` and all). */
    const call = (q, rest) => {
      usesFixturePath = true;
      return q === "`" ? `fixturePath(\`${rest}\`)` : `fixturePath(${JSON.stringify(rest)})`;
    };
    for (const [q, chars] of QUOTES) {
      const literal = (prefix) => `${q}${prefix}(fixtures|provider-specs)/(${chars})${q}`;
      const code =
        (fn) =>
        (m, ...g) =>
          inComment(g.at(-1), g.at(-2)) ? m : fn(...g);
      // 1a. fileURLToPath(new URL("…shared/fixtures/X", import.meta.url)) → fixturePath("X")
      text = text.replace(
        new RegExp(String.raw`fileURLToPath\(\s*new URL\(\s*${literal(PREFIX)}\s*,\s*import\.meta\.url\s*\)\s*\)`, "g"),
        code((_kind, rest) => call(q, rest)),
      );
      // 1b. readFileSync(new URL(…)) / readFile(new URL(…)): both take a path string.
      text = text.replace(
        new RegExp(String.raw`\b(readFileSync|readFile)\(\s*new URL\(\s*${literal(PREFIX)}\s*,\s*import\.meta\.url\s*\)`, "g"),
        code((fn, _kind, rest) => `${fn}(${call(q, rest)}`),
      );
      // 1c. "/work/shared/fixtures/X" (a whole string literal) → fixturePath("X")
      text = text.replace(
        new RegExp(literal("/work/shared/"), "g"),
        code((_kind, rest) => call(q, rest)),
      );
      // 2. Other relative URL strings: re-point at test/fixtures from this file.
      text = text.replace(new RegExp(literal(String.raw`((?:\.\./)+)shared/`), "g"), (m, ups, kind, rest, offset, whole) => {
        if (inComment(whole, offset)) return m;
        const pointsAt = posix.normalize(posix.join(posix.dirname(file), ups)).replace(/\/$/, "");
        if (pointsAt !== "..") return m; // not the folder beside the repository: reported below
        return `${q}${relativeFrom(file, localTarget(kind, rest))}${q}`;
      });
    }
    if (usesFixturePath && !/\bimport\s*\{[^}]*\bfixturePath\b[^}]*\}\s*from/.test(text)) {
      text = addImport(text, `import { fixturePath } from "${relativeFrom(file, FIXTURE_MODULE)}";`);
    }
    // Drop an import of fileURLToPath nothing uses any more.
    if ((text.match(/\bfileURLToPath\b/g) ?? []).length === 1) text = dropNamedImport(text, "fileURLToPath", "node:url");
  }

  // 3. Prose: comments and Markdown.
  const isCode = CODE_EXT.has(extname(file));
  text = text.replace(new RegExp(String.raw`${PREFIX}${KINDS}([\w.\-/]*\w|)`, "g"), (m, kind, rest, offset, whole) => {
    const target = localTarget(kind, rest);
    // In code, a string literal the rules above did not recognise is left for a person (reported below).
    if (!target || (isCode && /["'`]/.test(whole[offset - 1] ?? "") && !inComment(whole, offset))) return m;
    return target;
  });
  // Markdown links to the new places, relative to a Markdown file in a subfolder.
  text = text.replace(/\]\((test\/fixtures\/[^)\s]*|docs\/providers\.md)\)/g, (_m, t) => `](${file.endsWith(".md") && file.includes("/") ? relativeFrom(file, t) : t})`);

  if (text !== before) {
    changed.push(file);
    if (!CHECK) writeFileSync(abs, text);
  }
}

for (const f of changed) console.log(`${CHECK ? "would rewrite" : "rewrote"} ${f}`);

// Whatever still names ../shared (outside the panel's own ui/app/shared folder) needs a person.
const left = [];
for (const file of files) {
  const text = CHECK && changed.includes(file) ? "" : readFileSync(resolve(ROOT, file), "utf8");
  text.split("\n").forEach((line, i) => {
    if (/\/work\/shared|shared\/(fixtures|provider-specs|design)\//.test(line)) left.push(`${file}:${i + 1}: ${line.trim()}`);
  });
}
// Every fixturePath("…") literal must name a file (or folder) that test/fixtures really has.
for (const file of files) {
  if (!CODE_EXT.has(extname(file))) continue;
  const text = readFileSync(resolve(ROOT, file), "utf8");
  for (const m of text.matchAll(/fixturePath\((["'`])([^"'`$]*)\1\)/g)) {
    if (!existsSync(resolve(ROOT, "test/fixtures", m[2]))) left.push(`${file}: fixturePath(${m[1]}${m[2]}${m[1]}) names no file in test/fixtures`);
  }
}
if (left.length) {
  console.error(`\n${left.length} reference(s) left for a person (../shared paths not rewritten, or fixtures test/fixtures lacks):\n${left.join("\n")}`);
  process.exitCode = 1;
} else if (CHECK && changed.length) {
  process.exitCode = 1;
} else {
  console.log(`\nNo reference to ../shared is left (${changed.length} file(s) ${CHECK ? "to rewrite" : "rewritten"}).`);
}
