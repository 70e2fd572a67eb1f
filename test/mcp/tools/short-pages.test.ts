/**
 * An SDRS that sends at most 100 rows a page, whatever limit asks for, while `count` says how
 * many match: a short page is not the end when `count` says more remain. Every tool reads on (or
 * says where the next page starts), and the batch delete counts every record it would remove
 * before the user is asked, whichever way `count` is meant.
 */
import { describe, expect, it } from "vitest";
import type { FailurePageSummary } from "../../../src/format/failure-page.js";
import type { Summary } from "../../../src/format/summary-output.js";
import type { Readiness } from "../../../src/readiness/output.js";
import {
  ALL,
  type DeleteHarness,
  harnessPerTest,
  recordsIn,
  structured,
} from "../../helpers/delete-harness.js";
import { textOf } from "../../helpers/harness.js";

const RECORDS = 350;
const PAGE = 100;

let h: DeleteHarness;
const start = harnessPerTest();

const shortPages = (countMode: "total" | "page" = "total") =>
  start({ groupLevelFailures: RECORDS, maxPageSize: PAGE, countMode, groups: 2 });

describe("an SDRS that pages by fewer rows than asked for", () => {
  it("list_failed_sdrs_tasks says rows 1-100 of 350 and where the next page starts", async () => {
    h = await shortPages();
    const result = await h.call("list_failed_sdrs_tasks", { limit: 1000 });
    const s = result.structuredContent as FailurePageSummary;
    expect(s.page).toEqual({
      offset: 0,
      limit: 1000,
      returned: PAGE,
      total: RECORDS,
      next_offset: PAGE,
    });
    expect(s.summary).toContain(`(rows 1-${PAGE} of ${RECORDS})`);
    expect(s.summary).toContain(`the next page with offset=${PAGE}`);
    const last = await h.call("list_failed_sdrs_tasks", { limit: 1000, offset: 300 });
    expect((last.structuredContent as FailurePageSummary).page).toMatchObject({
      returned: 50,
      total: RECORDS,
      next_offset: null,
    });
  });

  it("summarize_sdrs_failures counts all 350 group-level failures", async () => {
    h = await shortPages();
    const inGroups = h.sim.data.failureJobs.filter((r) => r.serverGroupId !== null).length;
    const s = (await h.call("summarize_sdrs_failures", {})).structuredContent as Summary;
    expect(s.totals).toMatchObject({
      group_level: RECORDS,
      failures: RECORDS + inGroups,
      groups_unreadable: 0,
    });
  });

  it("a count that keeps saying more remain stops at the page cap, reported as incomplete", async () => {
    h = await shortPages();
    const group = h.sim.data.serverGroups[0];
    const one = h.sim.data.failureJobs[0]?.job;
    if (!group || !one) throw new Error("no group or failure");
    h.sim.faults.add({
      pathIncludes: `server_group_id=${group.id}`,
      times: Number.POSITIVE_INFINITY,
      fault: { kind: "json", body: { count: 1_000_000, failure_jobs: [one] } },
    });
    const s = (await h.call("summarize_sdrs_failures", {})).structuredContent as Summary;
    expect(s.totals.group_level).toBe(RECORDS);
    expect(s.totals.groups_unreadable).toBe(1);
    expect(s.incomplete).toEqual([
      expect.objectContaining({
        server_group_id: group.id,
        error: expect.stringMatching(
          /^Stopped reading the failures of protection group .*50 pages/,
        ),
      }),
    ]);
    expect(s.summary).toMatch(/^Incomplete: 1 of 2 protection groups could not be read/);
    const pages = h.sim.requests.filter((r) => r.query.get("server_group_id") === group.id);
    expect(pages).toHaveLength(50);
  });

  it("assess_sdrs_readiness counts all 350 group-level failures", async () => {
    h = await shortPages();
    const s = (await h.call("assess_sdrs_readiness", {})).structuredContent as Readiness;
    expect(s.failures.group_level).toBe(RECORDS);
  });

  it.each(["total", "page"] as const)(
    "the batch delete previews all 350 and deletes what it counted (count as %s)",
    async (countMode) => {
      h = await shortPages(countMode);
      const preview = structured(await h.call(ALL, {}));
      expect(preview.preview?.count).toBe(RECORDS);
      expect(h.deletes()).toEqual([]);
      const done = structured(await h.call(ALL, { confirm_token: preview.confirm_token }));
      expect(done).toMatchObject({ outcome: "deleted", deleted: { count: RECORDS }, left: 0 });
      expect(textOf(await h.call(ALL, {}))).toMatch(/^No failed-task records/);
      expect(recordsIn(h.sim, null)).toEqual([]);
    },
  );
});
