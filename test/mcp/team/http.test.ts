/**
 * Team mode's HTTP surface, in this process over real sockets: what a browser may not do (Host,
 * Origin, CORS), what a request may not be (size, type, method), answers as JSON or SSE, the
 * project allow-list, raw-resource URIs and confirm tokens bound to their user, audit lines,
 * and the drain on shutdown.
 */
import { request } from "node:http";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import { ElicitRequestSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  bearer,
  callTool,
  type Issuer,
  READ,
  rpc,
  startIssuer,
  startTeamHarness,
  type TeamHarness,
  textOfResult,
  WRITE,
} from "../../helpers/team.js";

const PUBLIC_URL = "https://dr.example.com/mcp";
const LIST = "list_failed_sdrs_tasks";
const ALL = "delete_all_failed_sdrs_tasks";
const OTHER_PROJECT = "ffffffffffffffffffffffffffffffff";

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A request with any headers, Host included (fetch would not let a test set Host). */
function raw(
  url: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: options.method ?? "GET", headers: options.headers },
      (res) => {
        let body = "";
        res.setEncoding("utf8").on("data", (chunk: string) => {
          body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}

const INIT = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: {
    protocolVersion: "2025-11-25",
    capabilities: {},
    clientInfo: { name: "t", version: "1" },
  },
});
const MCP_HEADERS = {
  "content-type": "application/json",
  accept: "application/json, text/event-stream",
};

