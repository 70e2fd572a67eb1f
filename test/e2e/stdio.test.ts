/**
 * End to end: the built server (dist/index.js) spawned as a host spawns it, spoken to over
 * stdin/stdout. `npm test` builds first.
 */
import { execFile, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
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
      const text = result.content[0]?.text ?? "";
      expect(text).toMatch(/^HTTP 401/);
      // Expired or revoked; how to get a new one; restart; what lasts instead.
      expect(text).toContain(
        "SDRS rejected the IAM token: it has expired (IAM tokens are valid 24 hours) or was revoked",
      );
      expect(text).toContain("`openstack token issue -f value -c id` (valid 24 hours)");
      expect(text).toContain("then restart sdrs-mcp");
      expect(text).toContain("an MCP Bundle restarts when its settings change");
      expect(text).toContain(
        'an access key pair instead (OS_ACCESS_KEY (setting "Access key (AK)")',
      );
      expect(text).toContain('a clouds.yaml entry (OS_CLOUD (setting "clouds.yaml entry"))');
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
      expect(text).toContain('"IAM token (quick try)"');
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
      expect(run.stderr).toContain(
        "auth:     IAM token (valid 24 hours after it was issued) from OS_AUTH_TOKEN",
      );
      expect(run.stderr).toContain("region:   eu-de (the default region)");
      expect(run.stderr).toContain(`SDRS:     ${sim.url} (from SDRS_ENDPOINT)`);
      expect(run.stderr).toContain(`project:  ${sim.projectId} (from OS_PROJECT_ID)`);
      expect(run.stderr).toMatch(/^OK: /m);
      expect(run.stderr).not.toContain(sim.token);
      const read = sim.requests.at(-1);
      expect(read?.path).toMatch(/\/task-center\/failure-jobs$/);
      expect(read?.query.toString()).toBe("limit=1");
    });

    it("names the variable actually set: OS_TOKEN is not OS_AUTH_TOKEN", async () => {
      const run = await check({
        OS_TOKEN: sim.token,
        OS_TENANT_ID: sim.projectId,
        OS_REGION_NAME: "EU-DE",
        SDRS_ENDPOINT: sim.url,
      });
      expect(run.code).toBe(0);
      expect(run.stderr).toContain("from OS_TOKEN");
      expect(run.stderr).not.toContain("OS_AUTH_TOKEN");
      expect(run.stderr).toContain("region:   eu-de (from OS_REGION_NAME)");
      expect(run.stderr).toContain(`(from OS_TENANT_ID)`);
    });

    it("names the clouds.yaml entry and each file a setting came from", async () => {
      const home = mkdtempSync(join(tmpdir(), "sdrs-mcp-check-home-"));
      const folder = join(home, ".config", "openstack");
      mkdirSync(folder, { recursive: true });
      writeFileSync(
        join(folder, "secure.yaml"),
        "clouds:\n  otc:\n    auth:\n      password: demo-password\n",
      );
      const elsewhere = mkdtempSync(join(tmpdir(), "sdrs-mcp-check-clouds-"));
      const clouds = join(elsewhere, "clouds.yaml");
      writeFileSync(
        clouds,
        `clouds:\n  otc:\n    region_name: eu-de\n    auth:\n      auth_url: ${sim.url}/v3\n      username: demo-user\n      user_domain_name: OTC-EU-DE-DEMO\n      project_name: ${sim.projectName}\n`,
      );
      try {
        const run = await check({ HOME: home, OS_CLOUD: "otc", OS_CLIENT_CONFIG_FILE: clouds });
        expect(run.stderr).toMatch(/^OK: /m);
        const entry = `clouds.yaml entry "otc" (${clouds})`;
        expect(run.stderr).toContain(
          `auth:     password sign-in of user demo-user from ${entry} and secure.yaml entry "otc" (~/.config/openstack/secure.yaml)`,
        );
        expect(run.stderr).toContain(`region:   eu-de (from ${entry})`);
        expect(run.stderr).toContain(`IAM:      ${sim.url}/v3 (from ${entry})`);
        expect(run.stderr).toContain(`SDRS:     ${sim.url} (from the IAM token's catalog)`);
        expect(run.stderr).toContain(`(${sim.projectName}) (from ${entry})`);
        expect(run.stderr).not.toContain("demo-password");
      } finally {
        rmSync(home, { recursive: true, force: true });
        rmSync(elsewhere, { recursive: true, force: true });
      }
    });

    it("says that eu-nl's SDRS host is not in the official endpoint list", async () => {
      // A proxy that is not there: nothing leaves this machine.
      const run = await check({
        OS_AUTH_TOKEN: "t",
        OS_PROJECT_ID: sim.projectId,
        OS_REGION_NAME: "eu-nl",
        HTTPS_PROXY: "http://127.0.0.1:1",
        SDRS_MCP_RETRIES: "0",
      });
      expect(run.code).toBe(1);
      const note =
        "SDRS is not in the official endpoint list for eu-nl, so https://sdrs.eu-nl.otc.t-systems.com (or the address the IAM catalog names) may not exist: set SDRS_ENDPOINT";
      expect(run.stderr).toContain(`note:     ${note}`);
      expect(run.stderr).toMatch(/^FAILED: .*SDRS is not in the official endpoint list for eu-nl/m);
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
      expect(run.stderr).toContain("openstack token issue -f value -c id");
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
