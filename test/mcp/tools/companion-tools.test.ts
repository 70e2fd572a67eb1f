import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Harness, startHarness, textOf } from "../../helpers/harness.js";

type Structured = Record<string, unknown> & { summary: string };
const structured = (r: CallToolResult) => r.structuredContent as Structured;

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

describe("get_sdrs_job", () => {
  it("shows a failed job, its failed step and the meaning of its SDRS codes", async () => {
    const record = h.sim.data.failureJobs.find(
      (r) => r.job.error_code.startsWith("SDRS.") && r.serverGroupId,
    );
    if (!record) throw new Error("no SDRS-coded failure in the data");
    const expected = h.sim.data.jobs.get(record.job.job_id);
    if (!expected) throw new Error("job not in data");
    const result = await h.call("get_sdrs_job", { job_id: record.job.job_id });
    expect(result.isError).toBeFalsy();
    const s = structured(result) as unknown as {
      job: Record<string, unknown> & { entities: Record<string, string> };
      failed_step: { job_id: string; job_type: string; error_code: string } | null;
      sub_jobs: { job_id: string; status: string }[];
      error_meanings: Record<string, string>;
      summary: string;
    };
    expect(s.job).toMatchObject({
      job_id: expected.job_id,
      status: expected.status,
      job_type: expected.job_type,
      error_code: expected.error_code ?? "",
    });
    expect(s.job.entities.server_group_id).toBe(expected.entities.server_group_id);
    expect(s.error_meanings[expected.error_code ?? ""]).toBeTruthy();
    const subJobs = expected.entities.sub_jobs ?? [];
    expect(s.sub_jobs.map((j) => j.job_id).sort()).toEqual(subJobs.map((j) => j.job_id).sort());
    // The failed step is a sub-job that failed, not the parent again.
    const failed = subJobs.filter((j) => j.status === "FAIL");
    if (failed.length) {
      expect(failed.map((j) => j.job_id)).toContain(s.failed_step?.job_id);
      expect(s.failed_step?.job_id).not.toBe(expected.job_id);
      expect(s.summary).toContain(
        `Failed step (the earliest sub-job marked FAIL): ${s.failed_step?.job_type}`,
      );
    }
    expect(s.summary).toContain(
      `list_failed_sdrs_tasks with server_group_id=${expected.entities.server_group_id}`,
    );
    expect(h.sim.requests.at(-1)?.path).toBe(`/v1/${h.sim.projectId}/jobs/${record.job.job_id}`);
  });

  it("reports an unknown job with status and a next step, and rejects a malformed id locally", async () => {
    const missing = await h.call("get_sdrs_job", { job_id: "0".repeat(32) });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toMatch(/^HTTP 404/);
    // Each part said once: not "HTTP 404 404".
    expect(textOf(missing)).not.toMatch(/HTTP 404 404/);
    const before = h.sim.requests.length;
    const bad = await h.call("get_sdrs_job", { job_id: "../x" });
    expect(textOf(bad)).toContain("job_id must be a job ID");
    expect(h.sim.requests.length).toBe(before);
  });
});

describe("list_sdrs_protection_groups", () => {
  it("lists every group with its counts and forwards filters", async () => {
    const all = structured(await h.call("list_sdrs_protection_groups"));
    const groups = all.groups as { id: string; name: string; protected_instance_num: number }[];
    expect(groups.map((g) => g.id)).toEqual(h.sim.data.serverGroups.map((g) => g.id));
    expect(groups[0]?.protected_instance_num).toBe(
      h.sim.data.serverGroups[0]?.protected_instance_num,
    );
    const name = h.sim.data.serverGroups[1]?.name as string;
    const found = structured(await h.call("list_sdrs_protection_groups", { name }));
    expect(Object.fromEntries(h.sim.requests.at(-1)?.query ?? [])).toEqual({
      name,
      limit: "100",
      offset: "0",
    });
    expect((found.groups as { name: string }[]).map((g) => g.name)).toContain(name);
    await h.call("list_sdrs_protection_groups", { query_type: "status_abnormal" });
    expect(h.sim.requests.at(-1)?.query.get("query_type")).toBe("status_abnormal");
  });

  it("rejects an unknown status naming the allowed ones", async () => {
    const result = await h.call("list_sdrs_protection_groups", { status: "broken" });
    expect(textOf(result)).toContain("status must be one of: creating, available, protected");
  });
});

