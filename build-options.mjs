// The panel's esbuild settings, shared by build.mjs (which writes dist/ui.html) and the bench
// (which measures the same bundle by part), so the two can never measure different bundles.

/**
 * @create-figma-plugin/ui imports its global stylesheets as "!../css/base.css" (a convention of
 * its own build tool): resolve them as plain, non-module CSS.
 * @type {import("esbuild").Plugin}
 */
export const globalCssPlugin = {
  name: "global-css",
  setup(build) {
    build.onResolve({ filter: /^!/ }, async (args) => {
      const result = await build.resolve(args.path.slice(1), { resolveDir: args.resolveDir, kind: args.kind });
      return { path: result.path, errors: result.errors };
    });
  },
};

/**
 * culori's colour-difference functions reach its CSS colour-string parser (3 KB minified) through
 * `_prepare.js`, which calls it only when a colour is given as a string. brandfill gives culori
 * CIELAB objects only (src/core/colour/delta-e-2000.ts, for colour names in prompts), so the panel
 * bundles a parser that throws instead: a string passed by mistake fails loudly, never silently.
 * The panel's prompt test checks that colour names still come out of the built panel.
 * @type {import("esbuild").Plugin}
 */
export const culoriObjectsOnlyPlugin = {
  name: "culori-objects-only",
  setup(build) {
    build.onResolve({ filter: /^\.\/parse\.js$/ }, (args) =>
      /[\\/]culori[\\/]src[\\/]_prepare\.js$/.test(args.importer) ? { path: "parse", namespace: "culori-objects-only" } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "culori-objects-only" }, () => ({
      contents: 'export default function parse() { throw new Error("brandfill passes culori colour objects, not CSS colour strings."); }',
      loader: "js",
    }));
  },
};

/** valibot calls that run a check (and may throw) rather than build a schema: never marked pure. */
const VALIBOT_RUNNERS = new Set(["parse", "parseAsync", "safeParse", "safeParseAsync", "assert", "is", "parser", "safeParser", "config", "setGlobalConfig"]);

/**
 * valibot's builders (`v.object`, `v.pipe`, …) are pure functions, but esbuild does not see
 * valibot's own `@__NO_SIDE_EFFECTS__` marks through a namespace import, so a schema the panel
 * never uses (main's request schemas, in plugin-messages.ts) was bundled anyway. This marks each
 * builder call `@__PURE__` in files that import valibot as `v`, so unused schemas are dropped.
 * Calls that run a check (`v.parse`, `v.assert`, …) are left alone: they may throw on purpose.
 * @type {import("esbuild").Plugin}
 */
export const pureValibotPlugin = {
  name: "pure-valibot",
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => {
      const { readFile } = await import("node:fs/promises");
      const source = await readFile(args.path, "utf8");
      if (!source.includes('import * as v from "valibot"')) return undefined;
      // Line by line, leaving comment lines alone (a `/* */` inside a `/** */` would end it).
      const contents = source
        .split("\n")
        .map((line) =>
          /^\s*(\*|\/\/|\/\*)/.test(line)
            ? line
            : line.replace(/(?<![\w.$])v\.(\w+)(\s*(?:<[^()]*>)?\()/g, (call, name, rest) => (VALIBOT_RUNNERS.has(name) ? call : `/* @__PURE__ */ v.${name}${rest}`)),
        )
        .join("\n");
      return { contents, loader: "ts" };
    });
  },
};

/**
 * The CSS variables the panel's stylesheets use most (3 to 18 times each): Figma's colours and
 * base.css's own radius, weight and secondary text. Their names are long
 * (`var(--figma-color-border-selected)`, 34 bytes), so the bundle uses a short alias for each,
 * declared once on :root. The alias resolves where it is declared, on <html>, which is also where
 * Figma sets its variables and its `figma-dark` class, so the aliases follow the theme.
 */
const CSS_VARIABLE_ALIASES = [
  ...["border", "text", "border-selected", "bg-secondary", "icon-secondary", "border-strong", "bg-hover", "bg-brand", "bg", "text-disabled"].map((name) => `figma-color-${name}`),
  "text-muted",
  "border-radius-4",
  "font-weight-bold",
];

/**
 * Writes the most used `var(--…)` of ui/**.css as `var(--fN)` and declares the aliases in
 * ui/base.css (−1.7 KB); the sources keep the real names.
 * @type {import("esbuild").Plugin}
 */
export const figmaColourAliasPlugin = {
  name: "figma-colour-alias",
  setup(build) {
    build.onLoad({ filter: /[\\/]ui[\\/].*\.css$/ }, async (args) => {
      const { readFile } = await import("node:fs/promises");
      let css = await readFile(args.path, "utf8");
      CSS_VARIABLE_ALIASES.forEach((name, i) => (css = css.replaceAll(`var(--${name})`, `var(--f${i})`)));
      if (/[\\/]ui[\\/]base\.css$/.test(args.path)) css += `:root{${CSS_VARIABLE_ALIASES.map((name, i) => `--f${i}:var(--${name})`).join(";")}}`;
      return { contents: css, loader: args.path.endsWith(".module.css") ? "local-css" : "css" };
    });
  },
};

