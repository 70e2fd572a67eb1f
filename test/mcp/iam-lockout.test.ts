/**
 * A password IAM refused is sent exactly once by the whole server, whatever follows: sequential
 * tool calls, concurrent ones, prompt completions (which list protection groups), with
 * SDRS_ENDPOINT set (the token is needed only to authorize) or SDRS found in the catalog (the
 * token is needed to know where SDRS is). Every call answers with the same refusal at once.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { type App, createApp } from "../../src/app/app.js";
import { type Simulator, startSimulator } from "../../src/simulator/index.js";
import { simulatorConfig, textOf } from "../helpers/harness.js";

const WRONG = "wrong-password-value";
let sim: Simulator | undefined;
let app: App | undefined;

afterEach(async () => {
  await app?.close();
  await sim?.close();
  app = undefined;
  sim = undefined;
});

async function serve(withEndpoint: boolean) {
  sim = await startSimulator({
    users: [{ name: "alice", password: "the-right-one", domainName: "OTC-EU-DE-0001" }],
  });
  const base = simulatorConfig(sim);
  app = await createApp(
    {
      ...base,
      credentials: {
        kind: "password",
        username: "alice",
        password: WRONG,
        userDomainName: "OTC-EU-DE-0001",
      },
      ...(withEndpoint ? { endpoint: sim.url } : { endpoint: undefined }),
      authUrl: sim.iamUrl,
    },
    {
      logger: pino({ level: "silent" }),
      retry: { baseDelayMs: 1, maxDelayMs: 5, random: () => 0.5 },
    },
  );
  const client = new Client({ name: "test", version: "1.0.0" });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await Promise.all([app.server.connect(serverSide), client.connect(clientSide)]);
  return client;
}

const call = async (client: Client, name: string, args: Record<string, unknown> = {}) =>
  (await client.callTool({ name, arguments: args })) as CallToolResult;

describe.each([
  ["with SDRS_ENDPOINT set", true],
  ["with SDRS from the catalog", false],
])("after IAM refused the password (%s)", (_name, withEndpoint) => {
  it("sends one token request, ever, and answers every call with the refusal", async () => {
    const client = await serve(withEndpoint);
    const tokenRequests = () => sim?.requests.filter((r) => r.path === "/v3/auth/tokens").length;

    const first = await call(client, "list_failed_sdrs_tasks", { limit: 1 });
    const refusal = textOf(first);
    expect(first.isError).toBe(true);
    expect(refusal).toMatch(
      /^IAM answered HTTP 401: .*Check OS_USERNAME \(setting "IAM user name"\), OS_PASSWORD/,
    );
    expect(refusal).toContain("will not send this password again");
    expect(refusal).not.toMatch(/network|Could not reach/i);

    for (let i = 0; i < 5; i++) {
      expect(textOf(await call(client, "list_sdrs_protection_groups"))).toBe(refusal);
    }
    const concurrent = await Promise.all(
      Array.from({ length: 10 }, () => call(client, "summarize_sdrs_failures")),
    );
    for (const result of concurrent) expect(textOf(result)).toBe(refusal);
    for (const value of ["p", "pr", "pro"]) {
      await client.complete({
        ref: { type: "ref/prompt", name: "triage_sdrs_failures" },
        argument: { name: "protection_group", value },
      });
    }

    expect(tokenRequests()).toBe(1);
    expect(sim?.requests.filter((r) => r.path.startsWith("/v1/"))).toEqual([]);
    await client.close();
  });
});

describe("IAM in trouble", () => {
  it("is retried by the token request's own policy only, not once more per SDRS retry", async () => {
    sim = await startSimulator({
      users: [{ name: "alice", password: "the-right-one", domainName: "OTC-EU-DE-0001" }],
    });
    sim.faults.add({
      pathIncludes: "/v3/auth/tokens",
      times: Number.POSITIVE_INFINITY,
      fault: { kind: "status", status: 503, body: { error: { code: 503, message: "busy" } } },
    });
    app = await createApp(
      {
        ...simulatorConfig(sim),
        credentials: {
          kind: "password",
          username: "alice",
          password: "the-right-one",
          userDomainName: "OTC-EU-DE-0001",
        },
        endpoint: sim.url,
        authUrl: sim.iamUrl,
        retries: 2,
      },
      {
        logger: pino({ level: "silent" }),
        retry: { baseDelayMs: 1, maxDelayMs: 5, random: () => 0.5 },
      },
    );
    const client = new Client({ name: "test", version: "1.0.0" });
    const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
    await Promise.all([app.server.connect(serverSide), client.connect(clientSide)]);

    const result = await call(client, "list_failed_sdrs_tasks", { limit: 1 });
    expect(textOf(result)).toMatch(/^IAM answered HTTP 503/);
    // 1 + 2 retries; the SDRS read must not start the whole token request over again.
    expect(sim.requests.filter((r) => r.path === "/v3/auth/tokens")).toHaveLength(3);
    await client.close();
  });
});
