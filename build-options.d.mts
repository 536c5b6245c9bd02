import type { BuildOptions, Plugin } from "esbuild";
/** See build-options.mjs. */
export declare const globalCssPlugin: Plugin;
/** See build-options.mjs: the panel's esbuild settings (entry ui/main.tsx, relative to the repository root). */
export declare const panelBundleOptions: BuildOptions;
