/**
 * End to end: the built server (dist/index.js) spawned as a host spawns it, spoken to over
 * stdin/stdout. `npm test` builds first.
 */
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../src/simulator/index.js";
import { CLEAN_ENV, ENTRY, expectOnlyJsonRpc, initialize, startServer } from "./stdio-helpers.js";

describe("over stdio", () => {
  it("serves the demo with only JSON-RPC frames on stdout, even at debug level", async () => {
    const s = startServer(["--demo"], { SDRS_MCP_LOG_LEVEL: "debug" });
    const init = await initialize(s);
    expect(init.result).toMatchObject({ serverInfo: { name: "sdrs-mcp" } });
    const tools = await s.request("tools/list");
    expect((tools.result as { tools: { name: string }[] }).tools.map((t) => t.name)).toContain(
      "list_failed_sdrs_tasks",
    );
    const call = await s.request("tools/call", {
      name: "list_failed_sdrs_tasks",
      arguments: { failure_status: "failoverFail" },
    });
    const result = call.result as {
      isError?: boolean;
      structuredContent: { summary: string; filters: unknown };
    };
    expect(result.isError).toBeFalsy();
    expect(result.structuredContent.filters).toEqual({ failure_status: "failoverFail" });
    const bad = await s.request("tools/call", {
      name: "list_failed_sdrs_tasks",
      arguments: { limit: 0 },
    });
    expect(bad.result).toMatchObject({ isError: true });
    s.child.stdin.end();
    expect(await s.exited).toBe(0);
    expectOnlyJsonRpc(s.stdout());
    expect(s.stderr()).toContain('"msg":"SDRS response"');
  });

  describe("with a token against SDRS_ENDPOINT", () => {
    let sim: Simulator;
    beforeAll(async () => {
      sim = await startSimulator({ token: "e2e-very-secret-token-0123456789" });
    });
    afterAll(async () => sim.close());

    it("authenticates with X-Auth-Token and never prints the token", async () => {
      const s = startServer([], {
        OS_AUTH_TOKEN: sim.token,
        OS_PROJECT_ID: sim.projectId,
        SDRS_ENDPOINT: sim.url,
        SDRS_MCP_LOG_LEVEL: "trace",
      });
      await initialize(s);
      const call = await s.request("tools/call", {
        name: "list_failed_sdrs_tasks",
        arguments: { limit: 3 },
      });
      expect(
        (call.result as { structuredContent: { page: { returned: number } } }).structuredContent
          .page.returned,
      ).toBe(3);
      expect(sim.requests.at(-1)?.headers["x-auth-token"]).toBe(sim.token);
      s.child.stdin.end();
      expect(await s.exited).toBe(0);
      expectOnlyJsonRpc(s.stdout());
      expect(s.stdout()).not.toContain(sim.token);
      expect(s.stderr()).not.toContain(sim.token);
    });

    it("turns a rejected token into an isError result that names the next step", async () => {
      const s = startServer([], {
        OS_AUTH_TOKEN: "wrong-token-value",
        OS_PROJECT_ID: sim.projectId,
        SDRS_ENDPOINT: sim.url,
      });
      await initialize(s);
      const call = await s.request("tools/call", { name: "list_failed_sdrs_tasks", arguments: {} });
      const result = call.result as { isError: boolean; content: { text: string }[] };
      expect(result.isError).toBe(true);
      expect(result.content[0]?.text).toMatch(/^HTTP 401/);
      expect(result.content[0]?.text).toMatch(/renew OS_AUTH_TOKEN/);
      s.child.stdin.end();
      await s.exited;
    });
  });

  it("exits 2 with every configuration problem on stderr and nothing on stdout", () => {
    const run = spawnSync(process.execPath, [ENTRY, "--bogus"], {
      env: { ...CLEAN_ENV, SDRS_MCP_LOG_LEVEL: "loud", SDRS_ENDPOINT: "http://example.com" },
      encoding: "utf8",
    });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain('unknown argument "--bogus"');
    expect(run.stderr).toContain("SDRS_MCP_LOG_LEVEL");
    expect(run.stderr).toContain("SDRS_ENDPOINT must use https://");
    expect(run.stderr).toContain("no credentials");
  });

  it("prints help and version on stderr, keeping stdout for JSON-RPC", () => {
    const help = spawnSync(process.execPath, [ENTRY, "--help"], {
      env: CLEAN_ENV,
      encoding: "utf8",
    });
    expect(help.status).toBe(0);
    expect(help.stdout).toBe("");
    expect(help.stderr).toContain("Usage: sdrs-mcp");
    const version = spawnSync(process.execPath, [ENTRY, "--version"], {
      env: CLEAN_ENV,
      encoding: "utf8",
    });
    expect(version.stderr.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});
