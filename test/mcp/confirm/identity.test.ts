/**
 * The confirmed set is the records the user saw: each by its job_id, else its resource_id, else
 * a digest of the whole record, with its status and name. Records that take the place of the
 * previewed ones (same count, IDs missing) or that changed what the user saw of them are not
 * deleted, on the token path and the elicitation path alike; and the batch DELETE, which removes
 * whatever SDRS holds in the scope, goes out only when the preview counted exactly that.
 */
import { describe, expect, it } from "vitest";
import type { FailureJob, FailureJobRecord } from "../../../src/simulator/index.js";
import {
  ALL,
  type DeleteHarness,
  harnessPerTest,
  ONE,
  recordsIn,
  structured,
} from "../../helpers/delete-harness.js";
import { textOf } from "../../helpers/harness.js";

let h: DeleteHarness;
const start = harnessPerTest();

/** A group-level record as SDRS may send it: job_id null (read as ""), the rest given. */
function record(name: string, status: string, resourceId: string | null): FailureJobRecord {
  const job = {
    job_status: "FAIL",
    resource_id: resourceId,
    resource_name: name,
    resource_type: "server_groups",
    failure_status: status,
    job_id: null,
    job_type: "createServerGroup",
    begin_time: "2026-01-01T00:00:00.000Z",
    error_code: "SDRS.1000",
    fail_reason: "test",
  } as unknown as FailureJob;
  return { serverGroupId: null, job };
}

/** Replaces the group-level records of the simulator by `records`. */
function groupLevelIs(sim: DeleteHarness["sim"], records: FailureJobRecord[]): void {
  const kept = sim.data.failureJobs.filter((r) => r.serverGroupId !== null);
  sim.data.failureJobs.splice(0, sim.data.failureJobs.length, ...records, ...kept);
}

/**
 * Other records in the place of the group-level ones, as many: the simulator's listing index
 * sees a change of length only, so the records it holds are rewritten in place.
 */
function replacedBy(sim: DeleteHarness["sim"], records: FailureJobRecord[]): void {
  const held = recordsIn(sim, null);
  expect(held).toHaveLength(records.length);
  for (const [i, r] of held.entries()) Object.assign(r.job, records[i]?.job);
}

const testRecords = () => [
  record("test-1", "createFail", crypto.randomUUID()),
  record("test-2", "createFail", crypto.randomUUID()),
];
const prodRecords = () => [
  record("prod-db", "failoverFail", crypto.randomUUID()),
  record("prod-web", "failoverFail", crypto.randomUUID()),
];

describe("records without a job_id", () => {
  it("token: two others in place of the two previewed are not deleted", async () => {
    h = await start();
    groupLevelIs(h.sim, testRecords());
    const preview = structured(await h.call(ALL, {}));
    expect(preview.preview?.count).toBe(2);
    replacedBy(h.sim, prodRecords());
    const result = await h.call(ALL, { confirm_token: preview.confirm_token });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /changed since the user saw them \(2 failed-task records confirmed; as many, but not the same/,
    );
    expect(h.deletes()).toEqual([]);
    expect(recordsIn(h.sim, null).map((r) => r.job.resource_name)).toEqual(["prod-db", "prod-web"]);
  });

  it("elicitation: two others in place of the two the user accepted are not deleted", async () => {
    h = await start({
      onElicit: async () => {
        replacedBy(h.sim, prodRecords());
        return { action: "accept", content: { confirm: true } };
      },
    });
    groupLevelIs(h.sim, testRecords());
    const result = await h.call(ALL, {});
    expect(h.asked).toHaveLength(1);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/changed since the user saw them/);
    expect(h.deletes()).toEqual([]);
  });

  it("never batch-deletes a scope holding a record with neither job_id nor resource_id", async () => {
    h = await start();
    const named = record("has-id", "createFail", crypto.randomUUID());
    groupLevelIs(h.sim, [named, record("no-id", "stopFail", null)]);
    const result = structured(await h.call(ALL, {}));
    expect(result).toMatchObject({
      outcome: "batch_refused",
      failure_job_ids: [named.job.resource_id],
      preview: { count: 2 },
    });
    expect(result.confirm_token).toBeUndefined();
    expect(result.summary).toMatch(
      /^Nothing was deleted: .*1 failed-task record of the 2 has neither a job_id nor a resource_id.*delete_failed_sdrs_task with failure_job_ids.*1 failed-task record without a usable ID cannot be deleted/,
    );
    expect(h.deletes()).toEqual([]);
  });
});

describe("a record whose ID stayed", () => {
  it.each([
    ["failure status", (job: FailureJob) => Object.assign(job, { failure_status: "stopFail" })],
    ["name", (job: FailureJob) => Object.assign(job, { resource_name: "prod-db" })],
  ] as const)("is not deleted when its %s changed after the preview", async (_what, change) => {
    h = await start();
    const target = recordsIn(h.sim, null)[0]?.job;
    if (!target) throw new Error("no group-level record");
    const args = { failure_job_id: target.job_id };
    const preview = structured(await h.call(ONE, args));
    change(target);
    const result = await h.call(ONE, { ...args, confirm_token: preview.confirm_token });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/changed since the user saw them/);
    expect(h.deletes()).toEqual([]);
    // Finding the set changed used the token up.
    change(target);
    const again = await h.call(ONE, { ...args, confirm_token: preview.confirm_token });
    expect(textOf(again)).toMatch(/already used|changed since/);
    expect(h.deletes()).toEqual([]);
  });
});

describe("the batch DELETE goes out only for an exact count", () => {
  it("refuses when a page's count says SDRS holds more than reading to the end gave", async () => {
    h = await start({ groupLevelFailures: 2 });
    const held = recordsIn(h.sim, null).map((r) => r.job);
    h.sim.faults.add({
      method: "GET",
      pathIncludes: "failure-jobs",
      fault: { kind: "json", body: { count: 10, failure_jobs: held } },
    });
    const result = structured(await h.call(ALL, {}));
    expect(result.outcome).toBe("batch_refused");
    expect(result.summary).toContain(
      "SDRS's count says 10 records while reading to the end gave 2",
    );
    expect(result.failure_job_ids).toEqual(held.map((j) => j.job_id));
    expect(h.deletes()).toEqual([]);
  });

  it("reads past the last record before it counts a scope: one empty page more", async () => {
    h = await start({ groupLevelFailures: 3 });
    await h.call(ALL, {});
    const offsets = h.sim.requests
      .filter((r) => r.method === "GET" && r.path.endsWith("/failure-jobs"))
      .map((r) => r.query.get("offset"));
    expect(offsets).toEqual(["0", "3"]);
  });
});
