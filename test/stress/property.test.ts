/**
 * Property tests: random tool inputs (valid and invalid) and random upstream bodies (right
 * shapes, wrong types, nulls, huge strings, unicode, deep nesting) through the real tools over
 * the MCP client. Never a crash or protocol error; always a result that matches the tool's
 * outputSchema within the output budget, or an isError result.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import fc from "fast-check";
import { pino } from "pino";
import { MockAgent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app/app.js";
import { OUTPUT_BUDGET } from "../../src/format/budget.js";
import { RawResponseStore } from "../../src/mcp/raw-store.js";
import { TOOLS } from "../../src/mcp/tools/index.js";
import { FAILURE_STATUSES, RESOURCE_TYPES } from "../../src/sdrs/vocabulary.js";
import { type Harness, simulatorConfig, startHarness } from "../helpers/harness.js";

const PID = "0605767e1f00d4b72f1ec0127a5e6a5b";
const outputSchemas = new Map(TOOLS.map((t) => [t.name, t.outputSchema]));

/** The property every call must hold, whatever went in. */
function expectWellFormed(name: string, result: CallToolResult) {
  expect(Array.isArray(result.content)).toBe(true);
  if (result.isError) {
    const text = result.content[0]?.type === "text" ? result.content[0].text : "";
    expect(text.length).toBeGreaterThan(0);
    expect(text).not.toMatch(/Output validation error|Internal error in sdrs-mcp/);
    return;
  }
  const schema = outputSchemas.get(name);
  expect(schema?.safeParse(result.structuredContent).success).toBe(true);
  expect(
    JSON.stringify({ content: result.content, structuredContent: result.structuredContent }).length,
  ).toBeLessThan(OUTPUT_BUDGET);
}

describe("random tool inputs against the simulator", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
  const validArgs = fc.record(
    {
      failure_status: maybe(fc.constantFrom(...FAILURE_STATUSES)),
      resource_type: maybe(fc.constantFrom(...RESOURCE_TYPES)),
      resource_name: maybe(
        fc
          .string({ minLength: 1, maxLength: 40, unit: "grapheme" })
          .filter((s) => !/\p{Cc}/u.test(s)),
      ),
      limit: maybe(fc.integer({ min: 1, max: 1000 })),
      offset: maybe(fc.integer({ min: 0, max: 5000 })),
    },
    { requiredKeys: [] },
  );
  const anyValue = fc.oneof(
    fc.anything({ maxDepth: 3 }),
    fc.string({ unit: "binary" }),
    fc.integer(),
    fc.double(),
  );
  const invalidArgs = fc.oneof(
    fc.record({
      limit: fc.oneof(
        fc.integer({ max: 0 }),
        fc.integer({ min: 1001 }),
        fc.double({ noInteger: true }),
        fc.string(),
      ),
    }),
    fc.record({ offset: fc.oneof(fc.integer({ max: -1 }), fc.string(), fc.constant(null)) }),
    fc.record({
      failure_status: fc
        .string()
        .filter((s) => !(FAILURE_STATUSES as readonly string[]).includes(s)),
    }),
    fc.record({ server_group_id: fc.string({ unit: "binary" }) }),
    fc.record({ project_id: fc.string() }),
    fc.dictionary(
      fc.string({ minLength: 1 }).filter((k) => !["__proto__", "constructor"].includes(k)),
      anyValue,
      { minKeys: 1, maxKeys: 4 },
    ),
  );

  it("answers every valid input with a result that matches outputSchema", async () => {
    await fc.assert(
      fc.asyncProperty(validArgs, async (args) => {
        const result = (await h.client.callTool({
          name: "list_failed_sdrs_tasks",
          arguments: args,
        })) as CallToolResult;
        expectWellFormed("list_failed_sdrs_tasks", result);
        expect(result.isError).toBeFalsy();
      }),
      { numRuns: 1500 },
    );
  });

  it("answers every invalid input with isError and sends nothing upstream", async () => {
    await fc.assert(
      fc.asyncProperty(invalidArgs, async (args) => {
        const before = h.sim.requests.length;
        const result = (await h.client.callTool({
          name: "list_failed_sdrs_tasks",
          arguments: args,
        })) as CallToolResult;
        expectWellFormed("list_failed_sdrs_tasks", result);
        if (result.isError) expect(h.sim.requests.length).toBe(before);
      }),
      { numRuns: 1500 },
    );
  });
});

