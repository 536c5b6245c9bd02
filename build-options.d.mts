import type { BuildOptions, Plugin } from "esbuild";
/** See build-options.mjs. */
export declare const globalCssPlugin: Plugin;
/** See build-options.mjs: the panel's esbuild settings (entry ui/main.tsx, relative to the repository root). */
export declare const panelBundleOptions: BuildOptions;
/** See build-options.mjs: culori's string parser replaced by one that throws, in the panel. */
export declare const culoriObjectsOnlyPlugin: Plugin;
/** See build-options.mjs: terser's pass over the panel script after esbuild's. */
export declare const panelTerserOptions: import("terser").MinifyOptions;
/** See build-options.mjs: the local proxy's origin, in every build's devAllowedDomains. */
export declare const DEV_PROXY_ORIGIN: string;
/** See build-options.mjs: BRANDFILL_PROXY_URL → the team proxy's origin, or null. @throws Error for a bad address. */
export declare function teamProxyOrigin(value: string | undefined): string | null;
/** See build-options.mjs: the repository manifest → dist/manifest.json. */
export declare function builtManifest(manifest: Record<string, any>, teamOrigin: string | null): Record<string, any>;
/** See build-options.mjs: the panel's `define` for the built manifest's network access. */
export declare function panelDefine(manifest: Record<string, any>): Record<string, string>;
/** See build-options.mjs: valibot's builder calls marked pure, so unused schemas leave a bundle. */
export declare const pureValibotPlugin: Plugin;
/** See build-options.mjs: Figma's most used colour variables by short aliases in the panel's CSS. */
export declare const figmaColourAliasPlugin: Plugin;
