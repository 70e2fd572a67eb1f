/**
 * Team settings: where to listen, and what refuses to start. A shared server must never listen
 * off loopback without OAuth or without a state key every replica shares.
 */
import { describe, expect, it } from "vitest";
import { loadTeamSettings, parseListen, parseStateKey } from "../../../src/config/team.js";

const KEY = "0f".repeat(32);
const OAUTH = {
  SDRS_MCP_OAUTH_ISSUER: "https://login.example.com/realms/team",
  SDRS_MCP_PUBLIC_URL: "https://dr.example.com/mcp",
};

function problems(env: Record<string, string>, listen: string): string[] {
  const result = loadTeamSettings(env, listen);
  return "problems" in result ? result.problems : [];
}

function settings(env: Record<string, string>, listen: string) {
  const result = loadTeamSettings(env, listen);
  if ("problems" in result) throw new Error(result.problems.join("; "));
  return result.settings;
}

describe("team settings", () => {
  it("reads [HOST:]PORT, defaulting to 127.0.0.1", () => {
    const found: string[] = [];
    expect(parseListen("8080", found)).toEqual({ host: "127.0.0.1", port: 8080 });
    expect(parseListen("0.0.0.0:8080", found)).toEqual({ host: "0.0.0.0", port: 8080 });
    expect(parseListen("[::1]:9", found)).toEqual({ host: "::1", port: 9 });
    expect(parseListen("localhost:0", found)).toEqual({ host: "localhost", port: 0 });
    expect(found).toEqual([]);
    for (const bad of ["", "http://x:1", "99999", "host:", ":80:81", "::1:80", "--demo"]) {
      const why: string[] = [];
      expect(parseListen(bad, why), bad).toBeUndefined();
      expect(why[0]).toContain("must be [HOST:]PORT");
    }
  });

  it("on loopback needs neither OAuth nor a key", () => {
    expect(settings({}, "8080")).toMatchObject({
      loopback: true,
      trustProxy: false,
      allowedOrigins: [],
    });
    expect(settings({}, "8080").oauth).toBeUndefined();
    expect(settings({}, "8080").stateKey).toBeUndefined();
    expect(settings({}, "[::1]:8080").loopback).toBe(true);
  });

  it("refuses to listen off loopback without OAuth or without a state key, naming what is missing", () => {
    const none = problems({}, "0.0.0.0:8080");
    expect(none).toHaveLength(2);
    expect(none[0]).toMatch(
      /refusing to listen on 0\.0\.0\.0:8080 .*without OAuth: set SDRS_MCP_OAUTH_ISSUER .* and SDRS_MCP_PUBLIC_URL/,
    );
    expect(none[1]).toMatch(/without SDRS_MCP_STATE_KEY/);
    expect(problems(OAUTH, "0.0.0.0:8080")).toEqual([expect.stringMatching(/SDRS_MCP_STATE_KEY/)]);
    expect(problems({ SDRS_MCP_STATE_KEY: KEY }, "10.0.0.1:80")).toEqual([
      expect.stringMatching(/without OAuth/),
    ]);
    expect(settings({ ...OAUTH, SDRS_MCP_STATE_KEY: KEY }, "0.0.0.0:8080")).toMatchObject({
      loopback: false,
      oauth: { issuer: OAUTH.SDRS_MCP_OAUTH_ISSUER, publicUrl: OAUTH.SDRS_MCP_PUBLIC_URL },
    });
  });

  it("wants the issuer and the public URL together, over https (http only on loopback)", () => {
    expect(problems({ SDRS_MCP_OAUTH_ISSUER: OAUTH.SDRS_MCP_OAUTH_ISSUER }, "8080")).toEqual([
      expect.stringContaining("SDRS_MCP_PUBLIC_URL is not set"),
    ]);
    expect(
      problems({ ...OAUTH, SDRS_MCP_PUBLIC_URL: "http://dr.example.com/mcp" }, "8080")[0],
    ).toContain("SDRS_MCP_PUBLIC_URL must use https://");
    // Kept exactly: the issuer is compared with the tokens' iss as written (a trailing slash too).
    const slash = { ...OAUTH, SDRS_MCP_OAUTH_ISSUER: "https://tenant.auth0.com/" };
    expect(settings(slash, "8080").oauth?.issuer).toBe("https://tenant.auth0.com/");
  });

  it("takes a state key of 32 bytes or more in hex or base64, and nothing shorter", () => {
    expect(parseStateKey(KEY)?.length).toBe(32);
    expect(parseStateKey(Buffer.alloc(32, 7).toString("base64"))?.length).toBe(32);
    expect(parseStateKey(Buffer.alloc(48, 7).toString("base64url"))?.length).toBe(48);
    expect(parseStateKey("0f".repeat(31))).toBeUndefined();
    expect(parseStateKey(Buffer.alloc(31, 7).toString("base64"))).toBeUndefined();
    expect(parseStateKey("correct horse battery staple, long enough?")).toBeUndefined();
    expect(problems({ SDRS_MCP_STATE_KEY: "short" }, "8080")).toEqual([
      expect.stringMatching(/SDRS_MCP_STATE_KEY is not a usable key: .*64 hexadecimal/),
    ]);
  });

  it("checks the origins, hosts, projects and the proxy switch", () => {
    const good = settings(
      {
        SDRS_MCP_ALLOWED_ORIGINS: "https://App.example.com, http://localhost:6274",
        SDRS_MCP_ALLOWED_HOSTS: "sdrs-mcp.dr.svc:8080,MCP.internal",
        SDRS_MCP_TRUST_PROXY: "true",
        SDRS_MCP_PROJECTS: `${"a".repeat(32)},${"b".repeat(32)}`,
      },
      "8080",
    );
    expect(good).toMatchObject({
      allowedOrigins: ["https://app.example.com", "http://localhost:6274"],
      allowedHosts: ["sdrs-mcp.dr.svc:8080", "mcp.internal"],
      trustProxy: true,
      projects: ["a".repeat(32), "b".repeat(32)],
    });
    const bad = problems(
      {
        SDRS_MCP_ALLOWED_ORIGINS: "*,https://x.example.com/path",
        SDRS_MCP_ALLOWED_HOSTS: "http://x",
        SDRS_MCP_TRUST_PROXY: "yes",
        SDRS_MCP_PROJECTS: "prod",
      },
      "8080",
    );
    expect(bad).toHaveLength(5);
    expect(bad.join("\n")).toMatch(/SDRS_MCP_ALLOWED_ORIGINS entry "\*"/);
    expect(bad.join("\n")).toMatch(/SDRS_MCP_PROJECTS must list project IDs/);
  });

  it("quotes a refused origin or host without its user info", () => {
    const bad = problems(
      {
        SDRS_MCP_ALLOWED_ORIGINS: "https://u:hunter2@app.example.com,https://u:hunter2 x@b.example",
        SDRS_MCP_ALLOWED_HOSTS: "u:hunter2@mcp.internal",
      },
      "8080",
    ).join("\n");
    expect(bad).toContain('SDRS_MCP_ALLOWED_ORIGINS entry "https://…@app.example.com"');
    expect(bad).toContain('SDRS_MCP_ALLOWED_ORIGINS entry "https://…@b.example"');
    expect(bad).toContain('SDRS_MCP_ALLOWED_HOSTS entry "…@mcp.internal"');
    expect(bad).not.toContain("hunter2");
  });
});
