/** See check-test-needs.mjs. */
export declare const DEFAULT_CHROMIUM: string;
export declare const DEFAULT_REDIS_SERVER: string;
/** See check-test-needs.mjs: how Debian packages can be installed without a prompt. */
export declare function debianInstaller(): "root" | "sudo" | null;
/** See check-test-needs.mjs: what `npm test` needs, installed where possible, else named in one sentence each. */
export declare function checkTestNeeds(options?: {
  env?: Record<string, string | undefined>;
  chromium?: string;
  redisServer?: string;
  installer?: "root" | "sudo" | null;
  install?: (packages: string[], installer: "root" | "sudo") => boolean;
  nodeVersion?: string;
  root?: string;
}): { ok: boolean; problems: string[]; notes: string[] };