describe("random upstream bodies", () => {
  let agent: MockAgent;
  let client: Client;
  let next: { status: number; body: string } = { status: 200, body: "{}" };

  beforeAll(async () => {
    agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get("https://sdrs.example.com")
      .intercept({ path: () => true, method: () => true })
      .reply(() => ({ statusCode: next.status, data: next.body }))
      .persist();
    const app = await createApp(
      {
        ...simulatorConfig({ token: "property-token-value", projectId: PID }),
        endpoint: "https://sdrs.example.com",
        timeoutMs: 2000,
        toolTimeoutMs: 10_000,
        concurrency: 4,
        retries: 0,
      },
      {
        dispatcher: agent,
        logger: pino({ level: "silent" }),
        retry: { baseDelayMs: 1, maxDelayMs: 1, random: () => 0 },
        rawStore: new RawResponseStore({ maxEntries: 5, maxBytes: 10_000_000 }),
      },
    );
    const server = app.server;
    client = new Client({ name: "property", version: "1.0.0" });
    const [a, b] = InMemoryTransport.createLinkedPair();
    await Promise.all([server.connect(b), client.connect(a)]);
  });
  afterAll(async () => {
    await client.close();
    await agent.close();
  });

  const text = fc.oneof(
    { weight: 5, arbitrary: fc.string({ maxLength: 60 }) },
    { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 300 }) },
    { weight: 1, arbitrary: fc.string({ unit: "grapheme", maxLength: 300 }) },
    { weight: 1, arbitrary: fc.nat({ max: 3_000 }).map((n) => "Ω\u202e\u0000x".repeat(n)) },
  );
  const field = fc.oneof(
    { weight: 8, arbitrary: text },
    { weight: 1, arbitrary: fc.constant(null) },
    { weight: 1, arbitrary: fc.anything({ maxDepth: 2 }) },
  );
  const job = fc.record(
    Object.fromEntries(
      [
        "job_status",
        "resource_id",
        "resource_name",
        "resource_type",
        "failure_status",
        "job_id",
        "job_type",
        "begin_time",
        "error_code",
        "fail_reason",
      ].map((k) => [k, field]),
    ),
    { requiredKeys: [] },
  );
  const deep = fc.letrec((tie) => ({
    node: fc.oneof(
      { depthSize: "small" },
      fc.jsonValue(),
      fc.array(tie("node"), { maxLength: 2 }),
      fc.dictionary(fc.string(), tie("node"), { maxKeys: 2 }),
    ),
  })).node;
  const page = fc.record({
    count: fc.oneof(fc.nat(), fc.constant(null), fc.integer({ min: -5, max: -1 }), fc.string()),
    failure_jobs: fc.array(job, { maxLength: 30 }),
  });
  const groups = fc.record({
    count: fc.option(fc.nat()),
    server_groups: fc.array(
      fc.record(
        {
          id: text,
          name: field,
          status: field,
          protected_instance_num: fc.oneof(fc.nat(), fc.constant(null)),
          health_status: field,
        },
        { requiredKeys: [] },
      ),
      { maxLength: 20 },
    ),
  });
  const jobBody = fc.record(
    {
      status: field,
      job_id: field,
      job_type: field,
      error_code: field,
      fail_reason: field,
      entities: fc.option(fc.record({ sub_jobs: fc.array(job, { maxLength: 5 }) })),
    },
    { requiredKeys: [] },
  );
  const body = fc.oneof(
    { weight: 4, arbitrary: page.map((b) => JSON.stringify(b)) },
    { weight: 2, arbitrary: groups.map((b) => JSON.stringify(b)) },
    { weight: 2, arbitrary: jobBody.map((b) => JSON.stringify(b)) },
    { weight: 2, arbitrary: deep.map((b) => JSON.stringify(b)) },
    { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 500 }) },
    { weight: 1, arbitrary: page.map((b) => JSON.stringify(b).slice(0, 40)) },
  );
  const status = fc.oneof(
    { weight: 6, arbitrary: fc.constant(200) },
    { weight: 1, arbitrary: fc.constantFrom(400, 401, 403, 404, 429, 500, 502, 503) },
  );
  const calls = [
    { name: "list_failed_sdrs_tasks", arguments: { limit: 1000 } },
    { name: "list_sdrs_protection_groups", arguments: {} },
    { name: "get_sdrs_job", arguments: { job_id: "ff808082686f229a0168707beaab014e" } },
    { name: "summarize_sdrs_failures", arguments: {} },
  ];

  // 1,750 bodies per tool: with the 3,000 input cases above, 10,000 cases in all.
  it.each(calls)(
    "$name never crashes, never breaks the protocol, never exceeds the budget",
    async (request) => {
      await fc.assert(
        fc.asyncProperty(status, body, async (statusCode, raw) => {
          next = { status: statusCode, body: raw };
          const result = (await client.callTool(request)) as CallToolResult;
          expectWellFormed(request.name, result);
          expect(JSON.stringify(result)).not.toContain("property-token-value");
        }),
        { numRuns: 1750 },
      );
    },
    60_000,
  );
});
