/**
 * delete_failed_sdrs_task with failure_job_ids: "clear the failures we fixed" is one preview and
 * one confirmation; each record is deleted once by the single DELETE and reported on its own; a
 * set that partly failed is not retried by the same token.
 */
import { describe, expect, it } from "vitest";
import { OUTPUT_BUDGET } from "../../../src/format/budget.js";
import { deleteFailedSdrsTask } from "../../../src/mcp/tools/delete-failed-sdrs-task.js";
import type { FailureJobRecord } from "../../../src/simulator/index.js";
import {
  type DeleteHarness,
  groupWithFailures,
  harnessPerTest,
  ONE,
  recordPath,
  recordsIn,
  structured,
} from "../../helpers/delete-harness.js";
import { textOf } from "../../helpers/harness.js";

let h: DeleteHarness;
const start = harnessPerTest();

const path = (id: string) => recordPath(h.sim, id);

/** Two group-level records and one inside a group: a set spread over two places. */
function pickSet() {
  const group = groupWithFailures(h.sim);
  const [a, b] = recordsIn(h.sim, null).map((r) => r.job);
  const c = recordsIn(h.sim, group)[0]?.job;
  if (!a || !b || !c) throw new Error("the simulator has too few failures");
  const name = h.sim.data.serverGroups.find((g) => g.id === group)?.name ?? "";
  return { group, name, jobs: [a, b, c] };
}

