/**
 * Every tool fed its worst case through the real server: 1000 failure rows with long reasons
 * and unicode names, a job with 500 sub-jobs with long reasons, 1000 protection groups, a
 * summary with nothing but long reasons to cut, and the deletes' previews of 1000 records.
 * Each answer stays under the output budget and matches its tool's outputSchema.
 */
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OUTPUT_BUDGET } from "../../src/format/budget.js";
import { TOOLS } from "../../src/mcp/tools/index.js";
import type { Job } from "../../src/simulator/types.js";
import { type Harness, startHarness } from "../helpers/harness.js";

const ROOT_CAUSE = "Caused by: wait for volume status [available] timed out after 600000 ms";
const longReason = (i: number) =>
  `SdrsFailoverTask-fail: ${"замедление репликации 复制延迟 at com.huawei.Task.run ".repeat(60)}${i} ${ROOT_CAUSE}`;
const unicodeName = (i: number) => `Datenbank-Primär-数据库-🚀-${"ÿ".repeat(80)}-${i}`;

function expectWithinBudget(name: string, result: CallToolResult) {
  expect(result.isError, JSON.stringify(result.content).slice(0, 300)).toBeFalsy();
  const size = JSON.stringify({
    content: result.content,
    structuredContent: result.structuredContent,
  }).length;
  expect(size).toBeLessThan(OUTPUT_BUDGET);
  const schema = TOOLS.find((t) => t.name === name)?.outputSchema;
  const parsed = schema?.safeParse(result.structuredContent);
  expect(parsed?.success, JSON.stringify(parsed?.error?.issues.slice(0, 3))).toBe(true);
  return result.structuredContent as Record<string, unknown>;
}

describe("worst cases of the read tools", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ groups: 1000, failuresPerGroup: 1, groupLevelFailures: 1000 });
    for (const [i, record] of h.sim.data.failureJobs.entries()) {
      record.job.fail_reason = longReason(i);
      record.job.resource_name = unicodeName(i);
    }
    for (const [i, group] of h.sim.data.serverGroups.entries()) group.name = unicodeName(i);
  }, 60_000);
  afterAll(async () => h.close());

  it("list_failed_sdrs_tasks: a page of 1000 long, unicode failures", async () => {
    const s = expectWithinBudget(
      "list_failed_sdrs_tasks",
      await h.call("list_failed_sdrs_tasks", { limit: 1000 }),
    ) as { tasks: { fail_reason: string }[]; tasks_omitted: number };
    expect(s.tasks.length + s.tasks_omitted).toBe(1000);
    expect(s.tasks[0]?.fail_reason.endsWith(ROOT_CAUSE)).toBe(true);
  });

  it("get_sdrs_job: a job with 500 sub-jobs with long reasons", async () => {
    const jobId = "ff8080826800000000000000000c0ffe";
    const subJobs = Array.from({ length: 500 }, (_, i) => ({
      status: i % 2 ? "SUCCESS" : "FAIL",
      job_id: `ff808082680000000000000${i.toString(16).padStart(9, "0")}`,
      job_type: `createReplicationPairStep${i}`,
      begin_time: new Date(Date.UTC(2026, 10, 1, 8) + i * 1000).toISOString(),
      end_time: new Date(Date.UTC(2026, 10, 1, 9) + i * 1000).toISOString(),
      error_code: i % 2 ? null : "SDRS.1812",
      fail_reason: i % 2 ? null : longReason(i),
      entities: {
        server_group_id: "a2d5e6f1-0000-4000-8000-000000000001",
        volume_ids: Array.from({ length: 30 }, (_, v) => `vol-${i}-${v}`).join(","),
      },
    }));
    const job = {
      ...subJobs[0],
      job_id: jobId,
      job_type: "failoverProtectionGroup",
      error_code: "SDRS.1030",
      entities: { server_group_id: "a2d5e6f1-0000-4000-8000-000000000001", sub_jobs: subJobs },
    } as unknown as Job;
    h.sim.data.jobs.set(jobId, job);
    const s = expectWithinBudget(
      "get_sdrs_job",
      await h.call("get_sdrs_job", { job_id: jobId }),
    ) as { sub_jobs: unknown[]; sub_jobs_omitted: number; failed_step: { fail_reason: string } };
    expect(s.sub_jobs.length + s.sub_jobs_omitted).toBe(500);
    expect(s.failed_step.fail_reason.endsWith(ROOT_CAUSE)).toBe(true);
  });

  it("list_sdrs_protection_groups: 1000 groups with long unicode names", async () => {
    const s = expectWithinBudget(
      "list_sdrs_protection_groups",
      await h.call("list_sdrs_protection_groups", { limit: 1000 }),
    ) as { summary: string; groups: unknown[]; groups_omitted: number };
    expect(s.groups.length + s.groups_omitted).toBe(1000);
    // The rows left out are read from right after the last one shown, not from next_offset.
    expect(s.summary).toContain(
      `${s.groups_omitted} rows left out for size: read them with offset=${s.groups.length} and a smaller limit.`,
    );
  });

  it("summarize_sdrs_failures: 1000 groups, 2000 failures, the 50 newest", async () => {
    const s = expectWithinBudget(
      "summarize_sdrs_failures",
      await h.call("summarize_sdrs_failures", { newest: 50 }),
    ) as {
      summary: string;
      totals: { failures: number; groups: number; groups_unreadable: number };
      newest: unknown[];
      newest_omitted: number;
      groups: unknown[];
      incomplete: { server_group_id: string }[];
    };
    expect(s.totals.groups).toBe(1000);
    // Every failure of the groups that could be read; a group the call's paging bounds left
    // unread is named, and the summary's first words say the answer is incomplete.
    const unread = new Set(s.incomplete.map((g) => g.server_group_id));
    const readable = h.sim.data.failureJobs.filter(
      (r) => r.serverGroupId === null || !unread.has(r.serverGroupId),
    );
    expect(s.totals.failures).toBe(readable.length);
    expect(s.incomplete.length).toBe(Math.min(s.totals.groups_unreadable, 20));
    if (s.totals.groups_unreadable) expect(s.summary).toMatch(/^Incomplete: \d+ of 1000/);
    // Neither list crowds out the other: the newest failures the text shows, then groups.
    expect(s.newest.length + s.newest_omitted).toBe(50);
    expect(s.newest.length).toBeGreaterThanOrEqual(10);
    expect(s.groups.length).toBeGreaterThanOrEqual(20);
  }, 60_000);

  it("assess_sdrs_readiness: 1000 groups with long unicode names", async () => {
    const s = expectWithinBudget(
      "assess_sdrs_readiness",
      await h.call("assess_sdrs_readiness", {}),
    ) as { totals: { groups: number } };
    expect(s.totals.groups).toBe(1000);
  }, 60_000);
});