describe("summarize_sdrs_failures", () => {
  it("adds up group-level and in-group failures with per-group counts", async () => {
    const s = structured(await h.call("summarize_sdrs_failures")) as unknown as {
      totals: Record<string, number>;
      groups: { server_group_id: string; failures: number }[];
      by_failure_status: Record<string, number>;
      newest: { job_id: string }[];
    };
    const records = h.sim.data.failureJobs;
    const groupLevel = records.filter((r) => r.serverGroupId === null).length;
    expect(s.totals).toMatchObject({
      failures: records.length,
      group_level: groupLevel,
      inside_groups: records.length - groupLevel,
      groups: h.sim.data.serverGroups.length,
    });
    for (const g of s.groups) {
      expect(g.failures).toBe(records.filter((r) => r.serverGroupId === g.server_group_id).length);
    }
    expect(Object.values(s.by_failure_status).reduce((a, b) => a + b, 0)).toBe(records.length);
    const newest = [...records].sort((a, b) => b.job.begin_time.localeCompare(a.job.begin_time))[0];
    expect(s.newest[0]?.job_id).toBe(newest?.job.job_id);
  });

  it("covers 200 groups with progress notifications, within the budget", async () => {
    const big = await startHarness({ groups: 200, failuresPerGroup: 50, concurrency: 8 });
    try {
      const updates: { progress: number; total?: number }[] = [];
      const result = (await big.client.callTool(
        { name: "summarize_sdrs_failures", arguments: {} },
        undefined,
        { onprogress: (p) => updates.push(p), timeout: 60_000 },
      )) as CallToolResult;
      const s = structured(result) as unknown as { totals: Record<string, number> };
      expect(s.totals.groups).toBe(200);
      expect(s.totals.failures).toBe(big.sim.data.failureJobs.length);
      expect(updates.length).toBe(202);
      expect(updates.at(-1)).toMatchObject({ progress: 202, total: 202 });
      expect(
        JSON.stringify({ content: result.content, structuredContent: result.structuredContent })
          .length,
      ).toBeLessThan(40_000);
    } finally {
      await big.close();
    }
  });

  it("keeps going when one group cannot be read, and says so", async () => {
    const group = h.sim.data.serverGroups[2];
    if (!group) throw new Error("no group");
    h.sim.faults.add({
      fault: {
        kind: "status",
        status: 500,
        body: { error: { code: "SDRS.0013", message: "Internal error" } },
      },
      pathIncludes: `server_group_id=${group.id}`,
    });
    const s = structured(await h.call("summarize_sdrs_failures")) as unknown as {
      incomplete: { server_group_id: string; error: string }[];
    };
    expect(s.incomplete).toEqual([
      {
        server_group_id: group.id,
        name: group.name,
        error: expect.stringContaining("HTTP 500 SDRS.0013"),
      },
    ]);
  });

  it("stops upstream work when the caller cancels", async () => {
    const slow = await startHarness({ groups: 40, latencyMs: 50, concurrency: 2 });
    try {
      const controller = new AbortController();
      const before = slow.sim.requestsReceived;
      const call = slow.client.callTool(
        { name: "summarize_sdrs_failures", arguments: {} },
        undefined,
        { signal: controller.signal },
      );
      // Cancelled while it reads: once the group list and a few listings were asked for.
      while (slow.sim.requestsReceived < before + 4) await slow.sim.nextRequest();
      controller.abort();
      await expect(call).rejects.toThrow();
      const seen = slow.sim.requests.length;
      await new Promise((r) => setTimeout(r, 400));
      expect(slow.sim.requests.length).toBeLessThanOrEqual(seen + 2);
      expect(slow.sim.requests.length).toBeLessThan(42);
    } finally {
      await slow.close();
    }
  });
});

describe("the tool-call deadline", () => {
  it("ends a stalled call with an isError result in time", async () => {
    const stalled = await startHarness({ toolTimeoutMs: 300, timeoutMs: 5000 });
    try {
      stalled.sim.faults.add({ fault: { kind: "stall" } });
      const result = await stalled.call("list_failed_sdrs_tasks");
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(/did not finish within 0.3 s/);
    } finally {
      await stalled.close();
    }
  });
});

