/**
 * Every SDRS code in every answer carries the official Handling Measure, or is counted in
 * codes_unexplained: a project whose failures hold all 218 documented codes, the most frequent
 * few many times and the rest once, through every tool that explains codes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SDRS_ERROR_CATALOGUE } from "../../../src/sdrs/error-catalogue.js";
import type { Job } from "../../../src/simulator/types.js";
import { type Harness, startHarness } from "../../helpers/harness.js";

const CODES = [...SDRS_ERROR_CATALOGUE.keys()];
/** The i-th of n failures: early codes often, late ones once (every code at least once). */
const codeOf = (i: number, n: number) =>
  CODES[Math.min(CODES.length - 1, Math.floor(CODES.length * (i / n) ** 2))] as string;

interface Explained {
  error_meanings: Record<string, string>;
  error_handling: Record<string, string>;
  error_next_steps: Record<string, string>;
  codes_unexplained: number;
}

/**
 * Each code the answer names or its page holds: with its documented meaning and handling, or
 * among those counted in codes_unexplained, which are the least frequent of `codes`.
 */
function expectEveryCodeHandled(s: Explained, codes: readonly string[], named: Iterable<string>) {
  const frequency = new Map<string, number>();
  for (const code of codes) frequency.set(code, (frequency.get(code) ?? 0) + 1);
  const explained = Object.keys(s.error_handling);
  for (const code of explained) {
    const documented = SDRS_ERROR_CATALOGUE.get(code);
    expect(s.error_handling[code], code).toBe(documented?.handling);
    expect(s.error_meanings[code], code).toBe(documented?.message);
  }
  expect(s.error_next_steps).toEqual({});
  expect(explained.length + s.codes_unexplained).toBe(frequency.size);
  const unexplained = [...frequency.keys()].filter((code) => !explained.includes(code));
  const rarestExplained = Math.min(...explained.map((code) => frequency.get(code) ?? 0));
  for (const code of unexplained) expect(frequency.get(code)).toBeLessThanOrEqual(rarestExplained);
  for (const code of named) {
    if (!SDRS_ERROR_CATALOGUE.has(code)) continue;
    if (!explained.includes(code)) expect(s.codes_unexplained, code).toBeGreaterThan(0);
  }
}

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ groups: 3, failuresPerGroup: 200, groupLevelFailures: 400 });
  const records = h.sim.data.failureJobs;
  for (const [i, record] of records.entries()) record.job.error_code = codeOf(i, records.length);
}, 60_000);
afterAll(async () => h.close());

const pageCodes = (serverGroupId: string | null) =>
  h.sim.data.failureJobs
    .filter((r) => r.serverGroupId === serverGroupId)
    .map((r) => r.job.error_code);

describe("a project whose failures hold every documented code", () => {
  it("list_failed_sdrs_tasks: every code of the page", async () => {
    const result = await h.call("list_failed_sdrs_tasks", { limit: 1000 });
    const s = result.structuredContent as unknown as Explained & {
      tasks: { error_code: string }[];
      breakdown: { by_error_code: Record<string, number> };
    };
    const codes = pageCodes(null);
    expect(new Set(codes).size).toBeGreaterThan(150);
    expectEveryCodeHandled(s, codes, [
      ...s.tasks.map((t) => t.error_code),
      ...Object.keys(s.breakdown.by_error_code),
    ]);
    expect(s.codes_unexplained).toBeGreaterThan(0);
    expect(JSON.stringify(result).length).toBeLessThan(40_000);
  });

  it("summarize_sdrs_failures: every code of the project", async () => {
    const result = await h.call("summarize_sdrs_failures", {});
    const s = result.structuredContent as unknown as Explained & {
      newest: { error_code: string }[];
      by_error_code: Record<string, number>;
    };
    const codes = h.sim.data.failureJobs.map((r) => r.job.error_code);
    expectEveryCodeHandled(s, codes, [
      ...s.newest.map((f) => f.error_code),
      ...Object.keys(s.by_error_code),
    ]);
  });

  it("get_sdrs_job: every code of a job with a sub-job for each documented code", async () => {
    const jobId = "ff8080826800000000000000000c0ffe";
    const subJobs = CODES.map((code, i) => ({
      status: "FAIL",
      job_id: `ff808082680000000000000${i.toString(16).padStart(9, "0")}`,
      job_type: `step${i}`,
      begin_time: new Date(Date.UTC(2026, 10, 1, 8) + i * 1000).toISOString(),
      end_time: new Date(Date.UTC(2026, 10, 1, 9) + i * 1000).toISOString(),
      error_code: code,
      fail_reason: `step ${i} failed`,
      entities: { server_group_id: "a2d5e6f1-0000-4000-8000-000000000001" },
    }));
    h.sim.data.jobs.set(jobId, {
      ...subJobs[0],
      job_id: jobId,
      job_type: "failoverProtectionGroup",
      entities: { server_group_id: "a2d5e6f1-0000-4000-8000-000000000001", sub_jobs: subJobs },
    } as unknown as Job);
    const result = await h.call("get_sdrs_job", { job_id: jobId });
    const s = result.structuredContent as unknown as Explained & {
      sub_jobs: { error_code: string }[];
    };
    expectEveryCodeHandled(
      s,
      [CODES[0] as string, ...CODES],
      s.sub_jobs.map((j) => j.error_code),
    );
    expect(s.codes_unexplained).toBeGreaterThan(0);
  });

  it("assess_sdrs_readiness: every code its failure counts name", async () => {
    const result = await h.call("assess_sdrs_readiness", {});
    const s = result.structuredContent as unknown as Explained & {
      failures: { by_error_code: Record<string, number> };
    };
    const named = Object.keys(s.failures.by_error_code).filter((code) => code !== "(other)");
    for (const code of named) {
      const documented = SDRS_ERROR_CATALOGUE.get(code);
      if (documented && s.error_handling[code] === undefined) {
        expect(s.codes_unexplained, code).toBeGreaterThan(0);
      } else if (documented) {
        expect(s.error_handling[code], code).toBe(documented.handling);
      }
    }
    expect(Object.keys(s.error_handling).length).toBeGreaterThan(0);
  });
});

describe("an error result with an SDRS code", () => {
  it("says the documented meaning and quotes the handling measure, then what to check here", async () => {
    h.sim.faults.add({
      fault: { kind: "status", status: 400, body: { error: { code: "SDRS.0003", message: "no" } } },
    });
    const result = await h.call("list_failed_sdrs_tasks", {});
    expect(result.isError).toBe(true);
    const text = (result.content[0] as { text: string }).text;
    const documented = SDRS_ERROR_CATALOGUE.get("SDRS.0003");
    expect(text).toMatch(/^HTTP 400 SDRS.0003/);
    expect(text).toContain(`[SDRS.0003 is documented as: ${documented?.message}]`);
    expect(text).toContain(
      `The SDRS error-code appendix says to do: ${JSON.stringify(documented?.handling)}.`,
    );
    expect(text).toMatch(
      /check the user's roles in IAM for this project \(reading needs Tenant Guest/,
    );
  });

  it("quotes nothing for a code the appendix does not list", async () => {
    h.sim.faults.add({
      fault: {
        kind: "status",
        status: 400,
        body: { error: { code: "SDRS.9999", message: "odd" } },
      },
    });
    const result = await h.call("list_failed_sdrs_tasks", {});
    const text = (result.content[0] as { text: string }).text;
    expect(text).toMatch(/^HTTP 400 SDRS.9999/);
    expect(text).not.toContain("appendix");
  });
});
