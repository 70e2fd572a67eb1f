/**
 * The operator's four questions, asked of the built server in --demo mode over stdio as a host
 * would, with the expected answers computed from the simulator's data set on its own.
 */
import { fileURLToPath } from "node:url";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDataSet } from "../../src/simulator/index.js";

const ENTRY = fileURLToPath(new URL("../../dist/index.js", import.meta.url));
const data = createDataSet({});
let client: Client;

// biome-ignore lint/suspicious/noExplicitAny: results are read field by field below
async function call(name: string, args: Record<string, unknown> = {}): Promise<any> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
  return result.structuredContent;
}

beforeAll(async () => {
  client = new Client({ name: "scenario", version: "1.0.0" });
  await client.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: [ENTRY, "--demo", "--allow-write"],
      stderr: "ignore",
    }),
  );
});
afterAll(async () => client.close());

describe("the four questions against the demo data", () => {
  it("what failed in DR this week?", async () => {
    const since = "2026-11-13";
    const s = await call("summarize_sdrs_failures", { since });
    const expected = data.failureJobs.filter((r) => r.job.begin_time >= since);
    expect(s.totals.failures).toBe(expected.length);
    expect(s.totals.group_level).toBe(expected.filter((r) => r.serverGroupId === null).length);
    expect(s.summary).toMatch(
      new RegExp(`^${expected.length} failed SDRS tasks? matching since ${since}`),
    );
  });

  it("is anything failing in the prod-db group?", async () => {
    const groups = await call("list_sdrs_protection_groups", { name: "prod-db" });
    const group = groups.groups.find((g: { name: string }) => g.name === "prod-db");
    expect(group).toBeTruthy();
    const failures = await call("list_failed_sdrs_tasks", { server_group_id: group.id });
    const expected = data.failureJobs.filter((r) => r.serverGroupId === group.id);
    expect(failures.page.returned).toBe(expected.length);
    expect(failures.tasks.map((t: { job_id: string }) => t.job_id).sort()).toEqual(
      expected.map((r) => r.job.job_id).sort(),
    );
  });

  it("what happened to that failover job?", async () => {
    const failovers = await call("summarize_sdrs_failures", {
      failure_status: "failoverFail",
      newest: 1,
    });
    const jobId = failovers.newest[0].job_id as string;
    const job = await call("get_sdrs_job", { job_id: jobId });
    const expected = data.jobs.get(jobId);
    expect(job.job).toMatchObject({
      job_id: jobId,
      status: expected?.status,
      error_code: expected?.error_code ?? "",
    });
    expect(job.summary).toContain(`Job ${jobId}`);
    // The failed step is a sub-job, never the parent job said again.
    const failedSteps = (expected?.entities.sub_jobs ?? []).filter((j) => j.status === "FAIL");
    if (failedSteps.length) {
      expect(failedSteps.map((j) => j.job_id)).toContain(job.failed_step.job_id);
      expect(job.summary).toContain(
        `Failed step (the earliest sub-job marked FAIL): ${job.failed_step.job_type}`,
      );
    }
  });

  it("clear the failures we fixed", async () => {
    const before = await call("list_failed_sdrs_tasks", { limit: 1000 });
    const fixed = before.tasks[0].job_id as string;
    // Without elicitation the first call previews; the user's yes is its confirm_token.
    const preview = await call("delete_failed_sdrs_task", { failure_job_id: fixed });
    const deleted = await call("delete_failed_sdrs_task", {
      failure_job_id: fixed,
      confirm_token: preview.confirm_token,
    });
    expect(deleted.outcome).toBe("deleted");
    const after = await call("list_failed_sdrs_tasks", { limit: 1000 });
    expect(after.page.returned).toBe(before.page.returned - 1);
    expect(after.tasks.map((t: { job_id: string }) => t.job_id)).not.toContain(fixed);
  });
});
