/**
 * The built server over stdio, as a host runs it, with the SDK client's elicitation handler: the
 * user's answer decides, and the simulator sees exactly the DELETEs that answer allows.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import {
  type CallToolResult,
  ElicitRequestSchema,
  type ElicitResult,
} from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/simulator/index.js";
import { firstRecord, recordsIn } from "../helpers/delete-harness.js";
import { CLEAN_ENV, ENTRY } from "../helpers/stdio.js";

let sim: Simulator;
let client: Client;
const messages: string[] = [];
const replies: ElicitResult[] = [
  { action: "accept", content: { confirm: true } },
  { action: "decline" },
];

beforeAll(async () => {
  sim = await startSimulator();
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [ENTRY, "--allow-write"],
    env: {
      ...(CLEAN_ENV as Record<string, string>),
      OS_AUTH_TOKEN: sim.token,
      OS_PROJECT_ID: sim.projectId,
      SDRS_ENDPOINT: sim.url,
      SDRS_MCP_LOG_LEVEL: "silent",
    },
    stderr: "ignore",
  });
  client = new Client(
    { name: "delete-stdio", version: "1.0.0" },
    { capabilities: { elicitation: { form: {} } } },
  );
  client.setRequestHandler(ElicitRequestSchema, async (request) => {
    messages.push(request.params.message);
    const reply = replies.shift();
    if (!reply) throw new Error("asked more often than expected");
    return reply;
  });
  await client.connect(transport);
});

afterAll(async () => {
  await client?.close();
  await sim?.close();
});

it("deletes what the user accepted and nothing the user declined", async () => {
  const target = firstRecord(sim, null).job;
  const accepted = (await client.callTool({
    name: "delete_failed_sdrs_task",
    arguments: { failure_job_id: target.job_id },
  })) as CallToolResult;
  expect(accepted.structuredContent).toMatchObject({
    outcome: "deleted",
    sent: [{ id: target.resource_id, id_kind: "resource_id", answer: "deleted" }],
  });
  expect(messages[0]).toMatch(/^Delete 1 failed-task record at protection-group level in project/);

  const remaining = recordsIn(sim, null).length;
  const declined = (await client.callTool({
    name: "delete_all_failed_sdrs_tasks",
    arguments: {},
  })) as CallToolResult;
  expect(declined.structuredContent).toMatchObject({
    outcome: "declined",
    preview: { count: remaining },
  });
  expect(messages[1]).toMatch(
    new RegExp(`^Delete ${remaining} failed-task records at protection-group level`),
  );

  const deletes = sim.requests.filter((r) => r.method === "DELETE").map((r) => r.path);
  expect(deletes).toEqual([`/v1/${sim.projectId}/task-center/failure-jobs/${target.resource_id}`]);
  expect(recordsIn(sim, null)).toHaveLength(remaining);
});
