/**
 * Credentials that an upstream body echoes back, in the forms an echo takes: as they are, cut in
 * the middle by a shortened message (not even a fragment may survive), JSON-escaped (an echo of
 * the request body), percent-encoded, or with runs of spaces the cleaner would fold. None may
 * reach a tool result or a log line at any level.
 */
import { Writable } from "node:stream";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { pino } from "pino";
import { MockAgent } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { type App, createApp } from "../../src/app/app.js";
import type { Config } from "../../src/config/config.js";
import { textOf } from "../helpers/harness.js";

const PID = "0605767e1f00d4b72f1ec0127a5e6a5b";
const IAM = "https://iam.example";
const SDRS = "https://sdrs.example";

let app: App | undefined;
let agent: MockAgent | undefined;
afterEach(async () => {
  await app?.close();
  await agent?.close();
  app = undefined;
});

/** A server whose upstream answers with `reply`; returns the client and everything logged. */
async function serve(
  credentials: Config["credentials"],
  reply: (body: string) => string,
  sdrsStatus = 400,
) {
  agent = new MockAgent();
  agent.disableNetConnect();
  const echo = (opts: { body?: unknown }) => reply(String(opts.body ?? ""));
  agent.get(IAM).intercept({ path: "/v3/auth/tokens", method: "POST" }).reply(401, echo).persist();
  agent.get(SDRS).intercept({ path: /.*/ }).reply(sdrsStatus, echo).persist();
  let logged = "";
  const logs = new Writable({
    write(chunk, _encoding, done) {
      logged += chunk;
      done();
    },
  });
  app = await createApp(
    {
      credentials,
      projectId: PID,
      region: "eu-de",
      endpoint: SDRS,
      authUrl: `${IAM}/v3`,
      logLevel: "trace",
      timeoutMs: 5000,
      toolTimeoutMs: 30_000,
      concurrency: 2,
      retries: 0,
      allowWrite: false,
      demo: false,
    },
    { dispatcher: agent, logger: pino({ level: "trace" }, logs) },
  );
  const client = new Client({ name: "test", version: "1.0.0" });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await Promise.all([app.server.connect(serverSide), client.connect(clientSide)]);
  const result = (await client.callTool({
    name: "list_failed_sdrs_tasks",
    arguments: {},
  })) as CallToolResult;
  // The raw resource of a page: the upstream body, served to whoever asks.
  const rawUri = (result.structuredContent as { raw_resource_uri?: string } | undefined)
    ?.raw_resource_uri;
  const raw = rawUri ? JSON.stringify(await client.readResource({ uri: rawUri })) : "";
  await client.close();
  return { text: textOf(result), result: JSON.stringify(result), raw, logged: () => logged };
}

const password = (value: string): Config["credentials"] => ({
  kind: "password",
  username: "alice",
  password: value,
  userDomainName: "OTC-EU-DE-0001",
});
const message = (text: string) => JSON.stringify({ error: { code: "SDRS.0001", message: text } });
/**
 * Text that puts `secret` across the point where a message is cut: its first 6 characters end
 * the part kept from the beginning (`kept` characters: 79 of IAM's 200, 119 of SDRS's 300).
 */
const acrossTheCut = (secret: string, kept: number) =>
  `${"x".repeat(kept - 6)}${secret}${"y".repeat(400)}`;

describe("a password IAM echoes back", () => {
  const cases: [string, string, (secret: string, requestBody: string) => string, string][] = [
    ["across the cut of the message", "Hunter2-Sup3rSecret!", (s) => acrossTheCut(s, 79), "Hunter"],
    ["JSON-escaped, in an echo of the request", 'Sup3r"Secret\\pw', (_s, body) => body, "Sup3r"],
    ["percent-encoded", "Sup3r Secret&pw=1", (s) => `bad ${encodeURIComponent(s)}`, "Sup3r"],
    ["with runs of spaces and a tab", "Sup3r  Secret\tpw", (s) => `bad password ${s}`, "Sup3r"],
  ];
  it.each(cases)("%s", async (_name, secret, echo, fragment) => {
    const { text, logged } = await serve(password(secret), (body) => message(echo(secret, body)));
    expect(text).toMatch(/^IAM answered HTTP 401/);
    expect(text).not.toContain(fragment);
    expect(logged()).not.toContain(fragment);
  });
});

describe("a token SDRS echoes back in an error", () => {
  it("leaves no fragment where the message is cut", async () => {
    const token = "gAAAAABtoken-0123456789-abcdefghijklmnopqrstuvwxyz";
    const { text, logged } = await serve({ kind: "token", token }, () =>
      message(acrossTheCut(token, 119)),
    );
    expect(text).toMatch(/^HTTP 400 SDRS.0001/);
    expect(text).not.toContain("gAAAAA");
    expect(text).not.toContain("uvwxyz");
    expect(logged()).not.toContain("gAAAAAB");
  });
});

describe("a token SDRS echoes back in a page of failed tasks", () => {
  it("leaves no fragment where a reason or a name is shortened", async () => {
    const token = "gAAAAABtoken-0123456789-abcdefghijklmnopqrstuvwxyz";
    // resource_name keeps its first 50 characters: the token's first 6 end them.
    const name = `${"n".repeat(44)}${token}${"m".repeat(500)}`;
    const reason = `${"r".repeat(2000)} ${token} ${"s".repeat(9000)}`;
    const job = {
      job_id: "j1",
      failure_status: "createFail",
      fail_reason: reason,
      resource_name: name,
    };
    const { result, raw } = await serve(
      { kind: "token", token },
      () => JSON.stringify({ count: 1, failure_jobs: [job] }),
      200,
    );
    expect(result).toContain("createFail");
    expect(result).not.toContain("gAAAAA");
    expect(result).not.toContain("uvwxyz");
    expect(raw).toContain("createFail");
    expect(raw).not.toContain("gAAAAA");
  });

  it("leaves none in the raw resource when the body spells it with escapes", async () => {
    const token = "gAAAAABtoken/0123456789+abcdefghijklmnopqrstuvwxyz";
    const escaped = [...token].map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
    const body = `{"count":1,"failure_jobs":[{"job_id":"j1","failure_status":"createFail","fail_reason":"sent ${escaped.join("")}","resource_name":"${token.replaceAll("/", "\\/")}"}]}`;
    const { result, raw } = await serve({ kind: "token", token }, () => body, 200);
    expect(result).toContain("createFail");
    expect(result).not.toContain("gAAAAA");
    expect(raw).toContain("createFail");
    expect(raw).not.toContain("gAAAAA");
    expect(raw).not.toContain("\\\\u0067\\\\u0041");
  });
});

describe("a credential that is also a word of the API", () => {
  it("is redacted from values, never from the keys of the JSON", async () => {
    const job = { job_id: "j1", failure_status: "createFail", fail_reason: "fail_reason is x" };
    const { text, result } = await serve(
      { kind: "token", token: "fail_reason" },
      () => JSON.stringify({ count: 1, failure_jobs: [job] }),
      200,
    );
    expect(text).toMatch(/^1 failed SDRS task/);
    expect(result).toContain("[redacted] is x");
  });
});
