/**
 * What leaves the MCP layer stays safe and small whatever came in: validation errors, completion
 * values, log lines, kept raw bodies, and the answers of a server that is not configured.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUnconfiguredApp } from "../../src/app/app.js";
import { AuthError } from "../../src/auth/errors.js";
import { describeError, errorForLog } from "../../src/mcp/errors.js";
import { RawResponseStore } from "../../src/mcp/raw-store.js";
import { SdrsError } from "../../src/sdrs/errors.js";
import { type Harness, startHarness, textOf } from "../helpers/harness.js";

describe("validation errors", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  it("name a few unknown keys and count the rest, however many were sent", async () => {
    const args: Record<string, unknown> = {};
    for (let i = 0; i < 100_000; i++) args[`key${i}${"x".repeat(20)}`] = i;
    const result = await h.call("list_failed_sdrs_tasks", args);
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toContain("and 99997 more");
    expect(text).toContain("allowed are project_id");
    expect(JSON.stringify(result).length).toBeLessThan(2_000);
    expect(h.sim.requests.filter((r) => r.path.includes("failure-jobs"))).toEqual([]);
  });

  it("answer an unknown tool name of 1 MiB inside the output budget", async () => {
    const name = `x${"\u202e".repeat(10)}${"y".repeat(1024 * 1024)}`;
    const result = (await h.client.callTool({ name, arguments: {} })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^MCP error -32602: Tool x/);
    expect(textOf(result)).not.toContain("\u202e");
    expect(JSON.stringify(result).length).toBeLessThan(40_000);
  });

  it("complete group names cleaned of control, bidi and format characters and of credentials", async () => {
    const group = h.sim.data.serverGroups[0];
    if (!group) throw new Error("the simulator has groups");
    group.name = `prod\u202e\u0007\u001b[31m-${h.sim.token}\u2066\u200b-db`;
    const names = await h.client.complete({
      ref: { type: "ref/prompt", name: "triage_sdrs_failures" },
      argument: { name: "protection_group", value: "prod" },
    });
    const values = names.completion.values;
    expect(values.length).toBeGreaterThan(0);
    for (const value of values) {
      expect(value).not.toContain(h.sim.token);
      expect(value).not.toMatch(/[\p{Cc}\p{Cf}]/u);
    }
    expect(values.some((v) => v.startsWith("prod") && v.includes("[redacted]"))).toBe(true);
  });
});

describe("error texts", () => {
  it("say that a redirect is not followed and which setting to fix", () => {
    const error = new SdrsError({
      kind: "http",
      method: "GET",
      path: "/v1/x/task-center/failure-jobs",
      status: 302,
    });
    const text = describeError(error);
    expect(text).toMatch(/^HTTP 302/);
    expect(text).toContain("does not follow");
    expect(text).toContain("SDRS_ENDPOINT");
    expect(text).not.toContain("input schema");
  });
});

describe("log lines of failed calls", () => {
  it("scrub an echoed password from the stack as well as the message", () => {
    const password = "Sup3r-Secret-Passw0rd";
    const error = new AuthError(`IAM answered HTTP 401: user admin password ${password} rejected`);
    const logged = JSON.stringify(errorForLog(error, [password]));
    expect(logged).toContain("stack");
    expect(logged).not.toContain(password);
  });
});

describe("the raw response store", () => {
  it("bounds the bytes held, so non-Latin bodies cannot take more than the bound", () => {
    const store = new RawResponseStore({ maxEntries: 100, maxBytes: 30_000 });
    const cjk = `{"name":"${"数据库".repeat(1_000)}"}`; // 3,012 characters, 9,012 UTF-8 bytes
    for (let i = 0; i < 10; i++) store.put(cjk, `body ${i}`);
    expect(store.size.bytes).toBeLessThanOrEqual(30_000);
    expect(store.size.entries).toBe(3);
    const kept = store.list().at(-1);
    expect(kept && store.get(kept.uri)?.body).toBe(cjk);
  });

  it("keeps a body given as its bytes without encoding it again, bound by those bytes", () => {
    const store = new RawResponseStore({ maxEntries: 100, maxBytes: 30_000 });
    const cjk = `{"name":"${"数据库".repeat(1_000)}"}`;
    const bytes = Buffer.from(cjk, "utf8");
    for (let i = 0; i < 10; i++) store.put(bytes, `body ${i}`);
    expect(store.size).toEqual({ entries: 3, bytes: 3 * bytes.length });
    const kept = store.list().at(-1);
    expect(kept && store.get(kept.uri)?.body).toBe(cjk);
    expect(store.get(store.put(Buffer.from("é".repeat(20_000)), "too large"))).toBeUndefined();
  });

  it("keeps nothing of a body larger than the bound, and says so on read", () => {
    const store = new RawResponseStore({ maxEntries: 10, maxBytes: 1_000 });
    const uri = store.put("é".repeat(600), "too large in bytes, not in characters");
    expect(store.get(uri)).toBeUndefined();
    expect(store.size.bytes).toBe(0);
  });
});

describe("a server that is not configured", () => {
  it("lists its tools and answers every call with each problem and its fix", async () => {
    const problems = [
      'no credentials: set OS_AUTH_TOKEN (setting "Auth token"), or OS_CLOUD',
      "no project: set OS_PROJECT_ID",
    ];
    const app = createUnconfiguredApp(problems, {
      logger: pino({ level: "silent" }),
      toolTimeoutMs: 5_000,
    });
    const client = new Client({ name: "test", version: "1.0.0" });
    const [a, b] = InMemoryTransport.createLinkedPair();
    await Promise.all([app.server.connect(b), client.connect(a)]);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain("list_failed_sdrs_tasks");
      // Valid arguments, so the answer is about the configuration, not the input.
      const valid: Record<string, string> = { job_id: "ff808082686f229a0168707beaab014e" };
      for (const tool of tools) {
        const required = tool.inputSchema.required ?? [];
        const args = Object.fromEntries(required.map((name) => [name, valid[name]]));
        const result = (await client.callTool({
          name: tool.name,
          arguments: args,
        })) as CallToolResult;
        expect(result.isError).toBe(true);
        for (const problem of problems) expect(textOf(result)).toContain(problem);
      }
    } finally {
      await client.close();
      await app.close();
    }
  });
});

describe("resource errors", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  it("say the JSON-RPC code once and name the bad field", async () => {
    const uri = `sdrs://projects/${h.sim.projectId}/failure-jobs?limit=5000`;
    const error = await h.client.readResource({ uri }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    const message = (error as Error).message;
    expect(message.match(/MCP error -32602/g)).toHaveLength(1);
    expect(message).toContain("limit must be a whole number from 1 to 1000");
  });
});
