// Pure: which proxy addresses the built plugin may reach, and what to tell a designer when it cannot.

/**
 * The manifest's `networkAccess` as built (build-options.mjs `builtManifest`, which writes exact
 * origins): Figma blocks every request to a domain not in `allowedDomains`; `devAllowedDomains` are
 * added only for a plugin run from the Development menu (developers.figma.com/docs/plugins/manifest).
 */
export interface NetworkAccess {
  readonly allowedDomains: readonly string[];
  readonly devAllowedDomains: readonly string[];
}

/**
 * The origin (`scheme://host[:port]`, lower case, default port dropped, as `URL.origin` gives it) of an
 * http(s) address, or null when it is not one. A pattern, not `URL`: core also runs in Figma's sandbox.
 */
export function proxyOrigin(address: string): string | null {
  const m = /^(https?):\/\/([a-z0-9.-]+|\[[0-9a-f:.]+\])(?::(\d{1,5}))?(?:[/?#]|$)/i.exec(address.trim());
  if (!m) return null;
  const scheme = m[1]!.toLowerCase();
  const port = m[3] && m[3] !== (scheme === "https" ? "443" : "80") ? `:${Number(m[3])}` : "";
  return `${scheme}://${m[2]!.toLowerCase()}${port}`;
}

/** Whether the built manifest lists `origin` (for every run, or for Development-menu runs: the local proxy). */
function allows(origin: string, access: NetworkAccess): boolean {
  return [...access.allowedDomains, ...access.devAllowedDomains].includes(origin);
}

/** The sentence saying how to make a build that may reach `origin`. */
function rebuildHint(origin: string): string {
  return `Rebuild with BRANDFILL_PROXY_URL=${origin} npm run build and import dist/manifest.json (docs/deploy.md).`;
}

/**
 * What is wrong with a proxy address typed in Settings, as a sentence for the designer, or null
 * when this build may reach it.
 */
export function proxyAddressProblem(address: string, access: NetworkAccess): string | null {
  const origin = proxyOrigin(address);
  if (!origin) return `“${address.trim()}” is not a web address.`;
  if (allows(origin, access)) return null;
  const list = [...access.allowedDomains, ...access.devAllowedDomains].filter((d) => d !== "none").join(" and ");
  return `Figma blocks ${origin}: this build of brandfill may only reach ${list}. ${rebuildHint(origin)}`;
}

/**
 * The "can't reach" sentence when a request to the proxy at `root` failed before any answer: an
 * origin the manifest does not list is blocked by Figma (the proxy may be running fine), else the
 * proxy is not running or the address is wrong. Without `access` (Node tests, the CLI) only the second.
 */
export function unreachableMessage(root: string, access?: NetworkAccess): string {
  const origin = proxyOrigin(root);
  if (access && origin && !allows(origin, access)) return `Figma blocked ${origin}: this build of brandfill may not reach it. ${rebuildHint(origin)}`;
  return `Can't reach the brandfill proxy at ${root}. Check the address in Settings, or ask whoever runs your team's proxy whether it is running.`;
}
