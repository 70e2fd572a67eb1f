/**
 * Team mode as it is deployed: the built server spawned twice with one state key behind no
 * load balancer at all, each request sent to the other replica in turn. A confirm token issued
 * by one deletes on the other, a raw-resource URI from one reads on the other, and neither works
 * for another user or twice. Also: what refuses to start, and the drain on SIGTERM.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/simulator/index.js";
import { BUNDLE, CLEAN_ENV } from "../helpers/stdio.js";
import {
  bearer,
  callTool,
  type Issuer,
  READ,
  rpc,
  STATE_KEY,
  startIssuer,
  textOfResult,
  WRITE,
} from "../helpers/team.js";

const PUBLIC_URL = "https://dr.example.com/mcp";
const ALL = "delete_all_failed_sdrs_tasks";
const LIST = "list_failed_sdrs_tasks";

interface Replica {
  child: ChildProcessWithoutNullStreams;
  url: string;
  stderr(): string;
  exited: Promise<number | null>;
}

/** The bundle with --http on an ephemeral port; resolves once it says where it listens. */
function startReplica(args: string[], env: Record<string, string>): Promise<Replica> {
  const child = spawn(process.execPath, [BUNDLE, ...args], { env: { ...CLEAN_ENV, ...env } });
  let err = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      err += chunk;
      const url = /"url":"(http:\/\/127\.0\.0\.1:\d+\/mcp)"/.exec(err)?.[1];
      if (url) resolve({ child, url, stderr: () => err, exited });
    });
    void exited.then((code) => reject(new Error(`exited with ${code} before listening: ${err}`)));
  });
}

