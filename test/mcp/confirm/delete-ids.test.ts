/**
 * Which ID the single delete sends, against a simulator keyed by resource_id (as the official
 * examples) and one keyed by job_id; records already gone; DELETEs that fail. Every test asserts
 * exactly which DELETEs went out: never more than one extra, never a retry.
 */
import { describe, expect, it } from "vitest";
import {
  ALL,
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

/** Preview, then confirm with the token: the path a host without elicitation takes. */
async function confirmDelete(args: Record<string, unknown>) {
  const preview = structured(await h.call(ONE, args));
  expect(preview.outcome).toBe("preview");
  return h.call(ONE, { ...args, confirm_token: preview.confirm_token });
}

const path = (id: string) => recordPath(h.sim, id);

describe.each(["resource_id", "job_id"] as const)("a simulator keyed by %s", (key) => {
  const options: HarnessOptions = { failureJobKey: key };

  it.each(["job_id", "resource_id"] as const)(
    "deletes a group-level record named by its %s",
    async (given) => {
      h = await start(options);
      const target = firstRecord(h.sim, null).job;
      const result = structured(await confirmDelete({ failure_job_id: target[given] }));
      const expected =
        key === "resource_id"
          ? [path(target.resource_id)]
          : [path(target.resource_id), path(target.job_id)];
      expect(h.deletes()).toEqual(expected);
      expect(result.sent).toEqual(
        key === "resource_id"
          ? [{ id: target.resource_id, id_kind: "resource_id", answer: "deleted" }]
          : [
              { id: target.resource_id, id_kind: "resource_id", answer: "does not exist" },
              { id: target.job_id, id_kind: "job_id", answer: "deleted" },
            ],
      );
      expect(result).toMatchObject({
        outcome: "deleted",
        server_group_id: null,
        deleted: { count: 1, by_failure_status: { [target.failure_status]: 1 } },
      });
      expect(h.sim.data.failureJobs.some((r) => r.job.job_id === target.job_id)).toBe(false);
    },
  );

  it("finds a record inside a protection group without being told the group", async () => {
    h = await start(options);
    const group = groupWithFailures(h.sim);
    const target = recordsIn(h.sim, group).at(-1)?.job;
    if (!target) throw new Error("no failure in the group");
    const result = structured(await confirmDelete({ failure_job_id: target.job_id }));
    expect(result.server_group_id).toBe(group);
    expect(h.deletes().length).toBe(key === "resource_id" ? 1 : 2);
    expect(recordsIn(h.sim, group).some((r) => r.job.job_id === target.job_id)).toBe(false);
  });

  it("reports a record that went after the preview as already gone, sending nothing", async () => {
    h = await start(options);
    const target = firstRecord(h.sim, null).job;
    const preview = structured(await h.call(ONE, { failure_job_id: target.job_id }));
    h.sim.data.failureJobs.splice(
      h.sim.data.failureJobs.findIndex((r) => r.job.job_id === target.job_id),
      1,
    );
    const result = structured(
      await h.call(ONE, { failure_job_id: target.job_id, confirm_token: preview.confirm_token }),
    );
    expect(result.outcome).toBe("already_gone");
    expect(result.summary).toContain("already gone");
    expect(h.deletes()).toEqual([]);
  });

  it("only sends the job_id when other records share the resource_id", async () => {
    h = await start(options);
    const target = firstRecord(h.sim, null).job;
    h.sim.data.failureJobs.unshift({
      serverGroupId: null,
      job: { ...target, job_id: "ef".repeat(16), begin_time: "2099-01-01T00:00:00.000Z" },
    });
    const result = await confirmDelete({ failure_job_id: target.job_id });
    expect(h.deletes()).toEqual([path(target.job_id)]);
    const twin = h.sim.data.failureJobs.some((r) => r.job.job_id === "ef".repeat(16));
    expect(twin).toBe(true);
    if (key === "job_id") {
      expect(structured(result).outcome).toBe("deleted");
    } else {
      expect(result.isError).toBe(true);
      expect(textOf(result)).toMatch(
        /was not sent: 1 other record of the project is listed with it.*Nothing was deleted/,
      );
      expect(h.sim.data.failureJobs.some((r) => r.job.job_id === target.job_id)).toBe(true);
    }
  });
});

describe("single delete edge cases", () => {
  it("answers already gone for an ID nobody lists, without asking or sending", async () => {
    h = await start();
    const result = structured(await h.call(ONE, { failure_job_id: "0".repeat(32) }));
    expect(result.outcome).toBe("already_gone");
    expect(result.summary).toMatch(
      /^No failed-task record has job_id or resource_id 0{32} at protection-group level or inside any of the \d+ protection groups/,
    );
    expect(result.confirm_token).toBeUndefined();
    expect(h.deletes()).toEqual([]);
  });

  it("says SDRS knows neither ID when both DELETEs answer does not exist", async () => {
    h = await start();
    const target = firstRecord(h.sim, null).job;
    const preview = structured(await h.call(ONE, { failure_job_id: target.job_id }));
    const gone = {
      kind: "status",
      status: 404,
      body: { itemNotFound: { code: 404, message: "gone" } },
    } as const;
    h.sim.faults.sequence([gone, gone], { method: "DELETE" });
    const result = structured(
      await h.call(ONE, { failure_job_id: target.job_id, confirm_token: preview.confirm_token }),
    );
    expect(result.outcome).toBe("already_gone");
    expect(result.sent?.map((s) => s.answer)).toEqual(["does not exist", "does not exist"]);
    expect(h.deletes()).toEqual([path(target.resource_id), path(target.job_id)]);
  });

  it("asks for the job_id when a resource_id names several records", async () => {
    h = await start();
    const target = firstRecord(h.sim, null).job;
    h.sim.data.failureJobs.push({
      serverGroupId: null,
      job: { ...target, job_id: "12".repeat(16) },
    });
    const result = await h.call(ONE, { failure_job_id: target.resource_id });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/is the resource_id of 2 failed-task records .*pass the job_id/);
    expect(h.deletes()).toEqual([]);
  });

  it("looks only inside the group it is given", async () => {
    h = await start();
    const group = groupWithFailures(h.sim);
    const target = firstRecord(h.sim, null).job;
    const result = structured(
      await h.call(ONE, { failure_job_id: target.job_id, server_group_id: group }),
    );
    expect(result.outcome).toBe("already_gone");
    expect(result.summary).toContain(`inside protection group ${group}`);
    const reads = h.sim.requests
      .filter((r) => r.method === "GET")
      .map((r) => r.query.get("server_group_id"));
    expect(new Set(reads)).toEqual(new Set([group]));
  });
});

