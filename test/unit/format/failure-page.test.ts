import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { OUTPUT_BUDGET } from "../../../src/format/budget.js";
import { buildFailurePageResult } from "../../../src/format/failure-page.js";
import { REASON_LENGTHS } from "../../../src/format/fields.js";
import { SDRS_ERROR_CATALOGUE } from "../../../src/sdrs/error-catalogue.js";
import { explainErrorCode } from "../../../src/sdrs/explain.js";
import { failureJobsPageSchema } from "../../../src/sdrs/schemas.js";
import { makeJob } from "../../helpers/helpers.js";

const PID = "0605767e1f00d4b72f1ec0127a5e6a5b";
const documented = failureJobsPageSchema.parse(
  JSON.parse(
    readFileSync(new URL("../../fixtures/failure-jobs-documented.json", import.meta.url), "utf8"),
  ),
);

function build(jobs = documented.failure_jobs, count: number | null = jobs.length, extra = {}) {
  return buildFailurePageResult({
    projectId: PID,
    filters: {},
    offset: 0,
    limit: 100,
    count,
    jobs,
    rawResourceUri: "sdrs://responses/test-1",
    ...extra,
  });
}

describe("buildFailurePageResult", () => {
  it("summarizes the documented example", () => {
    const { structuredContent: s, content } = build();
    expect(s.page).toEqual({ offset: 0, limit: 100, returned: 2, total: 2, next_offset: null });
    // The example's "protectedInstance" is reported in the filter vocabulary.
    expect(s.breakdown).toEqual({
      by_failure_status: { createFail: 2 },
      by_resource_type: { protected_instances: 2 },
      by_error_code: { "EVS.2024": 2 },
    });
    expect(s.tasks).toHaveLength(2);
    expect(s.tasks[0]).toEqual({
      job_id: "ff808082686f229a0168707beaab014e",
      job_type: "createProtectedInstance",
      failure_status: "createFail",
      resource_type: "protected_instances",
      resource_name: "Protected-Instance-ab14",
      resource_id: "17984002-ad8a-438b-8ba6-b850224634c5",
      error_code: "EVS.2024",
      fail_reason: "SdrsGenerateNativeServerParamsTask-fail:volume is error!",
      begin_time: "2019-01-21T12:56:35.754Z",
    });
    expect(s.tasks_omitted).toBe(0);
    // EVS.2024 is not an SDRS code: no documented meaning or handling, only sdrs-mcp's reading.
    expect(s.error_meanings).toEqual({});
    expect(s.error_handling).toEqual({});
    expect(s.error_next_steps["EVS.2024"]).toMatch(
      /^sdrs-mcp's reading: not an SDRS code but one of the Elastic Volume Service.*disk/,
    );
    expect(s.codes_unexplained).toBe(0);
    expect(s.summary).toContain("2 failed SDRS tasks");
    expect(s.summary).toContain("2 createFail");
    expect(s.summary).toContain(
      'newest: createFail of "Protected-Instance-ab14" at 2019-01-21T12:56:35.754Z (EVS.2024)',
    );
    expect(content[0]).toMatchObject({ type: "text" });
    expect((content[0] as { text: string }).text).toContain(s.summary);
    expect(content[1]).toEqual({
      type: "resource_link",
      uri: "sdrs://responses/test-1",
      name: "failure-jobs.json",
      mimeType: "application/json",
      description: expect.any(String),
    });
  });

  it("keeps a full page of 1000 long, unicode tasks under the budget with counts over all", () => {
    const jobs = Array.from({ length: 1000 }, (_, i) => makeJob(i));
    const result = build(jobs, 5000, { limit: 1000 });
    const size = JSON.stringify(result).length;
    expect(size).toBeLessThan(OUTPUT_BUDGET);
    const s = result.structuredContent;
    expect(s.tasks.length + s.tasks_omitted).toBe(1000);
    // Reasons down to their shortest rung (beginning and end kept), then as many rows as fit.
    expect(s.tasks.length).toBeGreaterThan(40);
    expect(s.tasks[0]?.fail_reason).toMatch(
      /^SdrsCreateTask-fail: volume 0 is in error state;.*….*détail$/,
    );
    expect(s.tasks[0]?.fail_reason.length).toBeLessThanOrEqual(REASON_LENGTHS.at(-1) as number);
    const sum = (r: Record<string, number>) => Object.values(r).reduce((a, b) => a + b, 0);
    expect(sum(s.breakdown.by_failure_status)).toBe(1000);
    expect(sum(s.breakdown.by_resource_type)).toBe(1000);
    expect(sum(s.breakdown.by_error_code)).toBe(1000);
    expect(s.page).toEqual({
      offset: 0,
      limit: 1000,
      returned: 1000,
      total: 5000,
      next_offset: 1000,
    });
    expect(s.summary).toContain(`${s.tasks_omitted} rows left out for size`);
  });

  it("folds the rarest keys into (other) when a page has many distinct codes", () => {
    const jobs = Array.from({ length: 1000 }, (_, i) =>
      makeJob(i, { error_code: `X${i}.${"y".repeat(500)}`, fail_reason: "r" }),
    );
    const result = build(jobs, 1000, { limit: 1000 });
    const codes = result.structuredContent.breakdown.by_error_code;
    expect(Object.keys(codes).length).toBeLessThanOrEqual(20);
    expect(codes["(other)"]).toBe(981);
    expect(Object.values(codes).reduce((a, b) => a + b, 0)).toBe(1000);
    expect(JSON.stringify(result).length).toBeLessThan(OUTPUT_BUDGET);
  });

  it("stays under the budget for hostile field sizes", () => {
    const huge = "Ω".repeat(100_000);
    const jobs = Array.from({ length: 1000 }, (_, i) =>
      makeJob(i, {
        resource_name: huge,
        job_id: huge,
        job_type: huge,
        begin_time: huge,
        fail_reason: huge,
      }),
    );
    const result = build(jobs, 1000, { limit: 1000, filters: { resource_name: "n".repeat(255) } });
    expect(JSON.stringify(result).length).toBeLessThan(OUTPUT_BUDGET);
  });

  it("strips control and bidi characters from upstream text", () => {
    const jobs = [
      makeJob(1, {
        fail_reason: "bad\u0000\u001b[31m\u202Ereason\nnext line",
        resource_name: "a\u0007b",
      }),
    ];
    const task = build(jobs).structuredContent.tasks[0];
    expect(task?.fail_reason).toBe("bad[31mreason next line");
    expect(task?.resource_name).toBe("ab");
  });

  it("explains an empty group-level page and points to server_group_id", () => {
    const s = build([], 0).structuredContent;
    expect(s.page).toMatchObject({ returned: 0, total: 0, next_offset: null });
    expect(s.summary).toMatch(/No failed SDRS tasks at protection-group level/);
    expect(s.summary).toMatch(/server_group_id .*list_sdrs_protection_groups/);
  });

  it("explains every documented code its rows show, also past the breakdown's 20 keys", () => {
    const codes = [...SDRS_ERROR_CATALOGUE.keys()].slice(40, 70);
    const jobs = codes.map((code, i) => makeJob(i, { error_code: code }));
    const s = build(jobs).structuredContent;
    expect(Object.keys(s.breakdown.by_error_code)).toContain("(other)");
    const shown = new Set(s.tasks.map((t) => t.error_code));
    expect(shown.size).toBe(30);
    const documentedCodes = [...shown].filter((code) => explainErrorCode(code));
    expect(documentedCodes).toHaveLength(30);
    for (const code of documentedCodes) {
      expect(s.error_meanings[code], code).toBeTruthy();
      expect(s.error_handling[code], code).toBe(SDRS_ERROR_CATALOGUE.get(code)?.handling);
    }
  });
});