describe("loopback without OAuth", () => {
  let h: TeamHarness;
  let port: string;
  beforeAll(async () => {
    h = await startTeamHarness({
      env: {
        SDRS_MCP_ALLOWED_ORIGINS: "https://inspector.example.com",
        SDRS_MCP_ALLOWED_HOSTS: "mcp.internal",
      },
    });
    port = new URL(h.url).port;
  });
  afterAll(() => h?.close());

  const post = (headers: Record<string, string>, body = INIT) =>
    raw(h.url, { method: "POST", headers: { ...MCP_HEADERS, ...headers }, body });

  it("answers every request as the subject local", async () => {
    const call = await callTool(h.url, LIST, { limit: 1 });
    expect(call.result?.isError).toBeFalsy();
    expect(h.audits.at(-1)).toMatchObject({
      subject: "local",
      client: null,
      tool: LIST,
      outcome: "ok",
    });
  });

  it("serves the loopback names with the port, the listed hosts, and refuses any other Host", async () => {
    for (const host of [
      `localhost:${port}`,
      `127.0.0.1:${port}`,
      `[::1]:${port}`,
      "mcp.internal",
      "mcp.internal:443",
    ]) {
      expect((await post({ host })).status, host).toBe(200);
    }
    for (const host of [
      "evil.example.com",
      `evil.example.com:${port}`,
      "localhost:1",
      "localhost.evil.example.com",
    ]) {
      const refused = await post({ host });
      expect(refused.status, host).toBe(403);
      expect(refused.body).toContain("Host");
    }
  });

  it("believes X-Forwarded-Host only when told to trust the proxy", async () => {
    const forwarded = await post({
      host: `localhost:${port}`,
      "x-forwarded-host": "evil.example.com",
    });
    expect(forwarded.status).toBe(200);
    const trusting = await startTeamHarness({ env: { SDRS_MCP_TRUST_PROXY: "true" }, sim: h.sim });
    try {
      const refused = await raw(trusting.url, {
        method: "POST",
        headers: { ...MCP_HEADERS, "x-forwarded-host": "evil.example.com" },
        body: INIT,
      });
      expect(refused.status).toBe(403);
    } finally {
      await trusting.close();
    }
  });

  it("refuses an Origin that is not listed, serves a listed one with CORS headers", async () => {
    const evil = await post({ origin: "http://evil.example.com" });
    expect(evil.status).toBe(403);
    expect(evil.headers["access-control-allow-origin"]).toBeUndefined();
    expect((await post({ origin: "null" })).status).toBe(403);
    const listed = await post({ origin: "https://inspector.example.com" });
    expect(listed.status).toBe(200);
    expect(listed.headers["access-control-allow-origin"]).toBe("https://inspector.example.com");
    expect(listed.headers["access-control-expose-headers"]).toContain("WWW-Authenticate");
    const plain = await post({});
    expect(plain.headers["access-control-allow-origin"]).toBeUndefined();
  });

  it("answers a preflight only for a listed origin", async () => {
    const preflight = await raw(h.url, {
      method: "OPTIONS",
      headers: { origin: "https://inspector.example.com", "access-control-request-method": "POST" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers["access-control-allow-headers"]).toContain("Authorization");
    const refused = await raw(h.url, {
      method: "OPTIONS",
      headers: { origin: "http://evil.example.com", "access-control-request-method": "POST" },
    });
    expect(refused.status).toBe(403);
  });

  it("lets the probes through whatever the Host (the orchestrator sends the pod's IP)", async () => {
    const base = h.url.replace(/\/mcp$/, "");
    expect((await raw(`${base}/healthz`, { headers: { host: "10.1.2.3:8080" } })).status).toBe(200);
    const ready = await raw(`${base}/readyz`, { headers: { host: "10.1.2.3:8080" } });
    expect(ready.status).toBe(200);
    expect(JSON.parse(ready.body)).toEqual({ status: "ready" });
  });

  it("refuses a body over 1 MiB, a body that is not JSON, another content type and GET", async () => {
    const big = `{"jsonrpc":"2.0","id":1,"method":"ping","params":{"pad":"${"x".repeat(1024 * 1024)}"}}`;
    expect((await post({}, big)).status).toBe(413);
    const chunked = await raw(h.url, {
      method: "POST",
      headers: { ...MCP_HEADERS, "transfer-encoding": "chunked" },
      body: big,
    });
    expect(chunked.status).toBe(413);
    const broken = await post({}, "{not json");
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body)).toMatchObject({ error: { code: -32700 } });
    expect((await post({ "content-type": "text/plain" })).status).toBe(415);
    const get = await raw(h.url, { headers: { accept: "text/event-stream" } });
    expect(get.status).toBe(405);
    expect(get.headers.allow).toBe("POST");
  });

  it("answers in JSON, and as an SSE stream with progress when the call asks for it", async () => {
    const plain = await rpc(h.url, "tools/call", {
      name: "summarize_sdrs_failures",
      arguments: {},
    });
    expect(plain.headers.get("content-type")).toContain("application/json");
    const streamed = await rpc(h.url, "tools/call", {
      name: "summarize_sdrs_failures",
      arguments: {},
      _meta: { progressToken: "p1" },
    });
    expect(streamed.headers.get("content-type")).toContain("text/event-stream");
    const events = streamed.text.split("\n").filter((line) => line.startsWith("data: "));
    const messages = events.map(
      (line) => JSON.parse(line.slice(6)) as { method?: string; result?: unknown },
    );
    expect(messages.filter((m) => m.method === "notifications/progress").length).toBeGreaterThan(1);
    expect(messages.at(-1)?.result).toBeDefined();
  });

  it("refuses a project outside the allow-list (default: the configured one) before sending anything", async () => {
    const before = h.sim.requestsReceived;
    const call = await callTool(h.url, LIST, { project_id: OTHER_PROJECT });
    expect(call.result?.isError).toBe(true);
    expect(textOfResult(call.result)).toContain(
      `project_id ${OTHER_PROJECT} is not one this server serves: allowed are ${h.sim.projectId}`,
    );
    expect(h.sim.requestsReceived).toBe(before);
    expect(h.audits.at(-1)).toMatchObject({
      tool: LIST,
      project_id: OTHER_PROJECT,
      outcome: "denied",
    });
    const live = await rpc(h.url, "resources/read", {
      uri: `sdrs://projects/${OTHER_PROJECT}/failure-jobs`,
    });
    expect(JSON.stringify(live.body)).toContain("is not one this server serves");
    expect(h.sim.requestsReceived).toBe(before);
  });

  it("serves the projects SDRS_MCP_PROJECTS lists, and only those", async () => {
    const listed = await startTeamHarness({
      env: { SDRS_MCP_PROJECTS: `${OTHER_PROJECT},${h.sim.projectId}` },
      sim: h.sim,
    });
    try {
      const before = h.sim.requestsReceived;
      await callTool(listed.url, LIST, { project_id: OTHER_PROJECT });
      expect(h.sim.requestsReceived).toBeGreaterThan(before);
      const refused = await callTool(listed.url, LIST, { project_id: "0".repeat(32) });
      expect(textOfResult(refused.result)).toContain("is not one this server serves");
    } finally {
      await listed.close();
    }
  });

  it("compares project IDs in lower case, whichever case the list and the call use", async () => {
    const listed = await startTeamHarness({
      env: { SDRS_MCP_PROJECTS: `${OTHER_PROJECT.toUpperCase()},${h.sim.projectId}` },
      sim: h.sim,
    });
    try {
      for (const project_id of [OTHER_PROJECT, OTHER_PROJECT.toUpperCase()]) {
        const before = h.sim.requestsReceived;
        const call = await callTool(listed.url, LIST, { project_id });
        expect(textOfResult(call.result)).not.toContain("is not one this server serves");
        expect(h.sim.requestsReceived).toBeGreaterThan(before);
      }
      const upper = h.sim.projectId.toUpperCase();
      const own = await callTool(listed.url, LIST, { project_id: upper, limit: 1 });
      expect(own.result?.isError).toBeFalsy();
      expect(listed.audits.at(-1)).toMatchObject({ project_id: h.sim.projectId });
    } finally {
      await listed.close();
    }
  });

  it("drains on shutdown: the call in flight is answered, then new requests are refused", async () => {
    const draining = await startTeamHarness({ sim: h.sim });
    h.sim.faults.add({ fault: { kind: "latency", ms: 200 }, pathIncludes: "failure-jobs" });
    const arrived = h.sim.nextRequest();
    const call = callTool(draining.url, LIST, { limit: 1 });
    await arrived;
    const drained = draining.server.drain();
    const answered = await call;
    expect(answered.status).toBe(200);
    expect(answered.result?.isError).toBeFalsy();
    await drained;
    await expect(rpc(draining.url, "ping")).rejects.toThrow();
    await draining.app.close();
  });
});

