import { describe, expect, it } from "vitest";
import { OUTPUT_BUDGET } from "../../../src/format/budget.js";
import { drillSchema } from "../../../src/sdrs/member-schemas.js";
import {
  answer,
  broken,
  drill,
  failure,
  group,
  instance,
  ok,
  pair,
  quota,
  uuid,
} from "../../helpers/readiness.js";
import { fullItem } from "../../official/models.js";

describe("readiness verdicts", () => {
  it("reports health SDRS leaves null as unknown, never as ready", () => {
    const unknown = answer({ groups: ok([group(1)]) });
    expect(unknown.s.groups[0]).toMatchObject({
      verdict: "no_problem_found",
      health_status: "unknown",
    });
    expect(unknown.s.groups[0]?.unknown).toContain("health_status");
    expect(unknown.s.verdict).toBe("no_problem_found");
    expect(unknown.s.summary).not.toMatch(/^Ready/);
    expect(unknown.s.summary).toContain("unknown");

    // The literal string "null" (listed by Huawei's enums) says nothing either.
    const literal = answer({ groups: ok([group(1, { health_status: "null" })]) });
    expect(literal.s.groups[0]?.health_status).toBe("unknown");

    const normal = answer({
      groups: ok([group(1, { health_status: "normal", replication_status: "active" })]),
    });
    expect(normal.s.groups[0]?.verdict).toBe("ready");
    expect(normal.s.summary).toMatch(/^Ready: all 1 protection groups/);
  });

  it("leads with a disconnected replication link and gives the documented step", () => {
    const healthy = group(1, { health_status: "normal" });
    const broken = group(2, { name: "erp" });
    const { s } = answer({
      groups: ok([healthy, broken]),
      abnormalReplications: ok([pair(1, broken.id, { status: "fault", fault_level: "5" })]),
      abnormalInstances: ok([instance(1, broken.id, { status: "fault" })]),
    });
    expect(s.verdict).toBe("not_ready");
    expect(s.summary).toMatch(/^Not ready: 1 of 2 protection groups .*"erp".*failover not allowed/);
    expect(s.groups.map((g) => g.verdict)).toEqual(["not_ready", "ready"]);
    expect(s.abnormal_replication_pairs[0]?.next_step).toContain("contact customer service");
    expect(s.abnormal_replication_pairs[0]?.group_name).toBe("erp");
    expect(s.abnormal_protected_instances[0]?.next_step).toContain("fault_level");
    // Upstream names reach the next steps as JSON strings, never as our own words.
    expect(s.next_steps[0]).toMatch(/^"erp": The replication link is disconnected/);
  });

  it("does not report members whose own status is fine although the listing returned them", () => {
    const g = group(1, { health_status: "normal" });
    const { s } = answer({
      groups: ok([g]),
      abnormalReplications: ok([pair(1, g.id, { status: "protected", fault_level: "0" })]),
      abnormalInstances: ok([instance(1, g.id, { status: "protected" })]),
    });
    expect(s.totals).toMatchObject({
      abnormal_replication_pairs: 0,
      abnormal_protected_instances: 0,
    });
    expect(s.verdict).toBe("ready");
  });

  it("names the failed task of an error status and the documented steps for unprotected groups", () => {
    const { s } = answer({
      groups: ok([
        group(1, { status: "error-failing-over" }),
        group(2, { status: "available" }),
        group(3, { status: "failed-over" }),
        group(4, { status: "starting" }),
      ]),
    });
    const byName = Object.fromEntries(s.groups.map((g) => [g.name, g]));
    // A group's own failed operation is a protection-group-level failed task (no server_group_id).
    expect(byName["group-1"]?.next_step).toContain(
      `list_failed_sdrs_tasks failure_status=failoverFail, the row with resource_id ${uuid(1)} (listed without server_group_id as sdrs-mcp reads the API reference`,
    );
    // The user guide and the API reference allow a failover from error-failing-over.
    expect(byName["group-1"]?.next_step).toMatch(/^The failover may be retried/);
    expect(byName["group-2"]?.next_step).toMatch(/^Enable protection/);
    expect(byName["group-3"]?.next_step).toMatch(/^Reprotect/);
    expect(byName["group-4"]?.verdict).toBe("in_progress");
    expect(s.totals.not_protected).toBe(2);
    expect(s.groups[0]?.name).toBe("group-1");
  });

  it("sends a member's own failed operation inside its group, its group's operation to group level", () => {
    const g = group(1, { status: "error-failing-over" });
    const { s } = answer({
      groups: ok([g]),
      abnormalReplications: ok([
        pair(1, g.id, { status: "error-extending", fault_level: "0" }),
        pair(2, g.id, { status: "error-failing-over", fault_level: "0" }),
      ]),
    });
    const step = (name: string) =>
      s.abnormal_replication_pairs.find((p) => p.name === name)?.next_step;
    expect(step("pair-1")).toContain(
      `list_failed_sdrs_tasks server_group_id=${g.id} failure_status=expandFail`,
    );
    expect(step("pair-2")).toContain(
      `list_failed_sdrs_tasks failure_status=failoverFail, the row with resource_id ${g.id}`,
    );
  });

  it("says when a project has no protection groups", () => {
    const { s } = answer({ groups: ok([]) });
    expect(s.verdict).toBe("not_ready");
    expect(s.summary).toContain("no protection groups");
  });
});

