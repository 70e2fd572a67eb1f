/**
 * The 40,000-character output budget when every row carries keys of its own (error codes,
 * statuses, types, names, reasons): no grouping can fold them, so the answers must cut.
 */
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OUTPUT_BUDGET } from "../../src/format/budget.js";
import { type Harness, startHarness } from "../helpers/harness.js";

const size = (r: CallToolResult) =>
  JSON.stringify({ content: r.content, structuredContent: r.structuredContent }).length;
const long = (tag: string, i: number) => `${tag}-${"ü🚀".repeat(200)}-${i}`;

describe("distinct keys on every row", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ groups: 50, failuresPerGroup: 20, groupLevelFailures: 1000 });
    for (const [i, r] of h.sim.data.failureJobs.entries()) {
      r.job.error_code = `EVS.${String(i).padStart(4, "0")}${"X".repeat(300)}`;
      r.job.resource_type = long("type", i);
      r.job.failure_status = long("status", i);
      r.job.job_type = long("jobtype", i);
      r.job.resource_name = long("name", i);
      r.job.fail_reason = `${long("reason", i)} Caused by: root ${i}`;
    }
    for (const [i, g] of h.sim.data.serverGroups.entries()) {
      g.name = long("group", i);
      g.status = long("gstatus", i);
      g.health_status = "abnormal";
    }
    for (const [i, p] of h.sim.data.replications.entries()) {
      p.status = long("pstatus", i);
      p.failure_detail = long("detail", i);
    }
  }, 60_000);
  afterAll(async () => h.close());

  it.each([
    ["list_failed_sdrs_tasks", { limit: 1000 }],
    ["summarize_sdrs_failures", {}],
    ["assess_sdrs_readiness", {}],
    ["list_sdrs_protection_groups", { limit: 1000 }],
  ])("%s stays under the budget", async (name, args) => {
    const r = await h.call(name, args);
    expect(r.isError, JSON.stringify(r.content).slice(0, 400)).toBeFalsy();
    expect(size(r)).toBeLessThan(OUTPUT_BUDGET);
  });
});

describe("a set of 50 deletes that all fail with long errors", () => {
  it("stays under the budget", async () => {
    const h = await startHarness({ groupLevelFailures: 60, allowWrite: true });
    try {
      for (const [i, r] of h.sim.data.failureJobs.entries()) r.job.resource_name = long("name", i);
      const ids = h.sim.data.failureJobs
        .filter((r) => r.serverGroupId === null)
        .slice(0, 50)
        .map((r) => r.job.job_id);
      const preview = await h.call("delete_failed_sdrs_task", { failure_job_ids: ids });
      expect(size(preview)).toBeLessThan(OUTPUT_BUDGET);
      const token = (preview.structuredContent as { confirm_token: string }).confirm_token;
      h.sim.faults.add({
        method: "DELETE",
        times: Number.POSITIVE_INFINITY,
        fault: {
          kind: "status",
          status: 409,
          body: { error: { code: "SDRS.1999", message: long("refused", 1).repeat(20) } },
        },
      });
      const r = await h.call("delete_failed_sdrs_task", {
        failure_job_ids: ids,
        confirm_token: token,
      });
      expect(size(r)).toBeLessThan(OUTPUT_BUDGET);
    } finally {
      await h.close();
    }
  });
});
