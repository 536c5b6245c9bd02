// Builds the plugin: src/main → dist/code.js (Figma sandbox), ui → one self-contained dist/ui.html,
// manifest.json → dist/manifest.json with the team proxy's origin allowed.
// Usage: [BRANDFILL_PROXY_URL=https://proxy.example.com] node build.mjs [--watch]
import * as esbuild from "esbuild";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { minify } from "terser";
import { builtManifest, panelBundleOptions, panelDefine, panelTerserOptions, pureValibotPlugin, sandboxTerserOptions, teamProxyOrigin } from "./build-options.mjs";

const watch = process.argv.includes("--watch");
const production = !watch;
await mkdir("dist", { recursive: true });

let teamOrigin;
try {
  teamOrigin = teamProxyOrigin(process.env.BRANDFILL_PROXY_URL);
} catch (error) {
  console.error(`brandfill: ${error.message}`);
  process.exit(1);
}
const manifest = builtManifest(JSON.parse(await readFile("manifest.json", "utf8")), teamOrigin);
await writeFile("dist/manifest.json", `${JSON.stringify(manifest, null, 2)}\n`);

/** @type {esbuild.BuildOptions} */
const mainOptions = {
  entryPoints: ["src/main/code.ts"],
  bundle: true,
  outfile: "dist/code.js",
  format: "iife",
  // Figma's sandbox runs modern JavaScript but no DOM and no Node.
  target: "es2020",
  platform: "neutral",
  mainFields: ["module", "main"],
  minify: production,
  legalComments: "none",
  logLevel: "warning",
  // Schemas only the panel parses (main's events, as the panel reads them) leave the sandbox bundle.
  plugins: [pureValibotPlugin],
};

/** Inlines the bundled script and styles into ui/index.html: Figma loads the panel as one HTML string. */
const inlineUiPlugin = {
  name: "inline-ui-html",
  setup(build) {
    build.onEnd(async (result) => {
      if (result.errors.length) return;
      const files = Object.fromEntries(result.outputFiles.map((f) => [f.path.endsWith(".css") ? "css" : "js", f.text]));
      const template = await readFile("ui/index.html", "utf8");
      // Scripts are inlined verbatim; "</script" inside the bundle would end the tag early.
      const script = production ? ((await minify(files.js ?? "", panelTerserOptions)).code ?? "") : (files.js ?? "");
      const js = script.replace(/<\/script/gi, "<\\/script");
      const html = template.replace("<!-- styles -->", () => `<style>${files.css ?? ""}</style>`).replace("<!-- script -->", () => `<script>${js}</script>`);
      await writeFile("dist/ui.html", html);
    });
  },
};

/** @type {esbuild.BuildOptions} */
const uiOptions = {
  ...panelBundleOptions,
  define: { ...panelBundleOptions.define, ...panelDefine(manifest) },
  minify: production,
  plugins: [...(panelBundleOptions.plugins ?? []), inlineUiPlugin],
};

if (watch) {
  const contexts = await Promise.all([esbuild.context(mainOptions), esbuild.context(uiOptions)]);
  await Promise.all(contexts.map((c) => c.watch()));
  console.log("brandfill: watching src/main and ui…");
} else {
  await Promise.all([esbuild.build(mainOptions), esbuild.build(uiOptions)]);
  // A second pass like the panel's (terser: compress, mangle) on the sandbox bundle, at ES2020:
  // about 1.2 KB less of issue 7's 60 KB for dist/code.js.
  const code = await readFile("dist/code.js", "utf8");
  await writeFile("dist/code.js", (await minify(code, sandboxTerserOptions)).code ?? code);
  console.log(`brandfill: built dist/code.js, dist/ui.html and dist/manifest.json (${teamOrigin ? `proxy ${teamOrigin}` : "local proxy only, from the Development menu"})`);
}