function auditLines(replica: Replica): Record<string, unknown>[] {
  return replica
    .stderr()
    .split("\n")
    .filter((line) => line.includes('"audit":true'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe("two replicas sharing one state key", () => {
  let sim: Simulator;
  let issuer: Issuer;
  let a: Replica;
  let b: Replica;
  let alice: Record<string, string>;
  let bob: Record<string, string>;

  beforeAll(async () => {
    sim = await startSimulator();
    issuer = await startIssuer();
    const env = {
      OS_AUTH_TOKEN: sim.token,
      OS_PROJECT_ID: sim.projectId,
      SDRS_ENDPOINT: sim.url,
      SDRS_MCP_OAUTH_ISSUER: issuer.issuer,
      SDRS_MCP_PUBLIC_URL: PUBLIC_URL,
      SDRS_MCP_STATE_KEY: STATE_KEY,
    };
    [a, b] = await Promise.all([
      startReplica(["--http", "127.0.0.1:0", "--allow-write"], env),
      startReplica(["--http", "127.0.0.1:0", "--allow-write"], env),
    ]);
    alice = bearer(await issuer.mint(PUBLIC_URL, { sub: "alice", scope: `${READ} ${WRITE}` }));
    bob = bearer(await issuer.mint(PUBLIC_URL, { sub: "bob", scope: `${READ} ${WRITE}` }));
  });

  afterAll(async () => {
    for (const replica of [a, b]) {
      replica?.child.kill("SIGTERM");
      await replica?.exited;
    }
    await issuer?.close();
    await sim?.close();
  });

  it("answers alternately: initialize on one, the calls on the other", async () => {
    const init = await rpc(
      a.url,
      "initialize",
      {
        protocolVersion: "2025-11-25",
        capabilities: {},
        clientInfo: { name: "e2e", version: "1" },
      },
      alice,
    );
    expect(init.status).toBe(200);
    expect(init.headers.get("mcp-session-id")).toBeNull();
    const tools = await rpc(b.url, "tools/list", {}, alice);
    const listed = tools.body?.result as { tools?: { name: string }[] } | undefined;
    const names = (listed?.tools ?? []).map((t) => t.name);
    expect(names).toContain(ALL);
  });

  it("reads a raw-resource URI from one replica on the other, for its user only", async () => {
    const listed = await callTool(a.url, LIST, { limit: 3 }, alice);
    const uri = String(listed.result?.structuredContent?.raw_resource_uri);
    const read = await rpc(b.url, "resources/read", { uri }, alice);
    const text = (read.body?.result as { contents: { text: string }[] } | undefined)?.contents[0]
      ?.text;
    expect(JSON.parse(text ?? "{}").failure_jobs).toHaveLength(3);
    const foreign = await rpc(b.url, "resources/read", { uri }, bob);
    expect(JSON.stringify(foreign.body)).toContain("issued to another user");
  });

  it("deletes with a confirm token from the other replica; another user's use and a replay delete nothing", async () => {
    const group = sim.data.failureJobs.find((r) => r.serverGroupId !== null)?.serverGroupId;
    const inScope = () => sim.data.failureJobs.filter((r) => r.serverGroupId === group).length;
    const before = inScope();
    const preview = await callTool(a.url, ALL, { server_group_id: group }, alice);
    const token = String(preview.result?.structuredContent?.confirm_token);
    expect(preview.result?.structuredContent?.outcome).toBe("preview");

    const confirm = (replica: Replica, who: Record<string, string>, confirm_token = token) =>
      callTool(replica.url, ALL, { server_group_id: group, confirm_token }, who);

    const stolen = await confirm(b, bob);
    expect(textOfResult(stolen.result)).toContain("issued to another user");
    expect(inScope()).toBe(before);

    const done = await confirm(b, alice);
    expect(done.result?.structuredContent?.outcome).toBe("deleted");
    expect(inScope()).toBe(0);
    const deletes = sim.requests.filter((r) => r.method === "DELETE").length;

    // Replayed on the replica that issued it, which never saw it spent: the set is gone.
    const replay = await confirm(a, alice);
    expect(replay.result?.structuredContent?.outcome ?? "refused").not.toBe("deleted");
    expect(textOfResult(replay.result)).toMatch(/already gone|nothing was deleted/i);
    expect(sim.requests.filter((r) => r.method === "DELETE").length).toBe(deletes);

    const altered = `${token.slice(0, 10)}${token[10] === "A" ? "B" : "A"}${token.slice(11)}`;
    const tampered = await confirm(b, alice, altered);
    expect(textOfResult(tampered.result)).toContain("not a confirm token of this server");
  });

  it("writes one audit line per tool call on each replica, and never a token", async () => {
    const lines = [...auditLines(a), ...auditLines(b)];
    expect(lines.length).toBeGreaterThanOrEqual(6);
    for (const line of lines) {
      expect(Object.keys(line).slice(0, 2)).toEqual(["audit", "time"]);
      expect(line).toMatchObject({ audit: true, client: "claude-connector" });
      expect(["alice", "bob"]).toContain(line.subject);
    }
    const deleted = lines.find((line) => (line.deleted as { count?: number } | undefined)?.count);
    expect(deleted).toMatchObject({ subject: "alice", tool: ALL, outcome: "ok" });
    expect(lines.find((l) => l.subject === "bob" && l.tool === ALL)).toMatchObject({
      outcome: "denied",
    });
    for (const replica of [a, b]) {
      expect(replica.stderr()).not.toContain(alice.authorization?.slice(7));
      expect(replica.stderr()).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}\./);
    }
  });

  it("answers a call in flight after SIGTERM, then exits 0", async () => {
    const c = await startReplica(["--http", "127.0.0.1:0"], {
      OS_AUTH_TOKEN: sim.token,
      OS_PROJECT_ID: sim.projectId,
      SDRS_ENDPOINT: sim.url,
    });
    sim.faults.add({ fault: { kind: "latency", ms: 300 }, pathIncludes: "failure-jobs" });
    const arrived = sim.nextRequest();
    const call = callTool(c.url, LIST, { limit: 1 });
    await arrived;
    c.child.kill("SIGTERM");
    const answered = await call;
    expect(answered.status).toBe(200);
    expect(answered.result?.isError).toBeFalsy();
    expect(await c.exited).toBe(0);
  });
});

describe("what refuses to start (exit 2, naming what is missing)", () => {
  const run = (args: string[], env: Record<string, string> = {}) =>
    new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [BUNDLE, ...args], { env: { ...CLEAN_ENV, ...env } });
      let stderr = "";
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
        stderr += chunk;
      });
      child.on("exit", (code) => resolve({ code, stderr }));
    });

  it("a non-loopback address without OAuth and without a state key", async () => {
    const { code, stderr } = await run(["--demo", "--http", "0.0.0.0:0"]);
    expect(code).toBe(2);
    expect(stderr).toContain("refusing to start");
    expect(stderr).toContain("without OAuth: set SDRS_MCP_OAUTH_ISSUER");
    expect(stderr).toContain("SDRS_MCP_PUBLIC_URL");
    expect(stderr).toContain("without SDRS_MCP_STATE_KEY");
  });

  it("a non-loopback address with OAuth but a state key too short", async () => {
    const { code, stderr } = await run(["--demo"], {
      SDRS_MCP_HTTP: "0.0.0.0:0",
      SDRS_MCP_OAUTH_ISSUER: "https://login.example.com",
      SDRS_MCP_PUBLIC_URL: PUBLIC_URL,
      SDRS_MCP_STATE_KEY: "abcd",
    });
    expect(code).toBe(2);
    expect(stderr).toContain("SDRS_MCP_STATE_KEY is not a usable key");
    expect(stderr).not.toContain("without OAuth");
  });

  it("a malformed listen address", async () => {
    const { code, stderr } = await run(["--http", "somewhere"]);
    expect(code).toBe(2);
    expect(stderr).toContain("must be [HOST:]PORT");
  });
});