describe("readiness facts", () => {
  it("gives each group its newest drill and whether SDRS lists it as overdue", () => {
    const drilled = group(1, { health_status: "normal" });
    const never = group(2, { health_status: "normal" });
    const { s } = answer({
      groups: ok([drilled, never]),
      drills: ok([
        drill(drilled.id, "2026-08-01 10:00:00.000"),
        drill(drilled.id, "2026-11-21 12:00:00.000"),
      ]),
      noRecentDrill: ok([never]),
    });
    const rows = Object.fromEntries(s.groups.map((g) => [g.name, g]));
    expect(rows["group-1"]).toMatchObject({
      last_drill_at: "2026-11-21 12:00:00.000",
      last_drill_days_ago: 10,
      drill_overdue: false,
      verdict: "ready",
    });
    expect(rows["group-2"]).toMatchObject({
      last_drill_at: null,
      drill_overdue: true,
      verdict: "needs_attention",
    });
    expect(s.summary).toMatch(/^Ready with caveats/);
    expect(s.totals.drills_overdue).toBe(1);
  });

  it("does not take a drill whose creation failed, or that is still being created, as the last drill", () => {
    const g = group(1, { health_status: "normal" });
    const at = (createdAt: string, status: string) =>
      drillSchema.parse(
        fullItem("ShowDisasterRecoveryDrillParams", {
          server_group_id: g.id,
          created_at: createdAt,
          status,
        }),
      );
    const { s } = answer({
      groups: ok([g]),
      drills: ok([
        at("2026-06-01 10:00:00.000", "available"),
        at("2026-11-20 10:00:00.000", "error"),
        at("2026-11-30 10:00:00.000", "creating"),
      ]),
    });
    expect(s.groups[0]?.last_drill_at).toBe("2026-06-01 10:00:00.000");
  });

  it("reports a used-up quota for what it blocks, on its own line, and judges nothing by it", () => {
    const { s, text } = answer({
      groups: ok([group(1, { health_status: "normal" })]),
      quotas: ok([quota("server_groups", 10, 10), quota("replications", 500, -1)]),
    });
    expect(s.quotas).toEqual([
      {
        type: "server_groups",
        used: 10,
        quota: 10,
        near_limit: true,
        used_up: true,
        blocks: expect.stringContaining("creating more protection groups fails with SDRS.0305"),
      },
      {
        type: "replications",
        used: 500,
        quota: null,
        near_limit: false,
        used_up: false,
        blocks: null,
      },
    ]);
    // The error code appendix's handling measure, quoted.
    expect(s.quotas?.[0]?.blocks).toContain("Contact customer service to increase the quota.");
    expect(s.verdict).toBe("ready");
    expect(s.summary).toMatch(/^Ready: /);
    expect(s.summary).not.toContain("quota");
    expect(s.next_steps.join(" ")).not.toContain("quota");
    const line = text.split("\n").find((l) => l.startsWith("Quotas"));
    expect(line).toContain("server_groups 10 of 10, used up: creating more protection groups");
    expect(line).toContain("no verdict depends on them");
  });

  it("counts failed tasks as summarize_sdrs_failures does; one group counts the group-level ones about it", () => {
    const a = group(1, { health_status: "normal" });
    const b = group(2, { health_status: "normal" });
    const groupLevel = [failure({ resource_id: a.id }), failure({ resource_id: uuid(99) })];
    const whole = answer({
      groups: ok([a, b]),
      failures: {
        groupLevel,
        perGroup: [[failure(), failure({ failure_status: "failoverFail" })], []],
      },
    });
    expect(whole.s.failures).toMatchObject({
      total: 4,
      group_level: 2,
      inside_groups: 2,
      groups_with_failures: 1,
    });
    expect(whole.s.failures.by_failure_status).toEqual({ createFail: 3, failoverFail: 1 });

    const one = answer(
      { groups: ok([a]), failures: { groupLevel, perGroup: [[failure()]] } },
      a.id,
    );
    expect(one.s.failures).toMatchObject({ total: 2, group_level: 1, inside_groups: 1 });
    expect(one.s.summary).toMatch(/^Ready with caveats: protection group "group-1"/);
  });

  it("keeps what could not be read as incomplete, and never calls that ready", () => {
    const g = group(1, { health_status: "normal" });
    const { s, text } = answer({
      groups: ok([g]),
      abnormalReplications: broken("HTTP 503"),
      failures: { unreadable: [{ group: g, error: new Error("timeout") }] },
    });
    expect(s.incomplete).toEqual([
      { what: "abnormal replication pairs", error: "described: HTTP 503" },
      { what: `failed tasks of group-1 (${g.id})`, error: "described: timeout" },
    ]);
    expect(s.groups[0]).toMatchObject({ verdict: "unknown", failures: null });
    expect(s.verdict).toBe("unknown");
    expect(s.summary).toMatch(/^Readiness unknown/);
    expect(text).toContain("Could not read:");
  });
});

