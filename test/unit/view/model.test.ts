import { describe, expect, it } from "vitest";
import {
  drillAgeOf,
  faultLevelMeaning,
  type ReadinessModel,
  type SummaryModel,
  toViewModel,
  VERDICT_ORDER,
  verdictOf,
} from "../../../src/view/model.js";

const group = {
  server_group_id: "9bfab4ae-1d79-4cbb-9dd9-a711c3d2da57",
  name: "erp-app",
  verdict: "not_ready",
  status: "error-failing-over",
  health_status: "unknown",
  replication_status: "unknown",
  issues: ["replication link of 1 pair disconnected (failover not allowed)"],
  next_step: "Contact customer service.",
  last_drill_at: "2026-08-24 14:44:18.745",
  last_drill_days_ago: 102,
  drill_overdue: true,
  failures: 4,
  unknown: ["health_status"],
};

const readiness = {
  summary: "Not ready: 1 of 1 protection groups has a blocking problem.",
  verdict: "not_ready",
  project_id: "0605767e1f00d4b72f1ec0127a5e6a5b",
  totals: {
    groups: 1,
    by_verdict: { needs_attention: 0, not_ready: 1 },
    abnormal_replication_pairs: 1,
    abnormal_protected_instances: 0,
    drills_overdue: 1,
  },
  failures: {
    total: 4,
    group_level: 0,
    inside_groups: 4,
    by_failure_status: { createFail: 1, "(other)": 9, deleteFail: 3 },
    by_error_code: { "SDRS.1822": 2, "EVS.2024": 2 },
  },
  error_meanings: { "SDRS.1822": "Failed to detach the replication pair" },
  error_handling: { "SDRS.1822": "Contact technical support." },
  error_next_steps: { "SDRS.1822": "Check the pair.", "EVS.2024": "Check the disk." },
  groups: [group],
  abnormal_replication_pairs: [
    {
      id: "8e69d2f6",
      name: "ecs-erp-app-01-vda",
      server_group_id: group.server_group_id,
      group_name: "erp-app",
      status: "fault",
      meaning: "the synchronization status of the replication pair is abnormal",
      next_step: "Contact customer service.",
      fault_level: "5",
      replication_status: "active-stopped",
      failure_detail: null,
    },
  ],
  abnormal_protected_instances: [],
  quotas: [
    { type: "server_groups", used: 6, quota: 6, near_limit: true },
    { type: "replications", used: 3, quota: null, near_limit: false },
  ],
  incomplete: [{ what: "the DR drills of erp-app", error: "HTTP 503" }],
  next_steps: ["Contact customer service."],
};