/**
 * Terser's second pass over esbuild's minified panel script (compress twice, mangle): 2.3 KB less
 * than esbuild alone, for about a second of build time.
 * @type {import("terser").MinifyOptions}
 */
export const panelTerserOptions = { ecma: 2022, compress: { passes: 2 }, mangle: true, format: { comments: false } };

/**
 * The sandbox bundle's terser pass (dist/code.js): ES2020 like its esbuild target, a third compress
 * pass and `hoist_funs` (function declarations moved to the top of their scope, where JavaScript
 * hoists them anyway): 75 bytes less than the panel's options on the 60 KB budget. Both are safe
 * transforms; terser's `unsafe_*` options are left off.
 * @type {import("terser").MinifyOptions}
 */
export const sandboxTerserOptions = { ...panelTerserOptions, ecma: 2020, compress: { passes: 3, hoist_funs: true } };

/** The proxy `npm start` serves: reachable only from a plugin run from Figma's Development menu. */
export const DEV_PROXY_ORIGIN = "http://localhost:8787";

/**
 * The origin a team build may reach, from `BRANDFILL_PROXY_URL` (e.g. `https://proxy.example.com`, any
 * path dropped: Figma allows by origin). https only, except a loopback address.
 * @param {string | undefined} value the environment variable; unset or empty means none.
 * @returns {string | null} the origin, or null for a development build.
 * @throws Error with a sentence when the value is not an http(s) address.
 */
export function teamProxyOrigin(value) {
  const text = (value ?? "").trim();
  if (!text) return null;
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`BRANDFILL_PROXY_URL=${text} is not a web address: write it like https://proxy.example.com.`);
  }
  const loopback = ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    throw new Error(`BRANDFILL_PROXY_URL=${text} must be an https:// address (Figma users reach the proxy over the internet).`);
  }
  return url.origin;
}

/**
 * The manifest Figma gets (dist/manifest.json): the repository's manifest.json with `main` and `ui`
 * relative to dist/, and `networkAccess` holding exactly the team proxy's origin in `allowedDomains`
 * ("none" without one: Figma then blocks every request outside the Development menu) and the local
 * proxy in `devAllowedDomains` only (developers.figma.com/docs/plugins/manifest, networkAccess).
 * @param {Record<string, any>} manifest the parsed repository manifest.json.
 * @param {string | null} teamOrigin from {@link teamProxyOrigin}.
 * @returns {Record<string, any>} a new manifest object.
 */
export function builtManifest(manifest, teamOrigin) {
  return {
    ...manifest,
    main: "code.js",
    ui: "ui.html",
    networkAccess: {
      ...manifest.networkAccess,
      allowedDomains: teamOrigin ? [teamOrigin] : ["none"],
      devAllowedDomains: [DEV_PROXY_ORIGIN],
    },
  };
}

/**
 * esbuild `define` giving the panel the built manifest's network access (as `__BRANDFILL_NETWORK_ACCESS__`),
 * so Settings can refuse an address Figma would block and say how to rebuild.
 * @param {Record<string, any>} manifest from {@link builtManifest}.
 * @returns {Record<string, string>}
 */
export function panelDefine(manifest) {
  const { allowedDomains, devAllowedDomains } = manifest.networkAccess;
  return { __BRANDFILL_NETWORK_ACCESS__: JSON.stringify({ allowedDomains, devAllowedDomains }) };
}

/**
 * ui/main.tsx → one script and one stylesheet, minified, not written (build.mjs inlines them).
 * @type {import("esbuild").BuildOptions}
 */
export const panelBundleOptions = {
  entryPoints: ["ui/main.tsx"],
  bundle: true,
  outdir: "dist/ui-bundle",
  write: false,
  format: "iife",
  // The panel runs in the browser Figma runs in (its desktop app's Chromium, or a current Chrome,
  // Edge, Firefox or Safari for Figma in the browser), all of which have ES2022: its syntax is
  // shorter than ES2020's down-levelled forms (−0.9 KB). The sandbox bundle keeps its own target.
  target: "es2022",
  platform: "browser",
  jsx: "automatic",
  jsxImportSource: "preact",
  loader: { ".module.css": "local-css", ".css": "css" },
  minify: true,
  legalComments: "none",
  logLevel: "warning",
  plugins: [globalCssPlugin, culoriObjectsOnlyPlugin, pureValibotPlugin, figmaColourAliasPlugin],
  // A development build's access; build.mjs replaces it with the team build's.
  define: panelDefine(builtManifest({ networkAccess: {} }, null)),
};