describe("a DELETE that fails is never resent", () => {
  it("says a timed-out DELETE may have been applied", async () => {
    h = await start({ timeoutMs: 300 });
    const target = firstRecord(h.sim, null).job;
    const preview = structured(await h.call(ONE, { failure_job_id: target.job_id }));
    h.sim.faults.add({ method: "DELETE", fault: { kind: "stall" } });
    const result = await h.call(ONE, {
      failure_job_id: target.job_id,
      confirm_token: preview.confirm_token,
    });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/was sent once and may have been applied: list again to see/);
    expect(h.deletes()).toEqual([path(target.resource_id)]);
  });

  it("says a batch DELETE answered with 503 may have been applied", async () => {
    h = await start();
    const preview = structured(await h.call(ALL, {}));
    h.sim.faults.add({ method: "DELETE", fault: { kind: "status", status: 503, body: "busy" } });
    const result = await h.call(ALL, { confirm_token: preview.confirm_token });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^HTTP 503.*batch DELETE .* may have been applied/);
    expect(h.deletes()).toHaveLength(1);
  });

  it("says a refused DELETE deleted nothing", async () => {
    h = await start();
    const preview = structured(await h.call(ALL, {}));
    h.sim.faults.add({
      method: "DELETE",
      fault: { kind: "status", status: 403, body: { error: { code: "SDRS.0003", message: "no" } } },
    });
    const result = await h.call(ALL, { confirm_token: preview.confirm_token });
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(/^HTTP 403 SDRS.0003.*Nothing was deleted\.$/s);
    expect(h.deletes()).toHaveLength(1);
  });
});