describe("readiness without the group list", () => {
  it("still reports broken members, and is not ready, when the groups cannot be listed", () => {
    const { s } = answer({
      groups: broken("HTTP 504"),
      abnormalReplications: ok([pair(1, uuid(7), { status: "invalid" })]),
    });
    expect(s.verdict).toBe("not_ready");
    expect(s.summary).toMatch(
      /^Not ready: SDRS lists 1 abnormal replication pair, and the protection groups could not be read/,
    );
    expect(s.abnormal_replication_pairs[0]?.meaning).toBe(
      "a disk in the replication pair has been deleted",
    );
    expect(s.incomplete[0]).toEqual({ what: "protection groups", error: "described: HTTP 504" });

    const nothing = answer({ groups: broken("HTTP 504") });
    expect(nothing.s.verdict).toBe("unknown");
    expect(nothing.s.summary).toMatch(
      /^Readiness unknown: the protection groups could not be read/,
    );
  });
});

describe("readiness budget", () => {
  it("stays inside the output budget for a huge project with long names, worst rows kept", () => {
    const long = (n: number) => `${"名前\u202e".repeat(60)}-${n}`;
    const groups = Array.from({ length: 1000 }, (_, i) =>
      group(i, { name: long(i), health_status: i % 2 ? "normal" : null }),
    );
    const pairs = groups
      .slice(0, 600)
      .map((g, i) =>
        pair(i, g.id, { name: long(i), status: "fault", fault_level: i % 3 ? "0" : "5" }),
      );
    const { s, result } = answer({
      groups: ok(groups),
      abnormalReplications: ok(pairs),
      abnormalInstances: ok(
        groups.slice(0, 600).map((g, i) => instance(i, g.id, { name: long(i), status: "invalid" })),
      ),
    });
    const size = JSON.stringify({
      content: result.content,
      structuredContent: result.structuredContent,
    }).length;
    expect(size).toBeLessThan(OUTPUT_BUDGET);
    expect(s.groups.length + s.groups_omitted).toBe(1000);
    expect(s.abnormal_replication_pairs.length + s.replication_pairs_omitted).toBe(600);
    expect(s.totals.groups).toBe(1000);
    // The first rows kept are the worst: groups with a disconnected link, not ready ones.
    expect(s.groups[0]?.issues[0]).toContain("failover not allowed");
    expect(JSON.stringify(result)).not.toContain("\u202e");
  });
});