describe("failure_job_ids", () => {
  it("previews the set once, naming its places, and deletes each record once", async () => {
    h = await start();
    const { group, name, jobs } = pickSet();
    const ids = [jobs[0]?.job_id, jobs[1]?.resource_id, jobs[2]?.job_id];
    const preview = structured(await h.call(ONE, { failure_job_ids: ids }));
    expect(preview).toMatchObject({ outcome: "preview", preview: { count: 3 } });
    expect(preview.summary).toContain(
      `3 failed-task records at protection-group level and inside protection group ${JSON.stringify(name)} (${group}) in project`,
    );
    expect(h.deletes()).toEqual([]);

    const done = structured(
      await h.call(ONE, { failure_job_ids: ids, confirm_token: preview.confirm_token }),
    );
    expect(done.outcome).toBe("deleted");
    expect(done.deleted?.count).toBe(3);
    expect(h.deletes().sort()).toEqual(jobs.map((j) => path(j.resource_id)).sort());
    expect(done.records?.map((r) => [r.job_id, r.result]).sort()).toEqual(
      jobs.map((j) => [j.job_id, "deleted"]).sort(),
    );
    for (const job of jobs) {
      expect(h.sim.data.failureJobs.some((r) => r.job.job_id === job.job_id)).toBe(false);
    }
  });

  it("names the IDs no listing holds, and deletes the rest", async () => {
    h = await start();
    const { jobs } = pickSet();
    const unknown = "0".repeat(32);
    const ids = [jobs[0]?.job_id, unknown];
    const preview = structured(await h.call(ONE, { failure_job_ids: ids }));
    expect(preview.preview?.count).toBe(1);
    expect(preview.summary).toContain(`Not listed, so not part of this deletion`);
    expect(preview.not_found).toEqual([unknown]);
    const done = structured(
      await h.call(ONE, { failure_job_ids: ids, confirm_token: preview.confirm_token }),
    );
    expect(done).toMatchObject({ outcome: "deleted", deleted: { count: 1 } });
  });

  it("reports each record: one refused by SDRS, the others deleted, and is not retried", async () => {
    h = await start();
    const { jobs } = pickSet();
    const ids = jobs.map((j) => j.job_id);
    const preview = structured(await h.call(ONE, { failure_job_ids: ids }));
    h.sim.faults.add({
      method: "DELETE",
      pathIncludes: jobs[1]?.resource_id,
      fault: { kind: "status", status: 403, body: { error: { code: "SDRS.0003", message: "no" } } },
    });
    const args = { failure_job_ids: ids, confirm_token: preview.confirm_token };
    const done = structured(await h.call(ONE, args));
    expect(done.outcome).toBe("partly_deleted");
    expect(done.deleted?.count).toBe(2);
    const rows = done.records ?? [];
    const refused = rows.find((r) => r.job_id === jobs[1]?.job_id);
    expect(refused).toMatchObject({ result: "failed" });
    expect(refused?.error).toMatch(/^HTTP 403 SDRS\.0003.*Nothing was deleted\.$/s);
    expect(done.summary).toMatch(/not retried with this confirm_token: call .* for a new preview/);
    expect(h.deletes()).toHaveLength(3);
    // The same token again: the set changed (two are gone), nothing is sent.
    const again = await h.call(ONE, args);
    expect(again.isError).toBe(true);
    expect(h.deletes()).toHaveLength(3);
  });

  it("stops after a DELETE of unknown outcome: the records after it are not sent", async () => {
    h = await start({ groupLevelFailures: 3, groups: 1 });
    const ids = recordsIn(h.sim, null).map((r) => r.job.job_id);
    const preview = structured(await h.call(ONE, { failure_job_ids: ids }));
    h.sim.faults.add({ method: "DELETE", fault: { kind: "status", status: 503, body: "busy" } });
    const result = await h.call(ONE, {
      failure_job_ids: ids,
      confirm_token: preview.confirm_token,
    });
    expect(result.isError).toBe(true);
    const text = textOf(result);
    expect(text).toMatch(
      /^No record of the 3 failed-task records .* is known to be deleted \(1 failed, 2 not sent\)\. A record that failed is not retried/,
    );
    expect(text).toMatch(/HTTP 503.*was sent once and may have been applied/);
    expect(text).toMatch(/not sent \(an earlier DELETE of this set got no clear answer/);
    expect(h.deletes()).toHaveLength(1);
  });

  it.each([
    ["all 50", 0],
    ["49 of 50", 1],
  ])(
    "stays inside the output budget when %s records fail with long errors of their own",
    async (_what, spared) => {
      h = await start({ groupLevelFailures: 50, groups: 1 });
      const ids = recordsIn(h.sim, null).map((r) => r.job.job_id);
      const preview = structured(await h.call(ONE, { failure_job_ids: ids }));
      expect(JSON.stringify(preview).length).toBeLessThan(OUTPUT_BUDGET);
      for (const { job } of recordsIn(h.sim, null).slice(spared)) {
        const message = `record ${job.resource_id} cannot be deleted: ${"x".repeat(3000)}`;
        h.sim.faults.add({
          method: "DELETE",
          pathIncludes: job.resource_id,
          fault: { kind: "status", status: 400, body: { error: { code: "SDRS.0201", message } } },
        });
      }
      const result = await h.call(ONE, {
        failure_job_ids: ids,
        confirm_token: preview.confirm_token,
      });
      expect(result.isError ?? false).toBe(spared === 0);
      expect(h.deletes()).toHaveLength(50);
      const { content, structuredContent } = result;
      expect(JSON.stringify({ content, structuredContent }).length).toBeLessThan(OUTPUT_BUDGET);
      expect(textOf(result).match(/failed.*HTTP 400 SDRS\.0201/g)).toHaveLength(50 - spared);
    },
  );

  it.each([
    [{ failure_job_id: "a".repeat(32), failure_job_ids: ["b".repeat(32)] }, /not both/],
    [{}, /pass failure_job_id \(one record\) or failure_job_ids \(1 to 50 records\)/],
    [{ failure_job_ids: [] }, /failure_job_ids must be a list of 1 to 50 IDs/],
    [
      { failure_job_ids: Array.from({ length: 51 }, (_, i) => i.toString(16).padStart(32, "0")) },
      /failure_job_ids must be a list of 1 to 50 IDs/,
    ],
    [
      { failure_job_ids: ["a".repeat(32), "nope"] },
      /failure_job_ids must be a list of 1 to 50 IDs/,
    ],
  ])("refuses %j naming the fields, before reading anything", async (args, message) => {
    h = await start();
    const before = h.sim.requests.length;
    const result = await h.call(ONE, args);
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(message);
    expect(h.sim.requests.length).toBe(before);
  });
});

describe("a set spread over many protection groups", () => {
  /** One record inside each of the first `groups` groups, and `groupLevel` at group level. */
  function spread(groups: number, groupLevel: number) {
    const oneEach = new Map<string, FailureJobRecord["job"]>();
    for (const { serverGroupId, job } of h.sim.data.failureJobs) {
      if (serverGroupId !== null && !oneEach.has(serverGroupId)) oneEach.set(serverGroupId, job);
    }
    const inGroups = [...oneEach.values()].slice(0, groups);
    const atGroupLevel = recordsIn(h.sim, null)
      .slice(0, groupLevel)
      .map((r) => r.job);
    return [...inGroups, ...atGroupLevel];
  }

  it("confirms 50 records in 50 groups and deletes exactly those 50", async () => {
    h = await start({ groups: 52, failuresPerGroup: 2, groupLevelFailures: 3 });
    const jobs = spread(50, 0);
    const ids = jobs.map((j) => j.job_id);
    expect(ids).toHaveLength(50);
    const before = h.sim.data.failureJobs.length;
    const preview = structured(await h.call(ONE, { failure_job_ids: ids }));
    expect(preview.preview?.count).toBe(50);
    const done = structured(
      await h.call(ONE, { failure_job_ids: ids, confirm_token: preview.confirm_token }),
    );
    expect(done).toMatchObject({ outcome: "deleted", deleted: { count: 50 } });
    expect(h.deletes().sort()).toEqual(jobs.map((j) => path(j.resource_id)).sort());
    expect(h.sim.data.failureJobs).toHaveLength(before - 50);
    const left = new Set(h.sim.data.failureJobs.map((r) => r.job.job_id));
    expect(ids.filter((id) => left.has(id))).toEqual([]);
  });

  it("hands out tokens of one short length whatever the set's size and places", async () => {
    h = await start({ groups: 50, failuresPerGroup: 1, groupLevelFailures: 50 });
    const schema = deleteFailedSdrsTask.inputSchema;
    const lengths = new Set<number>();
    for (const [groups, groupLevel] of [
      [0, 1],
      [1, 0],
      [37, 0],
      [38, 0],
      [25, 25],
      [50, 0],
      [0, 50],
    ] as const) {
      const ids = spread(groups, groupLevel).map((j) => j.job_id);
      const preview = structured(await h.call(ONE, { failure_job_ids: ids }));
      expect(preview.preview?.count).toBe(groups + groupLevel);
      const confirming = { failure_job_ids: ids, confirm_token: preview.confirm_token };
      expect(schema.safeParse(confirming).success, `${groups} groups`).toBe(true);
      lengths.add(preview.confirm_token?.length ?? 0);
    }
    expect([...lengths]).toEqual([207]);
  });
});