describe("with OAuth: what outlives a request is bound to its user", () => {
  let issuer: Issuer;
  let h: TeamHarness;
  let alice: Record<string, string>;
  let bob: Record<string, string>;
  beforeAll(async () => {
    issuer = await startIssuer();
    h = await startTeamHarness({
      env: { SDRS_MCP_OAUTH_ISSUER: issuer.issuer, SDRS_MCP_PUBLIC_URL: PUBLIC_URL },
      allowWrite: true,
    });
    alice = bearer(await issuer.mint(PUBLIC_URL, { sub: "alice", scope: `${READ} ${WRITE}` }));
    bob = bearer(
      await issuer.mint(PUBLIC_URL, { sub: "bob", azp: "chatgpt", client_id: undefined }),
    );
  });
  afterAll(async () => {
    await h?.close();
    await issuer?.close();
  });

  it("a raw-resource URI names its query, is read again from SDRS, and only by its user", async () => {
    const listed = await callTool(h.url, LIST, { limit: 2, failure_status: "createFail" }, alice);
    const uri = String(listed.result?.structuredContent?.raw_resource_uri);
    expect(uri).toMatch(/^sdrs:\/\/responses\//);
    h.sim.requests.length = 0;
    const read = await rpc(h.url, "resources/read", { uri }, alice);
    const contents = (read.body?.result as { contents?: { text: string }[] } | undefined)?.contents;
    expect(JSON.parse(contents?.[0]?.text ?? "")).toHaveProperty("failure_jobs");
    expect(h.sim.requests.map((r) => r.query.toString())).toEqual([
      "failure_status=createFail&limit=2&offset=0",
    ]);

    const sent = h.sim.requestsReceived;
    const foreign = await rpc(h.url, "resources/read", { uri }, bob);
    expect(JSON.stringify(foreign.body)).toContain("issued to another user");
    const altered = `${uri.slice(0, -2)}${uri.endsWith("AA") ? "BB" : "AA"}`;
    expect(
      JSON.stringify((await rpc(h.url, "resources/read", { uri: altered }, alice)).body),
    ).toContain("cannot be read here");
    expect(h.sim.requestsReceived).toBe(sent);
  });

  it("a confirm token works only for its user; after it deleted, a replay deletes nothing", async () => {
    const preview = await callTool(h.url, ALL, {}, alice);
    const token = String(preview.result?.structuredContent?.confirm_token);
    const count = Number((preview.result?.structuredContent?.preview as { count?: number })?.count);
    const deletes = () => h.sim.requests.filter((r) => r.method === "DELETE").length;

    const stolen = await callTool(h.url, ALL, { confirm_token: token }, bob);
    expect(stolen.result?.isError).toBe(true);
    expect(textOfResult(stolen.result)).toContain("issued to another user");
    expect(h.audits.at(-1)).toMatchObject({
      subject: "bob",
      client: "chatgpt",
      tool: ALL,
      outcome: "denied",
    });
    expect(deletes()).toBe(0);

    const done = await callTool(h.url, ALL, { confirm_token: token }, alice);
    expect(done.result?.structuredContent?.outcome).toBe("deleted");
    const audit = h.audits.at(-1);
    expect(audit).toMatchObject({
      subject: "alice",
      client: "claude-connector",
      tool: ALL,
      project_id: h.sim.projectId,
      outcome: "ok",
      deleted: { count },
    });
    expect(audit?.deleted?.ids).toHaveLength(count);
    expect([200, 204]).toContain(audit?.upstream_status);

    const replay = await callTool(h.url, ALL, { confirm_token: token }, alice);
    expect(replay.result?.isError).toBe(true);
    expect(deletes()).toBe(1);
  });

  it("never asks the client (elicitation) in team mode: the confirm token is the path", async () => {
    // Over HTTP the SDK refuses an initialize batched with a call, so no request of team mode
    // knows the client's capabilities; a team server asks nobody even when a client says it could.
    const server = h.app.serverFor({ subject: "alice" });
    const client = new Client(
      { name: "t", version: "1" },
      { capabilities: { elicitation: { form: {} } } },
    );
    let asked = 0;
    client.setRequestHandler(ElicitRequestSchema, async () => {
      asked++;
      return { action: "accept", content: { confirm: true } };
    });
    const [a, b] = InMemoryTransport.createLinkedPair();
    await Promise.all([server.connect(a), client.connect(b)]);
    const group = h.sim.data.failureJobs.find((r) => r.serverGroupId !== null)?.serverGroupId;
    const result = (await client.callTool({
      name: ALL,
      arguments: { server_group_id: group },
    })) as {
      structuredContent?: Record<string, unknown>;
    };
    expect(asked).toBe(0);
    expect(result.structuredContent?.outcome).toBe("preview");
    await client.close();
  });

  it("audits the calls the SDK refuses before any tool runs (unknown tool, invalid arguments)", async () => {
    const count = h.audits.length;
    await callTool(h.url, "no_such_tool", {}, alice);
    await callTool(h.url, LIST, { limit: 0 }, alice);
    expect(h.audits.slice(count)).toEqual([
      expect.objectContaining({
        subject: "alice",
        tool: "(unknown)",
        outcome: "error",
        upstream_status: null,
      }),
      expect.objectContaining({
        subject: "alice",
        tool: LIST,
        outcome: "error",
        upstream_status: null,
      }),
    ]);
  });

  it("writes no token, no JWT and no argument text into the audit lines", async () => {
    await callTool(h.url, LIST, { resource_name: "secret-free-text-argument" }, alice);
    const lines = JSON.stringify(h.audits);
    expect(lines).not.toContain(alice.authorization?.slice(7));
    expect(lines).not.toContain("eyJ");
    expect(lines).not.toContain("secret-free-text-argument");
    for (const entry of h.audits) {
      expect(Object.keys(entry)).toEqual(
        expect.arrayContaining([
          "subject",
          "client",
          "tool",
          "project_id",
          "outcome",
          "upstream_status",
          "duration_ms",
        ]),
      );
    }
  });
});