describe("write tools", () => {
  it("are not registered without --allow-write", async () => {
    const { tools } = await h.client.listTools();
    const names = tools.map((t) => t.name);
    for (const read of [
      "get_sdrs_job",
      "list_failed_sdrs_tasks",
      "list_sdrs_protection_groups",
      "summarize_sdrs_failures",
    ]) {
      expect(names).toContain(read);
    }
    expect(names.filter((n) => n.startsWith("delete_"))).toEqual([]);
    expect(tools.every((t) => t.annotations?.readOnlyHint)).toBe(true);
    const result = await h.call("delete_failed_sdrs_task", { failure_job_id: "0".repeat(32) });
    expect(result.isError).toBe(true);
  });
});

describe("prompt and completions", () => {
  it("offers the triage prompt with completions for its arguments and the live template", async () => {
    const { prompts } = await h.client.listPrompts();
    expect(prompts.map((p) => p.name)).toContain("triage_sdrs_failures");
    const prompt = await h.client.getPrompt({
      name: "triage_sdrs_failures",
      arguments: { failure_status: "failoverFail" },
    });
    const message = prompt.messages[0];
    if (message?.content.type !== "text") throw new Error("expected a text message");
    const text = message.content.text;
    expect(text).toContain("summarize_sdrs_failures with failure_status=failoverFail");
    const statuses = await h.client.complete({
      ref: { type: "ref/prompt", name: "triage_sdrs_failures" },
      argument: { name: "failure_status", value: "re" },
    });
    expect(statuses.completion.values).toEqual(["resizeFail", "reverseFail", "reprotectFail"]);
    const first = h.sim.data.serverGroups[0]?.name as string;
    const names = await h.client.complete({
      ref: { type: "ref/prompt", name: "triage_sdrs_failures" },
      argument: { name: "protection_group", value: first.slice(0, 3) },
    });
    expect(names.completion.values).toContain(first);
    const types = await h.client.complete({
      ref: {
        type: "ref/resource",
        uri: "sdrs://projects/{project_id}/failure-jobs{?failure_status,resource_name,server_group_id,resource_type,limit,offset}",
      },
      argument: { name: "resource_type", value: "rep" },
    });
    expect(types.completion.values).toEqual(["replications"]);
  });

  it("takes an empty prompt argument, as hosts send for one left empty, as none", async () => {
    const prompt = await h.client.getPrompt({
      name: "triage_sdrs_failures",
      arguments: { protection_group: "", failure_status: "" },
    });
    const message = prompt.messages[0];
    expect(message?.content.type === "text" && message.content.text).toContain(
      "1. Call summarize_sdrs_failures for the project-wide picture.",
    );
  });

  it.each([
    [{ failure_status: "bogusFail" }, "failure_status must be one of: createFail"],
    [{ protection_group: "x".repeat(65) }, "protection_group must be a non-empty string"],
  ])("refuses the triage prompt's bad argument %j, naming it once", async (args, message) => {
    const asked = h.client.getPrompt({ name: "triage_sdrs_failures", arguments: args });
    await expect(asked).rejects.toThrow(message);
    await expect(asked).rejects.toThrow(/^MCP error -32602: (?!MCP error)/);
  });
});

describe("summarize_sdrs_failures since", () => {
  it("counts only failures that began at or after the time given", async () => {
    const since = "2026-11-10T12:00:00Z";
    const s = structured(await h.call("summarize_sdrs_failures", { since })) as unknown as {
      totals: { failures: number };
      filters: Record<string, string>;
    };
    const expected = h.sim.data.failureJobs.filter(
      (r) => Date.parse(r.job.begin_time) >= Date.parse(since),
    );
    expect(s.totals.failures).toBe(expected.length);
    expect(s.totals.failures).toBeLessThan(h.sim.data.failureJobs.length);
    expect(s.filters).toEqual({ since });
    const bad = await h.call("summarize_sdrs_failures", { since: "last week" });
    expect(textOf(bad)).toContain("since is not an ISO 8601 date or time");
  });

  it("refuses a date that does not exist, naming the bad part once", async () => {
    const before = h.sim.requests.length;
    const bad = await h.call("summarize_sdrs_failures", { since: "2026-02-30" });
    expect(bad.isError).toBe(true);
    const text = textOf(bad);
    expect(text).toContain("since has day 30, but February 2026 has days 01 to 28");
    expect(text.split("since has day").length - 1).toBe(1);
    expect(h.sim.requests.length).toBe(before);
  });
});
