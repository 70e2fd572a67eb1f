import { describe, expect, it } from "vitest";
import { buildSummaryResult, type SummaryInput } from "../../../src/format/summary.js";
import { summaryOutput } from "../../../src/format/summary-output.js";
import { SDRS_ERROR_CATALOGUE } from "../../../src/sdrs/error-catalogue.js";
import { explainErrorCode } from "../../../src/sdrs/explain.js";
import type { ServerGroup } from "../../../src/sdrs/schemas.js";
import { makeJob } from "../../helpers/helpers.js";

const PID = "0605767e1f00d4b72f1ec0127a5e6a5b";

function group(i: number, extra: Partial<ServerGroup> = {}): ServerGroup {
  return {
    id: `00000000-0000-4000-8000-${i.toString(16).padStart(12, "0")}`,
    name: `group-${i}`,
    description: "",
    status: "protected",
    source_availability_zone: "eu-de-01",
    target_availability_zone: "eu-de-02",
    priority_station: "source",
    protected_instance_num: 1,
    replication_num: 1,
    disaster_recovery_drill_num: 0,
    protected_status: null,
    replication_status: null,
    health_status: null,
    protection_type: null,
    domain_id: null,
    domain_name: null,
    created_at: "",
    updated_at: "",
    ...extra,
  } as ServerGroup;
}

function input(extra: Partial<SummaryInput> = {}): SummaryInput {
  const groups = [group(1), group(2)];
  return {
    projectId: PID,
    filters: {},
    since: undefined,
    groups,
    groupLevel: [makeJob(1, { begin_time: "2026-11-01T10:00:00.000Z" })],
    perGroup: [[makeJob(2, { begin_time: "2026-11-03T10:00:00.000Z" })], []],
    incomplete: [],
    newest: 10,
    ...extra,
  };
}

describe("summarize_sdrs_failures's answer", () => {
  it("names the newest failure before an empty window, and what was searched", () => {
    const since = "2026-11-13";
    const s = buildSummaryResult(
      input({ filters: { since }, since: Date.parse(since) }),
    ).structuredContent;
    expect(summaryOutput.safeParse(s).success).toBe(true);
    expect(s.totals.failures).toBe(0);
    expect(s.summary).toMatch(/^No failed SDRS tasks matching since 2026-11-13 in project/);
    expect(s.summary).toContain(
      "Searched the protection-group-level failures and the failures inside all 2 protection groups.",
    );
    expect(s.summary).toContain(
      'The newest failure before the window: reprotectFail of "Datenbank-Primär-数据库-2" in "group-1" at 2026-11-03T10:00:00.000Z (SDRS.1002).',
    );
    expect(s.newest_before_window?.job_id).toBe(makeJob(2).job_id);
    expect(s.next_steps).toContain(
      `get_sdrs_job with job_id=${makeJob(2).job_id} names the failed step`,
    );
  });

  it("says in its first sentence that a partial answer is incomplete, and how much", () => {
    const groups = [group(1), group(2), group(3)];
    const s = buildSummaryResult(
      input({
        groups,
        perGroup: [[makeJob(2)], [], []],
        incomplete: [
          { group: groups[1] as ServerGroup, error: "HTTP 500 SDRS.0013: Internal error" },
          { group: groups[2] as ServerGroup, error: "timeout" },
        ],
      }),
    ).structuredContent;
    expect(s.summary.split(". ")[0]).toBe(
      "Incomplete: 2 of 3 protection groups could not be read (see incomplete), so their failures are missing below",
    );
    expect(s.totals.groups_unreadable).toBe(2);
    expect(s.incomplete.map((g) => g.name)).toEqual(["group-2", "group-3"]);
  });

  it("gets its plurals right", () => {
    const one = buildSummaryResult(
      input({ groups: [group(1)], groupLevel: [], perGroup: [[makeJob(2)]] }),
    );
    expect(one.structuredContent.summary).toMatch(
      /^1 failed SDRS task in project .*inside 1 of 1 group \(/,
    );
    expect(one.content[0]?.type === "text" && one.content[0].text).toContain(
      ": 1 failure, protected",
    );
  });

  it('says none where a side has no failures, never "0 inside 0 of"', () => {
    const groupLevelOnly = buildSummaryResult(input({ perGroup: [[], []] })).structuredContent;
    expect(groupLevelOnly.summary).toContain(
      ": 1 at protection-group level, none inside the 2 groups;",
    );
    const insideOnly = buildSummaryResult(input({ groupLevel: [] })).structuredContent;
    expect(insideOnly.summary).toContain(
      ": none at protection-group level, 1 inside 1 of 2 groups (",
    );
    const noGroups = buildSummaryResult(input({ groups: [], perGroup: [] })).structuredContent;
    expect(noGroups.summary).toContain(
      ": 1 at protection-group level; the project has no protection groups;",
    );
    for (const s of [groupLevelOnly, insideOnly, noGroups])
      expect(s.summary).not.toMatch(/\b0 (at|inside)/);
  });

  it("explains every documented code of its newest failures, also past the 20 counted", () => {
    const codes = [...SDRS_ERROR_CATALOGUE.keys()].slice(40, 70);
    const s = buildSummaryResult(
      input({
        groupLevel: codes.map((code, i) => makeJob(i, { error_code: code })),
        perGroup: [[], []],
        newest: 30,
      }),
    ).structuredContent;
    expect(Object.keys(s.by_error_code)).toContain("(other)");
    const shown = new Set(s.newest.map((f) => f.error_code));
    const documentedCodes = [...shown].filter((code) => explainErrorCode(code));
    expect(documentedCodes).toHaveLength(30);
    for (const code of documentedCodes) expect(s.error_meanings[code], code).toBeTruthy();
  });

  it("counts a known response spelling under its filter term", () => {
    const s = buildSummaryResult(
      input({
        groupLevel: [makeJob(1, { resource_type: "protectedInstance" })],
        perGroup: [[], []],
      }),
    ).structuredContent;
    expect(s.by_resource_type).toEqual({ protected_instances: 1 });
    expect(s.newest[0]?.resource_type).toBe("protected_instances");
  });

  it("says unknown for a group's null health, never null or n/a", () => {
    const troubled = group(1, { status: "error-failing-over", health_status: null });
    const r = buildSummaryResult(input({ groups: [troubled], perGroup: [[makeJob(2)]] }));
    const t = r.content[0]?.type === "text" ? r.content[0].text : "";
    expect(t).toContain("error-failing-over, health unknown");
    expect(t).not.toMatch(/health (null|n\/a)/);
  });
});
