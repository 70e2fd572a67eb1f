/**
 * End to end: the built server (dist/index.js) spawned as a host spawns it, spoken to over
 * stdin/stdout. `npm test` builds first.
 */
import { execFile, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/simulator/index.js";
import {
  BUNDLE,
  CLEAN_ENV,
  ENTRY,
  expectOnlyJsonRpc,
  initialize,
  startServer,
} from "../helpers/stdio.js";

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

  it("exits 2 on a bad flag, naming it alone, with nothing on stdout", () => {
    const run = spawnSync(process.execPath, [ENTRY, "--bogus"], {
      env: { ...CLEAN_ENV, SDRS_MCP_LOG_LEVEL: "loud" },
      encoding: "utf8",
    });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain('unknown argument "--bogus"');
    expect(run.stderr).not.toContain("SDRS_MCP_LOG_LEVEL");
  });

  it("starts unconfigured, lists its tools, and every call explains every problem", async () => {
    const s = startServer([], { OS_PROJECT_ID: "xyz", SDRS_ENDPOINT: "http://example.com" });
    await initialize(s);
    const tools = (await s.request("tools/list")).result as { tools: { name: string }[] };
    expect(tools.tools.map((t) => t.name)).toContain("list_failed_sdrs_tasks");
    for (const name of ["list_failed_sdrs_tasks", "summarize_sdrs_failures"]) {
      const call = await s.request("tools/call", { name, arguments: {} });
      const result = call.result as { isError: boolean; content: { text: string }[] };
      expect(result.isError).toBe(true);
      const text = result.content[0]?.text ?? "";
      expect(text).toMatch(/not configured/);
      expect(text).toContain('OS_PROJECT_ID (setting "Project ID") must be 32');
      expect(text).toContain('SDRS_ENDPOINT (setting "SDRS endpoint") must use https://');
      for (const variable of ["OS_AUTH_TOKEN", "OS_ACCESS_KEY", "OS_USERNAME", "OS_CLOUD"]) {
        expect(text).toContain(variable);
      }
      expect(text).toContain('"IAM token"');
    }
    s.child.stdin.end();
    expect(await s.exited).toBe(0);
    expectOnlyJsonRpc(s.stdout());
    // Logged once at start, not once per call.
    expect(s.stderr().match(/is not configured/g)).toHaveLength(1);
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

  describe("--check", () => {
    let sim: Simulator;
    beforeAll(async () => {
      sim = await startSimulator({ token: "check-very-secret-token-0123456789" });
    });
    afterAll(async () => sim.close());

    /** Async, as the simulator answers from this very process. */
    async function check(env: Record<string, string>, args: string[] = []) {
      const run = promisify(execFile)(process.execPath, [BUNDLE, "--check", ...args], {
        env: { ...CLEAN_ENV, ...env },
        encoding: "utf8",
      });
      return run.then(
        ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
        (e: { code: number; stdout: string; stderr: string }) => ({ ...e }),
      );
    }

    it("exits 0 when the read works, saying what it used", async () => {
      const run = await check({
        OS_AUTH_TOKEN: sim.token,
        OS_PROJECT_ID: sim.projectId,
        SDRS_ENDPOINT: sim.url,
      });
      expect(run.code).toBe(0);
      expect(run.stdout).toBe("");
      expect(run.stderr).toContain("IAM token (OS_AUTH_TOKEN)");
      expect(run.stderr).toContain(`SDRS:     ${sim.url}`);
      expect(run.stderr).toContain(`project:  ${sim.projectId}`);
      expect(run.stderr).toMatch(/^OK: /m);
      expect(run.stderr).not.toContain(sim.token);
      const read = sim.requests.at(-1);
      expect(read?.path).toMatch(/\/task-center\/failure-jobs$/);
      expect(read?.query.toString()).toBe("limit=1");
    });

    it("exits 0 with --demo", async () => {
      const run = await check({}, ["--demo"]);
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(/^OK: /m);
    });

    it("exits 1 when SDRS answers 401, with the next step", async () => {
      const run = await check({
        OS_AUTH_TOKEN: "wrong-token-value",
        OS_PROJECT_ID: sim.projectId,
        SDRS_ENDPOINT: sim.url,
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/^FAILED: HTTP 401/m);
      expect(run.stderr).toContain("renew OS_AUTH_TOKEN");
      expect(run.stderr).not.toContain("wrong-token-value");
    });

    describe("a clouds.yaml that is a FIFO nobody writes to", () => {
      let dir: string;
      let fifo = "";
      beforeAll(() => {
        dir = mkdtempSync(join(tmpdir(), "sdrs-mcp-fifo-"));
        const path = join(dir, "clouds.yaml");
        if (spawnSync("mkfifo", [path]).status === 0) fifo = path;
      });
      afterAll(() => rmSync(dir, { recursive: true, force: true }));
      const fifoEnv = () => ({ OS_CLOUD: "otc", OS_CLIENT_CONFIG_FILE: fifo });

      it("--check names it and exits 2", async () => {
        if (!fifo) return console.warn("skipped: mkfifo is not available");
        const run = await check(fifoEnv());
        expect(run.code).toBe(2);
        expect(run.stderr).toContain(`${fifo} (named by OS_CLIENT_CONFIG_FILE`);
        expect(run.stderr).toContain("is not a regular file (it is a FIFO)");
      });

      it("the server initializes and every call names it", async () => {
        if (!fifo) return console.warn("skipped: mkfifo is not available");
        const s = startServer([], fifoEnv());
        await initialize(s);
        const call = await s.request("tools/call", {
          name: "list_failed_sdrs_tasks",
          arguments: {},
        });
        const result = call.result as { isError: boolean; content: { text: string }[] };
        expect(result.isError).toBe(true);
        expect(result.content[0]?.text).toContain("is not a regular file (it is a FIFO)");
        s.child.stdin.end();
        expect(await s.exited).toBe(0);
      });
    });

    it("exits 2 when the configuration is not usable, naming every problem", async () => {
      const run = await check({ OS_PROJECT_ID: "xyz" });
      expect(run.code).toBe(2);
      expect(run.stdout).toBe("");
      expect(run.stderr).toContain("OS_PROJECT_ID");
      expect(run.stderr).toContain("no credentials");
    });
  });
});