describe("readiness never flatters", () => {
  it("headlines a group without reported health the same with or without a used-up quota", () => {
    const quiet = { groups: ok([group(1)]) };
    const without = answer(quiet);
    const withQuota = answer({ ...quiet, quotas: ok([quota("server_groups", 10, 10)]) });
    expect(without.s.summary).toMatch(/^No problem found/);
    expect(withQuota.s.summary.split(". ")[0]).toBe(without.s.summary.split(". ")[0]);
    expect(withQuota.s.verdict).toBe(without.s.verdict);
    expect(withQuota.s.groups[0]?.verdict).toBe("no_problem_found");
  });

  it('headlines needs_attention "Needs attention" unless SDRS reports every group healthy', () => {
    const overdue = (health: string | null) =>
      answer({ groups: ok([group(1, { health_status: health })]), noRecentDrill: ok([group(1)]) });
    const unknown = overdue(null);
    expect(unknown.s.verdict).toBe("needs_attention");
    expect(unknown.s.summary).toMatch(
      /^Needs attention: no blocking problem found in 1 protection groups/,
    );
    expect(unknown.s.summary).toContain("SDRS reports no health for 1 group (unknown, not fine)");
    const one = answer({ groups: ok([group(1)]), noRecentDrill: ok([group(1)]) }, uuid(1));
    expect(one.s.summary).toMatch(/^Needs attention: protection group "group-1"/);
    const healthy = overdue("normal");
    expect(healthy.s.summary).toMatch(/^Ready with caveats/);
  });

  it('says "Ready" only where the health is normal and nothing is left unread', () => {
    const g = group(1, { health_status: "normal" });
    const failedRead = answer({
      groups: ok([g]),
      noRecentDrill: ok([g]),
      drills: broken("HTTP 500"),
    });
    expect(failedRead.s.verdict).toBe("needs_attention");
    expect(failedRead.s.summary).toMatch(/^Needs attention/);
    expect(failedRead.s.summary).toContain("1 read of SDRS failed");
    const silentPair = answer({
      groups: ok([g]),
      replications: ok([pair(1, g.id, { status: "protected", replication_status: null })]),
    });
    expect(silentPair.s.groups[0]?.verdict).toBe("no_problem_found");
    expect(silentPair.s.groups[0]?.unknown).toContain("replication_status of 1 replication pair");
    expect(silentPair.s.summary).toMatch(/^No problem found/);
  });

  it("makes a protected pair whose replication is not active an issue of its group", () => {
    const g = group(1, { health_status: "normal", replication_status: "active" });
    const { s } = answer({
      groups: ok([g]),
      replications: ok([
        pair(1, g.id, { status: "protected", replication_status: "active" }),
        pair(2, g.id, { status: "protected", replication_status: "active-stopped" }),
      ]),
    });
    expect(s.groups[0]?.verdict).toBe("not_ready");
    expect(s.abnormal_replication_pairs.map((p) => p.name)).toEqual(["pair-2"]);
    expect(s.abnormal_replication_pairs[0]?.meaning).toBe(
      "protected, but data synchronization is stopped (replication_status active-stopped)",
    );
    expect(s.totals.abnormal_replication_pairs).toBe(1);
  });

  it("reads progress: a pair still copying keeps its group in progress, with the percentage", () => {
    const g = group(1, { health_status: "normal", progress: 40 });
    const { s, text } = answer({
      groups: ok([g]),
      replications: ok([
        pair(1, g.id, { status: "protected", replication_status: "copying", progress: 40 }),
      ]),
    });
    expect(s.groups[0]).toMatchObject({ verdict: "in_progress", progress: 40 });
    expect(s.groups[0]?.issues).toContain(
      "1 replication pair still synchronizing (synchronization progress 40%)",
    );
    expect(s.abnormal_replication_pairs[0]?.progress).toBe(40);
    expect(text).toContain("synchronization progress 40%");
  });

  it("gives the documented failover retry, but never while a pair's link is disconnected", () => {
    const g = group(1, { status: "error-failing-over" });
    const retry = answer({ groups: ok([g]) });
    expect(retry.s.groups[0]?.next_step).toMatch(/^The failover may be retried/);
    const linkDown = answer({
      groups: ok([g]),
      abnormalReplications: ok([pair(1, g.id, { status: "fault", fault_level: "5" })]),
    });
    const steps = [...linkDown.s.next_steps, linkDown.s.groups[0]?.next_step].join(" ");
    expect(steps).not.toContain("may be retried");
    expect(linkDown.s.groups[0]?.next_step).toContain("failover is not allowed");
  });

  it("counts failed tasks as unknown, never 0, when a listing could not be read", () => {
    const g = group(1, { health_status: "normal" });
    const { s, text } = answer({
      groups: ok([g]),
      failures: {
        groupLevelError: new Error("HTTP 500"),
        unreadable: [{ group: g, error: new Error("HTTP 500") }],
      },
    });
    expect(s.failures).toMatchObject({ total: null, group_level: null, inside_groups: null });
    expect(s.failures.unknown).toContain("the group-level listing");
    expect(text).toContain(
      "Failed tasks: unknown (could not be read: the group-level listing, the listings of 1 group).",
    );
    const groupsUnread = answer({ groups: broken("HTTP 500") });
    expect(groupsUnread.s.totals.groups).toBeNull();
    expect(groupsUnread.s.failures.inside_groups).toBeNull();
  });

  it("labels its own thresholds: a quota near its limit by sdrs-mcp's 80%", () => {
    const { s, text } = answer({
      groups: ok([group(1, { health_status: "normal" })]),
      quotas: ok([quota("replications", 90, 100)]),
    });
    expect(s.quotas?.[0]).toMatchObject({ near_limit: true, used_up: false, blocks: null });
    expect(s.verdict).toBe("ready");
    expect(text).toContain(
      "replications 90 of 100, near its limit by sdrs-mcp's own 80% threshold",
    );
    expect(s.sdrs_mcp_rules.quota_near_limit).toContain("sdrs-mcp's own threshold");
  });
});