describe("toViewModel: readiness", () => {
  const model = toViewModel({ content: [], structuredContent: readiness }) as ReadinessModel;

  it("reads the verdict, the groups and their evidence", () => {
    expect(model.kind).toBe("readiness");
    expect(model.verdict).toEqual({ key: "not_ready", word: "Not ready", rank: 0 });
    expect(model.groups).toHaveLength(1);
    expect(model.groups[0]).toMatchObject({
      id: group.server_group_id,
      name: "erp-app",
      status: "error-failing-over",
      health: "unknown",
      failures: 4,
      issues: group.issues,
      unknown: ["health_status"],
      drill: { daysAgo: 102, overdue: true, words: "102 days ago" },
    });
  });

  it("orders verdict counts worst first and counts largest first with (other) last", () => {
    expect(model.totals.byVerdict.map((c) => c.key)).toEqual(["not_ready", "needs_attention"]);
    expect(model.byFailureStatus.map((c) => c.key)).toEqual([
      "deleteFail",
      "createFail",
      "(other)",
    ]);
  });

  it("explains codes with the official handling first, else sdrs-mcp's pointer", () => {
    expect(model.byErrorCode).toEqual([
      { key: "EVS.2024", count: 2, meaning: null, handling: "Check the disk." },
      {
        key: "SDRS.1822",
        count: 2,
        meaning: "Failed to detach the replication pair",
        handling: "Contact technical support.",
      },
    ]);
  });

  it("says what fault_level means and keeps a missing failure_detail null", () => {
    expect(model.pairs[0]).toMatchObject({
      faultLevel: "5",
      faultMeaning: "replication link disconnected: a failover is not allowed",
      failureDetail: null,
    });
  });

  it("tells an unlimited quota from a missing one", () => {
    expect(model.quotas).toEqual([
      { type: "server_groups", used: 6, quota: 6, unlimited: false, nearLimit: true },
      { type: "replications", used: 3, quota: null, unlimited: true, nearLimit: false },
    ]);
    const missing = toViewModel({ structuredContent: { ...readiness, quotas: [{ type: "x" }] } });
    expect((missing as ReadinessModel).quotas[0]).toMatchObject({
      quota: null,
      unlimited: false,
      used: null,
    });
  });

  it("words incomplete reads as sentences", () => {
    expect(model.incomplete).toEqual(["the DR drills of erp-app: HTTP 503"]);
  });

  it("is sample data only when structuredContent.demo is true", () => {
    expect(model.demo).toBe(false);
    const demo = toViewModel({ structuredContent: { ...readiness, demo: true } });
    expect(demo.kind !== "error" && demo.demo).toBe(true);
    const odd = toViewModel({ structuredContent: { ...readiness, demo: "yes" } });
    expect(odd.kind !== "error" && odd.demo).toBe(false);
  });
});

describe("toViewModel: defensive reading", () => {
  it("shows missing and mistyped fields as unknown (null), never throws", () => {
    const model = toViewModel({
      structuredContent: {
        verdict: 7,
        totals: { groups: "six" },
        groups: [null, { name: 3, failures: null, verdict: "sideways", issues: ["a", 2] }],
        abnormal_replication_pairs: "none",
        extra_field_from_a_newer_server: { deep: true },
      },
    }) as ReadinessModel;
    expect(model.kind).toBe("readiness");
    expect(model.verdict?.key).toBe("unknown");
    expect(model.totals.groups).toBeNull();
    expect(model.groups).toHaveLength(2);
    expect(model.groups[0]).toMatchObject({
      name: "(unnamed group)",
      verdict: null,
      failures: null,
      drill: null,
    });
    expect(model.groups[1]).toMatchObject({
      name: "(unnamed group)",
      verdict: { key: "unknown", word: "Unknown (sideways)" },
      failures: null,
      issues: ["a"],
    });
    expect(model.pairs).toEqual([]);
    expect(model.summary).toBeNull();
  });

  it("takes nullable failure counts as unknown", () => {
    const model = toViewModel({
      structuredContent: {
        verdict: "unknown",
        groups: [{ ...group, failures: null }],
        failures: { total: null },
      },
    }) as ReadinessModel;
    expect(model.groups[0]?.failures).toBeNull();
    expect(model.failures.total).toBeNull();
  });

  it("reads a partial flag or sentence and codes_unexplained", () => {
    const flagged = toViewModel({
      structuredContent: { verdict: "unknown", partial: true, codes_unexplained: 4 },
    });
    expect(flagged).toMatchObject({
      incomplete: ["The answer is partial: some reads failed."],
      codesUnexplained: 4,
    });
    const worded = toViewModel({
      structuredContent: { newest: [], partial: "2 groups unreadable" },
    });
    expect(worded).toMatchObject({ kind: "summary", incomplete: ["2 groups unreadable"] });
  });

  it("shows an isError result's text, and a result without structuredContent as its text", () => {
    expect(
      toViewModel({ isError: true, content: [{ type: "text", text: "HTTP 401: token expired" }] }),
    ).toEqual({
      kind: "error",
      message: "HTTP 401: token expired",
    });
    expect(toViewModel({ content: [{ type: "text", text: "plain" }] })).toEqual({
      kind: "unrecognised",
      summary: "plain",
      demo: false,
    });
    expect(toViewModel(undefined)).toEqual({ kind: "unrecognised", summary: null, demo: false });
  });

  it("lets the tool name from the host decide the kind over the shape", () => {
    const summary = toViewModel(
      { structuredContent: { verdict: "ready" } },
      "summarize_sdrs_failures",
    );
    expect(summary.kind).toBe("summary");
  });
});