describe("worst cases with no rows to leave out", () => {
  let h: Harness;
  beforeAll(async () => {
    // Every failure at protection-group level, no protection group: nothing but reasons to cut.
    h = await startHarness({ groups: 0, groupLevelFailures: 60 });
    for (const [i, record] of h.sim.data.failureJobs.entries()) {
      record.job.fail_reason = longReason(i);
    }
  });
  afterAll(async () => h.close());

  it("summarize_sdrs_failures: the 50 newest of 60 long group-level failures", async () => {
    const s = expectWithinBudget(
      "summarize_sdrs_failures",
      await h.call("summarize_sdrs_failures", { newest: 50 }),
    ) as { newest: { fail_reason: string }[]; totals: { failures: number } };
    expect(s.totals.failures).toBe(60);
    expect(s.newest).toHaveLength(50);
    expect(s.newest[0]?.fail_reason.endsWith(ROOT_CAUSE)).toBe(true);
  });
});

describe("worst case of the credential scrubber", () => {
  it("list_failed_sdrs_tasks: reasons full of short header values it must redact", async () => {
    const h = await startHarness({ groups: 1, failuresPerGroup: 0, groupLevelFailures: 1000 });
    try {
      // Scrubbing comes after the budget step: it must never make an answer longer.
      for (const record of h.sim.data.failureJobs) {
        record.job.fail_reason = "X-Auth-Token:a ".repeat(400);
      }
      const s = expectWithinBudget(
        "list_failed_sdrs_tasks",
        await h.call("list_failed_sdrs_tasks", { limit: 1000 }),
      ) as { tasks: { fail_reason: string }[] };
      expect(s.tasks[0]?.fail_reason).not.toContain("X-Auth-Token:a");
    } finally {
      await h.close();
    }
  });
});

describe("worst cases of the delete tools: 1000 records in scope", () => {
  const fill = (h: Harness) => {
    for (const [i, record] of h.sim.data.failureJobs.entries()) {
      record.job.resource_name = unicodeName(i);
      record.job.failure_status = `${"ünbekannt-".repeat(10)}${i % 40}Fail`;
    }
  };
  const scope = { groups: 1, failuresPerGroup: 0, groupLevelFailures: 1000, allowWrite: true };

  it("delete_all_failed_sdrs_tasks: the preview with its token, then the delete", async () => {
    const h = await startHarness(scope);
    try {
      fill(h);
      const preview = expectWithinBudget(
        "delete_all_failed_sdrs_tasks",
        await h.call("delete_all_failed_sdrs_tasks", {}),
      ) as { outcome: string; confirm_token: string; preview: { count: number } };
      expect(preview).toMatchObject({ outcome: "preview", preview: { count: 1000 } });
      const done = expectWithinBudget(
        "delete_all_failed_sdrs_tasks",
        await h.call("delete_all_failed_sdrs_tasks", { confirm_token: preview.confirm_token }),
      );
      expect(done).toMatchObject({ outcome: "deleted", deleted: { count: 1000 }, left: 0 });
    } finally {
      await h.close();
    }
  }, 60_000);

  it("delete_failed_sdrs_task: the question the user is asked, and the answer", async () => {
    const h = await startHarness({
      ...scope,
      onElicit: async () => ({ action: "decline" }),
    });
    try {
      fill(h);
      const last = h.sim.data.failureJobs.at(-1)?.job.job_id ?? "";
      const declined = expectWithinBudget(
        "delete_failed_sdrs_task",
        await h.call("delete_failed_sdrs_task", { failure_job_id: last }),
      );
      expect(declined.outcome).toBe("declined");
      expect(h.asked[0]?.message.length).toBeLessThan(2_000);
    } finally {
      await h.close();
    }
  }, 60_000);
});
