import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OUTPUT_BUDGET } from "../../../src/format/budget.js";
import type { FailurePageSummary } from "../../../src/format/failure-page.js";
import { SDRS_ERROR_CATALOGUE } from "../../../src/sdrs/error-catalogue.js";
import type { FailureJob } from "../../../src/simulator/index.js";
import { type Harness, startHarness, textOf } from "../../helpers/harness.js";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => h.close());

const structured = (r: { structuredContent?: unknown }) =>
  r.structuredContent as FailurePageSummary;

/** What the simulator holds, newest first, as an independent oracle. */
function expectedJobs(serverGroupId: string | null, keep: (j: FailureJob) => boolean = () => true) {
  return h.sim.data.failureJobs
    .filter((r) => r.serverGroupId === serverGroupId && keep(r.job))
    .map((r) => r.job)
    .sort((a, b) => b.begin_time.localeCompare(a.begin_time));
}

function tally(jobs: FailureJob[], key: keyof FailureJob) {
  const counts: Record<string, number> = {};
  for (const job of jobs) counts[job[key]] = (counts[job[key]] ?? 0) + 1;
  return counts;
}

function lastQuery(): string {
  return h.sim.requests.at(-1)?.query.toString() ?? "";
}

describe("list_failed_sdrs_tasks", () => {
  it("is listed with schemas and all four annotations", async () => {
    const { tools } = await h.client.listTools();
    const tool = tools.find((t) => t.name === "list_failed_sdrs_tasks");
    if (!tool) throw new Error("list_failed_sdrs_tasks is not listed");
    expect(tool.title).toBeTruthy();
    expect(tool.outputSchema).toBeTruthy();
    expect(tool.annotations).toMatchObject({
      readOnlyHint: true,
      destructiveHint: false,
      idempotentHint: true,
      openWorldHint: true,
    });
    const props = (tool.inputSchema as { properties: Record<string, { description?: string }> })
      .properties;
    for (const field of [
      "project_id",
      "failure_status",
      "resource_name",
      "server_group_id",
      "resource_type",
      "limit",
      "offset",
    ]) {
      expect(props[field]?.description, field).toBeTruthy();
    }
    expect((tool.inputSchema as { additionalProperties?: boolean }).additionalProperties).toBe(
      false,
    );
  });

  it("lists group-level failures with counts that match the data", async () => {
    const result = await h.call("list_failed_sdrs_tasks");
    expect(result.isError).toBeFalsy();
    expect(lastQuery()).toBe("limit=100&offset=0");
    const s = structured(result);
    const jobs = expectedJobs(null);
    expect(s.project_id).toBe(h.sim.projectId);
    expect(s.filters).toEqual({});
    expect(s.page).toEqual({
      offset: 0,
      limit: 100,
      returned: jobs.length,
      total: jobs.length,
      next_offset: null,
    });
    expect(s.tasks.map((t) => t.job_id)).toEqual(jobs.map((j) => j.job_id));
    expect(s.breakdown.by_failure_status).toEqual(tally(jobs, "failure_status"));
    expect(s.breakdown.by_resource_type).toEqual(tally(jobs, "resource_type"));
    expect(s.breakdown.by_error_code).toEqual(tally(jobs, "error_code"));
    expect(s.raw_resource_uri).toMatch(/^sdrs:\/\/responses\//);
    expect(textOf(result)).toContain(s.summary);
    expect(result.content.at(-1)).toMatchObject({
      type: "resource_link",
      uri: s.raw_resource_uri,
      mimeType: "application/json",
    });
  });

  it("forwards every filter under its own name, exactly", async () => {
    const group = h.sim.data.serverGroups[0];
    if (!group) throw new Error("no group");
    const args = {
      failure_status: "createFail",
      resource_name: "Protected-Instance-ab14",
      server_group_id: group.id,
      resource_type: "protected_instances",
      limit: 7,
      offset: 0,
    };
    const result = await h.call("list_failed_sdrs_tasks", args);
    expect(result.isError).toBeFalsy();
    expect(Object.fromEntries(h.sim.requests.at(-1)?.query ?? [])).toEqual({
      failure_status: "createFail",
      resource_name: "Protected-Instance-ab14",
      server_group_id: group.id,
      resource_type: "protected_instances",
      limit: "7",
      offset: "0",
    });
    const { limit: _l, offset: _o, ...filters } = args;
    expect(structured(result).filters).toEqual(filters);
  });

  it("finds the documented example inside its group, its resource_type in the filter words", async () => {
    const record = h.sim.data.failureJobs.find(
      (r) => r.job.job_id === "ff808082686f229a0168707beaab014e",
    );
    expect(record?.serverGroupId).toBeTruthy();
    const result = await h.call("list_failed_sdrs_tasks", {
      server_group_id: record?.serverGroupId,
      limit: 1000,
    });
    const s = structured(result);
    const task = s.tasks.find((t) => t.job_id === "ff808082686f229a0168707beaab014e");
    // "protectedInstance" (the official example's spelling) is reported as protected_instances;
    // the free strings job_type and error_code stay as they came.
    expect(task).toMatchObject({
      resource_type: "protected_instances",
      error_code: "EVS.2024",
      job_type: "createProtectedInstance",
    });
    expect(s.breakdown.by_resource_type.protectedInstance).toBeUndefined();
    expect(s.error_next_steps["EVS.2024"]).toMatch(/^sdrs-mcp's reading: .*disk/);
    // The raw resource keeps the original spelling.
    const raw = await h.client.readResource({ uri: s.raw_resource_uri });
    expect((raw.contents[0] as { text: string }).text).toContain('"protectedInstance"');
  });

  it("explains every SDRS code of the page it knows, with the appendix's handling", async () => {
    const s = structured(await h.call("list_failed_sdrs_tasks", { limit: 1000 }));
    for (const code of Object.keys(s.breakdown.by_error_code)) {
      if (!code.startsWith("SDRS.")) continue;
      const documented = SDRS_ERROR_CATALOGUE.get(code);
      if (documented) {
        expect(s.error_meanings[code]).toBe(documented.message);
        expect(s.error_handling[code]).toBe(documented.handling);
      } else {
        expect(s.error_next_steps[code]).toMatch(/^sdrs-mcp's reading: not in the SDRS/);
      }
    }
    expect(Object.keys(s.error_meanings).length).toBeGreaterThan(0);
  });

  it("pages to the last page with next_offset", async () => {
    const jobs = expectedJobs(null);
    const seen: string[] = [];
    let offset: number | null = 0;
    while (offset !== null) {
      const s = structured(await h.call("list_failed_sdrs_tasks", { limit: 4, offset }));
      seen.push(...s.tasks.map((t) => t.job_id));
      if (s.page.next_offset !== null) {
        expect(s.summary).toContain(`Next: the next page with offset=${s.page.next_offset};`);
      }
      offset = s.page.next_offset;
    }
    expect(seen).toEqual(jobs.map((j) => j.job_id));
  });

  it.each([
    [{ failure_status: "explodeFail" }, "failure_status must be one of: createFail"],
    [{ resource_type: "servers" }, "resource_type must be one of: server_groups"],
    [{ limit: 0 }, "limit must be a whole number from 1 to 1000"],
    [{ limit: 5000 }, "limit must be a whole number from 1 to 1000"],
    [{ limit: 2.5 }, "limit must be a whole number from 1 to 1000"],
    [{ limit: "10" }, "limit must be a whole number from 1 to 1000"],
    [{ offset: -1 }, "offset must be a whole number >= 0"],
    [{ project_id: "xyz" }, "project_id must be 32 hexadecimal characters"],
    [{ server_group_id: "../../etc" }, "server_group_id must be a protection group UUID"],
    [{ resource_name: "" }, "resource_name must be a non-empty string"],
    [{ resource_name: "a\u0000b" }, "resource_name must be a non-empty string"],
    [{ resource_name: "a\u009fb" }, "resource_name must be a non-empty string"],
    [{ colour: "blue" }, 'unknown argument "colour": allowed are project_id, failure_status'],
  ])("rejects %j without calling the API", async (args, message) => {
    const before = h.sim.requests.length;
    const result = await h.call("list_failed_sdrs_tasks", args);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(message);
    expect(h.sim.requests.length).toBe(before);
  });

  it("takes project_id in upper case, as OS_PROJECT_ID, and sends it lower-cased", async () => {
    const upper = h.sim.projectId.toUpperCase();
    expect(upper).not.toBe(h.sim.projectId);
    const result = await h.call("list_failed_sdrs_tasks", { project_id: upper, limit: 2 });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(h.sim.requests.at(-1)?.path).toBe(`/v1/${h.sim.projectId}/task-center/failure-jobs`);
    expect(structured(result)).toMatchObject({ project_id: h.sim.projectId });
  });

  it("reports an unknown protection group with the SDRS code and a next step", async () => {
    const result = await h.call("list_failed_sdrs_tasks", {
      server_group_id: "00000000-0000-4000-8000-000000000000",
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^HTTP 400 SDRS\.1013: "Protection group not found/);
    expect(textOf(result)).toMatch(/list_sdrs_protection_groups\.$/);
  });
});

describe("the raw resource", () => {
  it("serves the upstream body of that very call, unchanged", async () => {
    const result = await h.call("list_failed_sdrs_tasks", { limit: 3 });
    const uri = structured(result).raw_resource_uri;
    const direct = await fetch(
      `${h.sim.url}/v1/${h.sim.projectId}/task-center/failure-jobs?limit=3&offset=0`,
      {
        headers: { "x-auth-token": h.sim.token },
      },
    );
    const read = await h.client.readResource({ uri });
    expect(read.contents).toEqual([
      { uri, mimeType: "application/json", text: await direct.text() },
    ]);
    const listed = await h.client.listResources();
    expect(listed.resources.map((r) => r.uri)).toContain(uri);
  });

  it("forgets the oldest responses beyond its bounds and says so", async () => {
    const small = await startHarness({ rawLimits: { maxEntries: 2, maxBytes: 1_000_000 } });
    try {
      const uris: string[] = [];
      for (let i = 0; i < 3; i++)
        uris.push(
          structured(await small.call("list_failed_sdrs_tasks", { limit: 1 })).raw_resource_uri,
        );
      expect(small.rawStore.size.entries).toBe(2);
      await expect(small.client.readResource({ uri: uris[0] as string })).rejects.toThrow(
        /not kept/,
      );
      expect((await small.client.readResource({ uri: uris[2] as string })).contents).toHaveLength(
        1,
      );
    } finally {
      await small.close();
    }
  });

  it("reads a live query through the resource template, validated like the tool", async () => {
    const templates = await h.client.listResourceTemplates();
    expect(templates.resourceTemplates.map((t) => t.uriTemplate)).toContain(
      "sdrs://projects/{project_id}/failure-jobs{?failure_status,resource_name,server_group_id,resource_type,limit,offset}",
    );
    const uri = `sdrs://projects/${h.sim.projectId}/failure-jobs?failure_status=failoverFail&limit=2`;
    const read = await h.client.readResource({ uri });
    expect(lastQuery()).toBe("failure_status=failoverFail&limit=2&offset=0");
    const body = JSON.parse((read.contents[0] as { text: string }).text);
    expect(body.failure_jobs.every((j: FailureJob) => j.failure_status === "failoverFail")).toBe(
      true,
    );
    const upper = `sdrs://projects/${h.sim.projectId.toUpperCase()}/failure-jobs?limit=1`;
    await h.client.readResource({ uri: upper });
    expect(h.sim.requests.at(-1)?.path).toBe(`/v1/${h.sim.projectId}/task-center/failure-jobs`);
    const before = h.sim.requests.length;
    await expect(
      h.client.readResource({ uri: `sdrs://projects/${h.sim.projectId}/failure-jobs?limit=0` }),
    ).rejects.toThrow(/limit must be/);
    expect(h.sim.requests.length).toBe(before);
  });
});

describe("output budget", () => {
  it("holds for a full page of 1000 tasks with long reasons and unicode names", async () => {
    const big = await startHarness({ groupLevelFailures: 1500 });
    try {
      for (const [i, record] of big.sim.data.failureJobs.entries()) {
        record.job.fail_reason = `SdrsFailoverTask-fail: ${"замедление репликации 复制延迟 ".repeat(40)}${i}`;
        record.job.resource_name = `Datenbank-Primär-数据库-${i}`;
      }
      const result = await big.call("list_failed_sdrs_tasks", { limit: 1000 });
      const s = structured(result);
      const size = JSON.stringify({
        content: result.content,
        structuredContent: result.structuredContent,
      }).length;
      expect(size).toBeLessThan(OUTPUT_BUDGET);
      expect(s.page).toMatchObject({ returned: 1000, total: 1500, next_offset: 1000 });
      expect(s.tasks.length + s.tasks_omitted).toBe(1000);
      expect(Object.values(s.breakdown.by_failure_status).reduce((a, b) => a + b, 0)).toBe(1000);
      const raw = await big.client.readResource({ uri: s.raw_resource_uri });
      expect(JSON.parse((raw.contents[0] as { text: string }).text).failure_jobs).toHaveLength(
        1000,
      );
    } finally {
      await big.close();
    }
  });
});

describe("limit=1000 against an SDRS that refuses it (SDRS.0221's wording)", () => {
  let strict: Harness;
  beforeAll(async () => {
    strict = await startHarness({ rejectLimit1000: true, groups: 3, groupLevelFailures: 1500 });
  });
  afterAll(async () => strict.close());

  const limits = (path: string) =>
    strict.sim.requests
      .filter((r) => r.path.endsWith(path))
      .map((r) => r.query.get("limit"))
      .slice(-2);

  it("list_failed_sdrs_tasks asks again with 999 and pages on from there", async () => {
    const r = await strict.call("list_failed_sdrs_tasks", { limit: 1000 });
    expect(r.isError, textOf(r)).toBeFalsy();
    const s = structured(r);
    expect(limits("/failure-jobs")).toEqual(["1000", "999"]);
    expect(s.page).toMatchObject({ limit: 999, returned: 999, next_offset: 999 });
  });

  it("list_sdrs_protection_groups asks again with 999", async () => {
    const r = await strict.call("list_sdrs_protection_groups", { limit: 1000 });
    expect(r.isError, textOf(r)).toBeFalsy();
    expect(limits("/server-groups")).toEqual(["1000", "999"]);
    expect((r.structuredContent as { page: { limit: number } }).page.limit).toBe(999);
  });
});
