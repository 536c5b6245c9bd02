// Issue 14, point 1: a team's proxy must be reachable. The built manifest allows exactly the team
// proxy's origin, the localhost proxy only from the Development menu; Settings and the "can't reach"
// message tell a blocked origin from a stopped proxy.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { builtManifest, DEV_PROXY_ORIGIN, panelDefine, teamProxyOrigin } from "../../build-options.mjs";
import { proxyAddressProblem, proxyOrigin, unreachableMessage, type NetworkAccess } from "../../src/core/network/proxy-access.js";
import { createProxyClient, ProxyError } from "../../src/jobs/proxy-client.js";

const repositoryManifest = JSON.parse(readFileSync(new URL("../../manifest.json", import.meta.url), "utf8")) as Record<string, any>;

describe("the team build's manifest", () => {
  it("allows exactly BRANDFILL_PROXY_URL's origin, with the localhost proxy in devAllowedDomains only", () => {
    const origin = teamProxyOrigin("https://proxy.example.com");
    const manifest = builtManifest(repositoryManifest, origin);
    expect(manifest.networkAccess.allowedDomains).toEqual(["https://proxy.example.com"]);
    expect(manifest.networkAccess.devAllowedDomains).toEqual(["http://localhost:8787"]);
    expect([manifest.main, manifest.ui]).toEqual(["code.js", "ui.html"]);
    expect(manifest.relaunchButtons).toEqual(repositoryManifest.relaunchButtons);
    expect(JSON.parse(panelDefine(manifest).__BRANDFILL_NETWORK_ACCESS__!)).toEqual({ allowedDomains: ["https://proxy.example.com"], devAllowedDomains: [DEV_PROXY_ORIGIN] });
    expect(teamProxyOrigin("https://proxy.example.com/v1/")).toBe("https://proxy.example.com");
  });

  it("keeps the localhost proxy out of allowedDomains in the repository's and the default build's manifest", () => {
    expect(repositoryManifest.networkAccess.allowedDomains).not.toContain("http://localhost:8787");
    expect(repositoryManifest.networkAccess.devAllowedDomains).toEqual(["http://localhost:8787"]);
    expect(builtManifest(repositoryManifest, teamProxyOrigin(undefined)).networkAccess.allowedDomains).toEqual(["none"]);
  });

  it("refuses an address that is not https", () => {
    expect(() => teamProxyOrigin("http://proxy.example.com")).toThrow(/https/);
    expect(() => teamProxyOrigin("proxy example")).toThrow(/not a web address/);
  });
});

describe("Settings and the can't-reach message", () => {
  const team: NetworkAccess = { allowedDomains: ["https://proxy.example.com"], devAllowedDomains: ["http://localhost:8787"] };
  const dev: NetworkAccess = { allowedDomains: ["none"], devAllowedDomains: ["http://localhost:8787"] };

  it("reads an address's origin as URL.origin does (case, default port, path)", () => {
    for (const address of ["HTTPS://Proxy.Example.com:443/v1/", "http://localhost:8787", "http://127.0.0.1:80/x?y", "https://[::1]:8443"]) {
      expect(proxyOrigin(address)).toBe(new URL(address).origin);
    }
    expect(proxyOrigin("ftp://proxy.example.com")).toBeNull();
    expect(proxyOrigin("proxy.example.com")).toBeNull();
  });

  it("refuses an origin the manifest does not allow, saying how to rebuild", () => {
    expect(proxyAddressProblem("https://proxy.example.com/", team)).toBeNull();
    expect(proxyAddressProblem("http://localhost:8787", dev)).toBeNull();
    expect(proxyAddressProblem("https://brandfill-abc.a.run.app", dev)).toMatch(
      /^Figma blocks https:\/\/brandfill-abc\.a\.run\.app: .*BRANDFILL_PROXY_URL=https:\/\/brandfill-abc\.a\.run\.app npm run build/,
    );
    expect(proxyAddressProblem("not a url", team)).toMatch(/not a web address/);
  });

  it("tells a blocked origin apart from a stopped proxy", async () => {
    const refused = (async () => {
      throw new TypeError("Failed to fetch");
    }) as typeof fetch;
    const blocked = await createProxyClient("https://brandfill-abc.a.run.app", undefined, refused, dev)
      .healthAsync()
      .catch((e: ProxyError) => e);
    expect(blocked).toBeInstanceOf(ProxyError);
    expect((blocked as ProxyError).message).toMatch(/^Figma blocked https:\/\/brandfill-abc\.a\.run\.app: .*Rebuild with BRANDFILL_PROXY_URL=/);
    const stopped = await createProxyClient("http://127.0.0.1:9", undefined, undefined, { allowedDomains: ["http://127.0.0.1:9"], devAllowedDomains: [] })
      .healthAsync()
      .catch((e: ProxyError) => e);
    expect((stopped as ProxyError).message).toMatch(/^Can't reach the brandfill proxy at http:\/\/127\.0\.0\.1:9\. Check the address in Settings/);
    expect(unreachableMessage("http://localhost:8787", dev)).toMatch(/Check the address in Settings/);
  });
});
