/**
 * Upstream strings that are also names of Object.prototype ("__proto__", "constructor",
 * "toString", "hasOwnProperty", "valueOf") in every place SDRS can put them: failure
 * statuses, resource types, error codes, names, IDs, group, member, drill and job statuses,
 * quota types. Every read tool answers with a valid result inside the output budget, and
 * counts or shows each of them as the ordinary key it is (read through JSON, as a host does).
 */
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { OUTPUT_BUDGET } from "../../src/format/budget.js";
import { type Harness, startHarness, textOf } from "../helpers/harness.js";

const WORDS = ["__proto__", "constructor", "toString", "hasOwnProperty", "valueOf"] as const;
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
/** Word i appears i + 1 times, so that every count can be checked. */
const repeated = WORDS.flatMap((word, i) => Array.from({ length: i + 1 }, () => word));

const failureJobs = {
  count: repeated.length,
  failure_jobs: repeated.map((w) => ({
    job_status: w,
    resource_id: w,
    resource_name: w,
    resource_type: w,
    failure_status: w,
    job_id: w,
    job_type: w,
    begin_time: "2026-11-30 10:00:00.000",
    error_code: w,
    fail_reason: w,
  })),
};
/** Groups with word names, statuses and health; one with a word for its ID. */
const serverGroups = {
  count: WORDS.length,
  server_groups: WORDS.map((w, i) => ({
    id: i === 0 ? w : uuid(i),
    name: w,
    description: w,
    status: w,
    health_status: w,
    replication_status: w,
    protected_status: w,
    priority_station: w,
    source_availability_zone: w,
    target_availability_zone: w,
  })),
};
const members = (key: string) => ({
  count: WORDS.length,
  [key]: WORDS.map((w, i) => ({
    id: w,
    name: w,
    status: w,
    server_group_id: uuid(i),
    replication_status: w,
    fault_level: w,
    created_at: w,
  })),
});
const quotas = {
  quotas: { resources: WORDS.map((w) => ({ type: w, used: 9, quota: 10, min: 0, max: -1 })) },
};
const job = {
  job_id: uuid(77),
  job_type: "toString",
  status: "constructor",
  begin_time: "2026-11-30T10:00:00.000Z",
  end_time: "",
  error_code: "__proto__",
  fail_reason: "valueOf",
  entities: {
    server_group_id: "hasOwnProperty",
    sub_jobs: repeated.map((w, i) => ({
      job_id: uuid(100 + i),
      job_type: w,
      status: w,
      begin_time: `2026-11-30T10:00:${String(i).padStart(2, "0")}.000Z`,
      end_time: "",
      error_code: w,
      fail_reason: w,
      entities: { server_group_id: w },
    })),
  },
};

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
  await h.client.listTools(); // the client then checks every result against outputSchema
  const answer = (pathIncludes: string, body: unknown) =>
    h.sim.faults.add({
      pathIncludes,
      times: Number.POSITIVE_INFINITY,
      fault: { kind: "json", body },
    });
  answer("/task-center/failure-jobs", failureJobs);
  answer("/server-groups", serverGroups);
  answer("/protected-instances", members("protected_instances"));
  answer("/replications", members("replications"));
  answer("/disaster-recovery-drills", members("disaster_recovery_drills"));
  answer("/sdrs/quotas", quotas);
  answer("/jobs/", job);
});
afterEach(() => h.close());

/** The result as a host reads it: through JSON. */
function read(r: CallToolResult): Record<string, unknown> {
  expect(r.isError, textOf(r)).toBeFalsy();
  const size = JSON.stringify({
    content: r.content,
    structuredContent: r.structuredContent,
  }).length;
  expect(size).toBeLessThan(OUTPUT_BUDGET);
  return JSON.parse(JSON.stringify(r.structuredContent)) as Record<string, unknown>;
}

/** Each word is an own key of `counts`, counted (i + 1) * `listings` times. */
function countsEveryWord(counts: unknown, listings = 1) {
  const record = counts as Record<string, number>;
  WORDS.forEach((w, i) => {
    expect(Object.hasOwn(record, w), w).toBe(true);
    expect(record[w], w).toBe((i + 1) * listings);
  });
}

describe("upstream strings named like Object.prototype members", () => {
  it("list_failed_sdrs_tasks counts each as a failure status, resource type and error code", async () => {
    const r = await h.call("list_failed_sdrs_tasks", {});
    const s = read(r) as {
      breakdown: Record<string, unknown>;
      tasks: unknown[];
      error_next_steps: Record<string, string>;
    };
    countsEveryWord(s.breakdown.by_failure_status);
    countsEveryWord(s.breakdown.by_resource_type);
    countsEveryWord(s.breakdown.by_error_code);
    expect(s.tasks).toHaveLength(repeated.length);
    // Not SDRS codes: each is said to be unexplained, under its own name.
    for (const w of WORDS)
      expect(s.error_next_steps[w], w).toMatch(
        /^sdrs-mcp's reading: not in the SDRS error-code appendix/,
      );
    for (const w of WORDS) expect(textOf(r)).toContain(w);
  });

  it("summarize_sdrs_failures counts each, and reads groups whatever their IDs", async () => {
    const r = await h.call("summarize_sdrs_failures", {});
    const s = read(r) as Record<string, Record<string, unknown>>;
    // Every listing answers the same page: the group-level one and the four groups whose ID is
    // an ID; the group whose ID is "__proto__" cannot be asked for, and is said to be unread.
    countsEveryWord(s.by_failure_status, 5);
    countsEveryWord(s.by_resource_type, 5);
    countsEveryWord(s.by_error_code, 5);
    expect(textOf(r)).toContain("__proto__");
  });

  it("list_sdrs_protection_groups shows each as a name, status and health", async () => {
    const r = await h.call("list_sdrs_protection_groups", {});
    const s = read(r);
    for (const w of WORDS) expect(JSON.stringify(s)).toContain(`"${w}"`);
  });

  it("get_sdrs_job counts sub-jobs by each status", async () => {
    const r = await h.call("get_sdrs_job", { job_id: uuid(77) });
    const s = read(r) as { sub_jobs_by_status: unknown; job: { status: string } };
    countsEveryWord(s.sub_jobs_by_status);
    expect(s.job.status).toBe("constructor");
  });

  it("assess_sdrs_readiness reports each as a quota type, status and group", async () => {
    const r = await h.call("assess_sdrs_readiness", {});
    const s = read(r) as {
      quotas: { type: string; near_limit: boolean }[];
      groups: { name: string; status: string }[];
    };
    expect(s.quotas.map((q) => q.type)).toEqual([...WORDS]);
    for (const q of s.quotas) expect(q.near_limit).toBe(true);
    expect(s.groups.map((g) => g.name).sort()).toEqual([...WORDS].sort());
    for (const w of WORDS) expect(textOf(r)).toContain(w);
  });

  it("the live resource template names a query key spelled like them as unknown", async () => {
    const uri = `sdrs://projects/${h.sim.projectId}/failure-jobs?__proto__=x&limit=5`;
    const error = await h.client.readResource({ uri }).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain("__proto__");
  });
});
