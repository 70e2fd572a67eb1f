/**
 * The single DELETE names no scope, and SDRS does not say which ID it takes: a DELETE by a
 * resource_id another record of the project shares, in any scope, may remove that record
 * instead of the one the user saw. So the resource_id goes first only when no other record of
 * the project is listed with it; otherwise only the job_id goes, and a job_id SDRS does not know
 * deletes nothing and says why.
 */
import { describe, expect, it } from "vitest";
import type { FailureJobRecord } from "../../../src/simulator/index.js";
import {
  type DeleteHarness,
  firstRecord,
  groupWithFailures,
  harnessPerTest,
  ONE,
  recordPath,
  recordsIn,
  structured,
} from "../../helpers/delete-harness.js";
import { type HarnessOptions, textOf } from "../../helpers/harness.js";

let h: DeleteHarness;
const start = harnessPerTest();

const path = (id: string) => recordPath(h.sim, id);
const listed = (jobId: string) => h.sim.data.failureJobs.some((r) => r.job.job_id === jobId);
const HIDDEN = "ffffffffffffffffffffffffffffffff";

/**
 * A newer record with the shown record's resource_id, listed in `scope`: the one a DELETE by
 * that resource_id reaches first (the simulator, like SDRS may, takes the first it holds).
 */
function hideTwin(shown: FailureJobRecord, scope: string | null): void {
  h.sim.data.failureJobs.unshift({
    serverGroupId: scope,
    job: {
      ...shown.job,
      job_id: HIDDEN,
      resource_name: "prod-db-hidden",
      failure_status: "failoverFail",
      begin_time: new Date().toISOString(),
    },
  });
}

async function previewThenConfirm(args: Record<string, unknown>) {
  const preview = structured(await h.call(ONE, args));
  expect(preview.outcome).toBe("preview");
  expect(JSON.stringify(preview)).not.toContain("prod-db-hidden");
  return h.call(ONE, { ...args, confirm_token: preview.confirm_token });
}

/** The shown record and where its twin hides: group level and a group, both ways round. */
const placements = [
  ["shown at group level, twin inside a group", (g: string) => [null, g] as const],
  ["shown inside a group, twin at group level", (g: string) => [g, null] as const],
] as const;

describe.each(placements)("%s", (_what, place) => {
  for (const key of ["resource_id", "job_id"] as const) {
    it.each([
      ["without", false],
      ["with", true],
    ])(
      `sends only the job_id, %s server_group_id (simulator keyed by ${key})`,
      async (_w, givesGroup) => {
        const options: HarnessOptions = { failureJobKey: key };
        h = await start(options);
        const [shownAt, twinAt] = place(groupWithFailures(h.sim));
        const shown = firstRecord(h.sim, shownAt);
        hideTwin(shown, twinAt);
        const args = {
          failure_job_id: shown.job.job_id,
          ...(givesGroup && shownAt !== null && { server_group_id: shownAt }),
        };
        const result = await previewThenConfirm(args);

        expect(listed(HIDDEN)).toBe(true);
        expect(h.deletes()).toEqual([path(shown.job.job_id)]);
        if (key === "job_id") {
          expect(structured(result)).toMatchObject({ outcome: "deleted", deleted: { count: 1 } });
          expect(listed(shown.job.job_id)).toBe(false);
          return;
        }
        // SDRS keyed by resource_id does not know the job_id: nothing deleted, and why.
        expect(result.isError).toBe(true);
        expect(textOf(result)).toBe(
          `SDRS answered that no failed task with job_id ${shown.job.job_id} exists, and its resource_id ${shown.job.resource_id} was not sent: 1 other record of the project is listed with it, and the DELETE names no scope, so it could remove another record than the one the user saw. Nothing was deleted. delete_all_failed_sdrs_tasks clears the record's whole scope, after its own preview.`,
        );
        expect(listed(shown.job.job_id)).toBe(true);
      },
    );
  }

  it("refuses the shared resource_id as the ID, naming both job_ids, and sends nothing", async () => {
    h = await start();
    const [shownAt, twinAt] = place(groupWithFailures(h.sim));
    const shown = firstRecord(h.sim, shownAt);
    hideTwin(shown, twinAt);
    const result = await h.call(ONE, { failure_job_id: shown.job.resource_id });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toContain(
      `${shown.job.resource_id} is the resource_id of 2 failed-task records (job_ids `,
    );
    expect(textOf(result)).toContain(HIDDEN);
    expect(textOf(result)).toContain(shown.job.job_id);
    expect(h.deletes()).toEqual([]);
  });
});

describe("a resource_id no other record of the project shares", () => {
  it.each([
    ["at protection-group level", false],
    ["inside a protection group", true],
  ])("still goes first, after every scope was read (the record %s)", async (_where, inGroup) => {
    h = await start();
    const scope = inGroup ? groupWithFailures(h.sim) : null;
    const target = firstRecord(h.sim, scope).job;
    const result = structured(await previewThenConfirm({ failure_job_id: target.job_id }));
    expect(h.deletes()).toEqual([path(target.resource_id)]);
    expect(result.sent).toEqual([
      { id: target.resource_id, id_kind: "resource_id", answer: "deleted" },
    ]);
    // Each call read the group level and every group's listing.
    const reads = h.sim.requests
      .filter((r) => r.method === "GET" && r.path.endsWith("/failure-jobs"))
      .map((r) => r.query.get("server_group_id"));
    const scopes = [null, ...h.sim.data.serverGroups.map((g) => g.id)];
    expect(new Set(reads)).toEqual(new Set(scopes));
  });

  it("is not sent when a listing is too long to read to its end: only the job_id goes", async () => {
    // One row a page: the group's 60 records outrun the 50 pages one listing may take.
    h = await start({ groups: 1, failuresPerGroup: 60, groupLevelFailures: 3, maxPageSize: 1 });
    const target = firstRecord(h.sim, null).job;
    const result = await previewThenConfirm({ failure_job_id: target.job_id });
    expect(h.deletes()).toEqual([path(target.job_id)]);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /its resource_id .* was not sent: not every scope of the project could be read .* Nothing was deleted\./,
    );
    expect(recordsIn(h.sim, null).some((r) => r.job.job_id === target.job_id)).toBe(true);
  });
});
