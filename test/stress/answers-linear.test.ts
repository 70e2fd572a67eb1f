/**
 * Upstream text is hostile by assumption: every text path of the read tools (cleaning, cutting
 * in the middle, quoting, breakdown keys, code meanings, the time window) gets fields of
 * characters that trip quadratic patterns. The CPU time of a call may grow about as much as
 * those fields (test/helpers/growth.ts), and with fields of 1 MiB the answer stays within the
 * output budget (the test timeout is the hang guard; speed is npm run bench's business).
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { pino } from "pino";
import { MockAgent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app/app.js";
import { OUTPUT_BUDGET } from "../../src/format/budget.js";
import { RawResponseStore } from "../../src/mcp/raw-store.js";
import { expectLinearGrowth } from "../helpers/growth.js";
import { simulatorConfig } from "../helpers/harness.js";

const PID = "0605767e1f00d4b72f1ec0127a5e6a5b";
const GROUP = "a2d5e6f1-0000-4000-8000-000000000001";
const MIB = 1 << 20;
/** Runs of `<`, bidi overrides, quotes, backslashes, combining marks, lone surrogates, tags. */
const PATTERNS = ["<", "\u202e", '"', "\\", "e\u0301", "\ud800", "\udc00a", " \t", "\u{E0041}"];

/** The upstream bodies whose hostile fields are `size` characters long. */
function bodiesOf(size: number): [RegExp, string][] {
  const hostile = (i: number) =>
    (PATTERNS[i % PATTERNS.length] as string).repeat(size).slice(0, size);

  const failure = (i: number) => ({
    job_status: "FAIL",
    resource_id: "17984002-ad8a-438b-8ba6-b850224634c5",
    resource_name: hostile(i),
    resource_type: i === 0 ? hostile(7) : "protected_instances",
    failure_status: "failoverFail",
    job_id: "ff808082686f229a0168707beaab014e",
    job_type: "failoverProtectionGroup",
    begin_time: i === 1 ? hostile(8) : "2026-11-20T08:00:00.000Z",
    error_code: i === 2 ? hostile(4) : "SDRS.1030",
    fail_reason: hostile(i + 1),
  });
  const group = (i: number) => ({
    id: GROUP,
    name: hostile(i),
    status: i === 0 ? hostile(2) : "protected",
    health_status: i === 1 ? hostile(3) : null,
    priority_station: "source",
    source_availability_zone: "eu-de-01",
    target_availability_zone: "eu-de-02",
  });
  const step = (i: number, status: string) => ({
    status,
    job_id: "ff808082686f229a0168707beaab014e",
    job_type: hostile(i),
    begin_time: "2026-11-20T08:00:00.000Z",
    end_time: "",
    error_code: "SDRS.1812",
    fail_reason: hostile(i + 1),
    entities: { volume_ids: hostile(i + 2) },
  });

  // Bodies kept well under the 20 MiB body cap; a group's own listing holds one failure.
  return [
    [/\/jobs\//, JSON.stringify({ ...step(0, "FAIL"), entities: { sub_jobs: [step(3, "FAIL")] } })],
    [/\/server-groups/, JSON.stringify({ count: 2, server_groups: [group(0), group(1)] })],
    [/server_group_id=/, JSON.stringify({ count: 1, failure_jobs: [failure(5)] })],
    [/failure-jobs/, JSON.stringify({ count: 3, failure_jobs: [0, 1, 2].map(failure) })],
  ];
}

/** What the mocked SDRS answers with now. */
let bodies = bodiesOf(MIB);

let agent: MockAgent;
let client: Client;
beforeAll(async () => {
  agent = new MockAgent();
  agent.disableNetConnect();
  agent
    .get("https://sdrs.example.com")
    .intercept({ path: () => true, method: "GET" })
    .reply(({ path }) => ({
      statusCode: 200,
      data: bodies.find(([pattern]) => pattern.test(path))?.[1] ?? "{}",
    }))
    .persist();
  const app = await createApp(
    {
      ...simulatorConfig({ token: "linear-token-value", projectId: PID }),
      endpoint: "https://sdrs.example.com",
      retries: 0,
    },
    {
      dispatcher: agent,
      logger: pino({ level: "silent" }),
      rawStore: new RawResponseStore({ maxEntries: 2, maxBytes: 40_000_000 }),
    },
  );
  client = new Client({ name: "linear", version: "1.0.0" });
  const [a, b] = InMemoryTransport.createLinkedPair();
  await Promise.all([app.server.connect(b), client.connect(a)]);
});
afterAll(async () => {
  await client.close();
  await agent.close();
});

async function call(name: string, args: Record<string, unknown>) {
  return (await client.callTool({ name, arguments: args })) as CallToolResult;
}

/** The cost of the call grows linearly with the hostile fields; at 1 MiB it answers in budget. */
async function answersInLinearTime(name: string, args: Record<string, unknown> = {}) {
  await expectLinearGrowth(
    bodiesOf,
    async (sized) => {
      bodies = sized;
      await call(name, args);
    },
    name,
  );
  bodies = bodiesOf(MIB);
  const result = await call(name, args);
  expect(result.isError, JSON.stringify(result.content).slice(0, 300)).toBeFalsy();
  const size = JSON.stringify({ c: result.content, s: result.structuredContent }).length;
  expect(size).toBeLessThan(OUTPUT_BUDGET);
}

describe("1 MiB hostile fields through every read tool", () => {
  it("list_failed_sdrs_tasks", async () => {
    await answersInLinearTime("list_failed_sdrs_tasks");
  });

  it("summarize_sdrs_failures, with a time window", async () => {
    await answersInLinearTime("summarize_sdrs_failures", { since: "2026-01-01" });
  });

  it("list_sdrs_protection_groups", async () => {
    await answersInLinearTime("list_sdrs_protection_groups");
  });

  it("get_sdrs_job", async () => {
    await answersInLinearTime("get_sdrs_job", { job_id: "ff80808268000000000000000000beef" });
  });
});