describe("toViewModel: summary", () => {
  const summary = {
    summary: "58 failed SDRS tasks",
    project_id: "0605767e1f00d4b72f1ec0127a5e6a5b",
    filters: { failure_status: "createFail", limit: 5 },
    totals: {
      failures: 58,
      group_level: 14,
      inside_groups: 44,
      groups: 6,
      groups_with_failures: 6,
      groups_unreadable: 0,
    },
    by_failure_status: { createFail: 21 },
    by_resource_type: { replications: 12 },
    by_error_code: { "SDRS.1027": 3 },
    error_meanings: { "SDRS.1027": "Failed to enable protection" },
    groups: [
      {
        server_group_id: "g1",
        name: "sap-hana",
        status: "protected",
        health_status: null,
        failures: 10,
        by_failure_status: { createFail: 6 },
      },
    ],
    newest: [
      {
        server_group_id: null,
        group_name: null,
        job_id: "1dea0ba4",
        failure_status: "startFail",
        resource_type: "server_groups",
        resource_name: "billing-api",
        error_code: "SDRS.1027",
        fail_reason: "SdrsStartProtectionTask-fail:Failed to enable protection",
        begin_time: "2026-12-04T09:52:06.234Z",
      },
    ],
    newest_omitted: 0,
    newest_before_window: null,
    incomplete: [{ server_group_id: "g2", name: "crm", error: "HTTP 500" }],
  };
  const model = toViewModel({ structuredContent: summary }) as SummaryModel;

  it("reads totals, counts, groups and the newest failures with their reason as given", () => {
    expect(model.kind).toBe("summary");
    expect(model.totals).toMatchObject({
      failures: 58,
      groupLevel: 14,
      groupsNeedingAttention: null,
    });
    expect(model.byErrorCode).toEqual([
      { key: "SDRS.1027", count: 3, meaning: "Failed to enable protection", handling: null },
    ]);
    expect(model.groups[0]).toMatchObject({
      name: "sap-hana",
      health: null,
      failures: 10,
      verdict: null,
      drill: null,
    });
    expect(model.newest[0]).toMatchObject({
      jobId: "1dea0ba4",
      groupName: null,
      failReason: summary.newest[0]?.fail_reason,
    });
    expect(model.newestBeforeWindow).toBeNull();
  });

  it("keeps only string filters and words incomplete groups", () => {
    expect(model.filters).toEqual([{ key: "failure_status", value: "createFail" }]);
    expect(model.incomplete).toEqual(["crm: HTTP 500"]);
  });
});

describe("words", () => {
  it("verdictOf knows the six verdicts in their documented order", () => {
    expect(VERDICT_ORDER.map((v) => verdictOf(v).rank)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(verdictOf("ready").word).toBe("Ready");
  });

  it("faultLevelMeaning covers the documented levels and says when a level is not one", () => {
    expect(faultLevelMeaning("0")).toBe("no fault");
    expect(faultLevelMeaning("2")).toMatch(/failover is advised/);
    expect(faultLevelMeaning("5")).toMatch(/not allowed/);
    expect(faultLevelMeaning("3")).toBe("not a documented level");
    expect(faultLevelMeaning(null)).toBe("not reported");
  });

  it("drillAgeOf says days, today, or none listed", () => {
    expect(drillAgeOf(null, null, true).words).toBe("none listed");
    expect(drillAgeOf("2026-01-01", 0, false).words).toBe("today");
    expect(drillAgeOf("2026-01-01", 1, false).words).toBe("1 day ago");
    expect(drillAgeOf("2026-01-01", null, null).words).toBe("2026-01-01");
  });
});
