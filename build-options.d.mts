import type { BuildOptions, Plugin } from "esbuild";
/** See build-options.mjs. */
export declare const globalCssPlugin: Plugin;
/** See build-options.mjs: the panel's esbuild settings (entry ui/main.tsx, relative to the repository root). */
export declare const panelBundleOptions: BuildOptions;
/** See build-options.mjs: culori's string parser replaced by one that throws, in the panel. */
export declare const culoriObjectsOnlyPlugin: Plugin;
/** See build-options.mjs: terser's pass over the panel script after esbuild's. */
export declare const panelTerserOptions: import("terser").MinifyOptions;
