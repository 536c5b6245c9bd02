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
 * ui/main.tsx → one script and one stylesheet, minified, not written (build.mjs inlines them).
 * @type {import("esbuild").BuildOptions}
 */
export const panelBundleOptions = {
  entryPoints: ["ui/main.tsx"],
  bundle: true,
  outdir: "dist/ui-bundle",
  write: false,
  format: "iife",
  target: "es2020",
  platform: "browser",
  jsx: "automatic",
  jsxImportSource: "preact",
  loader: { ".module.css": "local-css", ".css": "css" },
  minify: true,
  legalComments: "none",
  logLevel: "warning",
  plugins: [globalCssPlugin],
};
