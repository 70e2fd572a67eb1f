import { describe, expect, it } from "vitest";
import { OUTPUT_BUDGET } from "../../../src/format/budget.js";
import { buildReadinessAnswer } from "../../../src/readiness/answer.js";
import type { ReadinessReadings } from "../../../src/readiness/collect.js";
import { type Readiness, readinessOutput } from "../../../src/readiness/output.js";
import type { FailureCollection, Outcome } from "../../../src/sdrs/failure-collection.js";
import {
  drillSchema,
  protectedInstanceSchema,
  quotaResourceSchema,
  replicationSchema,
} from "../../../src/sdrs/member-schemas.js";
import { type FailureJob, failureJobSchema, serverGroupSchema } from "../../../src/sdrs/schemas.js";
import { fullItem, type Overrides } from "../../official/models.js";

const PID = "0605767e1f00d4b72f1ec0127a5e6a5b";
const NOW = Date.parse("2026-12-01T12:00:00Z");
const uuid = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

// Fixtures in the documented shapes (test/official), parsed by the client's own schemas.
const group = (n: number, o: Overrides = {}) =>
  serverGroupSchema.parse(
    fullItem("ShowProtectionGroupParams", {
      id: uuid(n),
      name: `group-${n}`,
      status: "protected",
      health_status: null,
      replication_status: null,
      protected_status: null,
      ...o,
    }),
  );
const pair = (n: number, groupId: string, o: Overrides = {}) =>
  replicationSchema.parse(
    fullItem("ShowReplicationParams", {
      id: uuid(1000 + n),
      name: `pair-${n}`,
      server_group_id: groupId,
      ...o,
    }),
  );
const instance = (n: number, groupId: string, o: Overrides = {}) =>
  protectedInstanceSchema.parse(
    fullItem("ShowProtectedInstanceParams", {
      id: uuid(2000 + n),
      name: `server-${n}`,
      server_group_id: groupId,
      ...o,
    }),
  );
const drill = (groupId: string, createdAt: string) =>
  drillSchema.parse(
    fullItem("ShowDisasterRecoveryDrillParams", {
      server_group_id: groupId,
      created_at: createdAt,
      status: "available",
    }),
  );
const quota = (type: string, used: number, limit: number) =>
  quotaResourceSchema.parse({ type, used, quota: limit, min: 0, max: -1 });
const failure = (o: Overrides = {}): FailureJob =>
  failureJobSchema.parse(fullItem("FailureJobParams", { failure_status: "createFail", ...o }));

const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
const broken = (message: string): Outcome<never> => ({ ok: false, error: new Error(message) });

type Parts = Partial<Omit<ReadinessReadings, "failures">> & {
  failures?: Partial<FailureCollection>;
};

function answer(parts: Parts, serverGroupId: string | null = null) {
  const groups = parts.groups ?? ok([]);
  const count = groups.ok ? groups.value.length : 0;
  const readings: ReadinessReadings = {
    groups,
    abnormalGroups: ok([]),
    noRecentDrill: ok([]),
    abnormalInstances: ok([]),
    abnormalReplications: ok([]),
    drills: ok([]),
    quotas: ok([]),
    ...parts,
    failures: {
      groupLevel: [],
      perGroup: Array.from({ length: count }, () => []),
      unreadable: [],
      ...parts.failures,
    },
  };
  const result = buildReadinessAnswer({
    projectId: PID,
    serverGroupId,
    readings,
    describe: (e) => `described: ${(e as Error).message}`,
    now: NOW,
  });
  const s = readinessOutput.parse(result.structuredContent) as Readiness;
  return { s, text: result.content.map((c) => ("text" in c ? c.text : "")).join("\n"), result };
}

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
      `list_failed_sdrs_tasks failure_status=failoverFail (protection-group level: the row with resource_id ${uuid(1)})`,
    );
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
      `list_failed_sdrs_tasks failure_status=failoverFail (protection-group level: the row with resource_id ${g.id})`,
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

  it("flags a quota at or near its limit and treats -1 as unlimited", () => {
    const { s } = answer({
      groups: ok([group(1, { health_status: "normal" })]),
      quotas: ok([quota("server_groups", 10, 10), quota("replications", 500, -1)]),
    });
    expect(s.quotas).toEqual([
      { type: "server_groups", used: 10, quota: 10, near_limit: true },
      { type: "replications", used: 500, quota: null, near_limit: false },
    ]);
    expect(s.verdict).toBe("needs_attention");
    expect(s.summary).toContain("server_groups quota used up");
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
