/**
 * Hosts with form elicitation: the user sees the preview and only "accept" with confirm: true
 * deletes. Every other answer, an error, or silence for 45 s deletes nothing and says which.
 */
import type { ElicitResult } from "@modelcontextprotocol/sdk/types.js";
import { describe, expect, it, vi } from "vitest";
import {
  ALL,
  type DeleteHarness,
  firstRecord,
  groupWithFailures,
  harnessPerTest,
  ONE,
  type OnElicit,
  recordsIn,
  structured,
} from "../../helpers/delete-harness.js";
import { textOf } from "../../helpers/harness.js";

let h: DeleteHarness;

function groupName(harness: DeleteHarness, id: string): string {
  const group = harness.sim.data.serverGroups.find((g) => g.id === id);
  if (!group) throw new Error(`no group ${id}`);
  return group.name;
}
const start = harnessPerTest();

const answer =
  (result: ElicitResult): OnElicit =>
  async () =>
    result;

describe("elicitation", () => {
  it("asks with the preview and deletes the group-level records on accept + confirm", async () => {
    h = await start({
      onElicit: answer({ action: "accept", content: { confirm: true } }),
    });
    const pid = h.sim.projectId;
    const count = recordsIn(h.sim, null).length;
    const result = structured(await h.call(ALL, {}));

    expect(h.asked).toHaveLength(1);
    const asked = h.asked[0];
    if (!asked) throw new Error("not asked");
    expect(asked.message).toMatch(
      new RegExp(
        `^Delete ${count} failed-task records at protection-group level in project ${pid}: \\d+ \\w+Fail`,
      ),
    );
    expect(asked.message).toContain("? The resources themselves are not touched.\n- ");
    expect("requestedSchema" in asked && asked.requestedSchema).toMatchObject({
      type: "object",
      properties: { confirm: { type: "boolean" } },
      required: ["confirm"],
    });
    expect(h.deletes()).toEqual([`/v1/${pid}/task-center/failure-jobs/batch`]);
    expect(result).toMatchObject({ outcome: "deleted", deleted: { count }, left: 0 });
    expect(result.confirm_token).toBeUndefined();
    expect(recordsIn(h.sim, null)).toEqual([]);
  });

  it.each([
    ["declined", { action: "decline" }, /^The user declined the deletion: nothing was deleted/],
    [
      "cancelled",
      { action: "cancel" },
      /^The user cancelled the confirmation: nothing was deleted/,
    ],
    [
      "not_confirmed",
      { action: "accept", content: { confirm: false } },
      /^The user answered without confirming: nothing was deleted/,
    ],
  ] as const)("deletes nothing when the user answers %s", async (outcome, reply, summary) => {
    h = await start({ onElicit: answer(reply as ElicitResult) });
    const group = groupWithFailures(h.sim);
    const before = recordsIn(h.sim, group).length;
    const result = structured(await h.call(ALL, { server_group_id: group }));
    expect(h.asked).toHaveLength(1);
    expect(h.asked[0]?.message).toContain(
      `inside protection group ${JSON.stringify(groupName(h, group))} (${group})`,
    );
    expect(result).toMatchObject({ outcome, preview: { count: before } });
    expect(result.summary).toMatch(summary);
    expect(h.deletes()).toEqual([]);
    expect(recordsIn(h.sim, group)).toHaveLength(before);
  });

  it("deletes nothing when asking fails", async () => {
    h = await start({
      onElicit: async () => {
        throw new Error("the form could not be shown");
      },
    });
    const result = await h.call(ALL, {});
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /^Asking the user failed \(.*the form could not be shown.*\): nothing was deleted/,
    );
    expect(h.deletes()).toEqual([]);
  });

  it("ends the call after 45 s without an answer, past the 30 s tool deadline, deleting nothing", async () => {
    let asked!: () => void;
    const reached = new Promise<void>((resolve) => {
      asked = resolve;
    });
    h = await start({
      onElicit: () => {
        asked();
        return new Promise(() => {});
      },
    });
    const target = firstRecord(h.sim, null).job;
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
    const call = h.call(ONE, { failure_job_id: target.job_id });
    await reached;
    await vi.advanceTimersByTimeAsync(44_000);
    let settled = false;
    void call.then(() => {
      settled = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1_000);
    const result = structured(await call);
    expect(result.outcome).toBe("no_answer");
    expect(result.summary).toMatch(
      /did not answer the confirmation within 45 seconds: nothing was deleted/,
    );
    expect(h.deletes()).toEqual([]);
    expect(h.sim.data.failureJobs.some((r) => r.job.job_id === target.job_id)).toBe(true);
  });

  it("deletes nothing when the scope changed while the user was deciding", async () => {
    h = await start({
      onElicit: async () => {
        const template = firstRecord(h.sim, null);
        h.sim.data.failureJobs.push({
          serverGroupId: null,
          job: { ...template.job, job_id: "cd".repeat(16), resource_id: crypto.randomUUID() },
        });
        return { action: "accept", content: { confirm: true } };
      },
    });
    const result = await h.call(ALL, {});
    expect(result.isError).toBe(true);
    expect(textOf(result)).toMatch(
      /changed since the user saw them \(14 failed-task records confirmed; now 15 failed-task records\): nothing was deleted/,
    );
    expect(h.deletes()).toEqual([]);
  });

  it("asks even when a confirm_token is passed: a token never stands in for the user", async () => {
    h = await start({ onElicit: answer({ action: "decline" }) });
    const result = structured(await h.call(ALL, { confirm_token: "B".repeat(24) }));
    expect(h.asked).toHaveLength(1);
    expect(result.outcome).toBe("declined");
    expect(h.deletes()).toEqual([]);
  });

  it("deletes a record inside a group after the user accepts", async () => {
    h = await start({
      onElicit: answer({ action: "accept", content: { confirm: true } }),
    });
    const group = groupWithFailures(h.sim);
    const target = firstRecord(h.sim, group).job;
    const result = structured(await h.call(ONE, { failure_job_id: target.job_id }));
    expect(h.asked[0]?.message).toMatch(
      new RegExp(
        `^Delete 1 failed-task record inside protection group "${groupName(h, group)}" \\(${group}\\) in project [0-9a-f]{32}: 1 ${target.failure_status}\\?`,
      ),
    );
    expect(h.asked[0]?.message).toContain(JSON.stringify(target.resource_name));
    expect(h.deletes()).toEqual([
      `/v1/${h.sim.projectId}/task-center/failure-jobs/${target.resource_id}`,
    ]);
    expect(result).toMatchObject({
      outcome: "deleted",
      server_group_id: group,
      deleted: { count: 1 },
    });
  });
});

describe("registration", () => {
  it("marks both deletes destructive and as needing the user, and describes the token", async () => {
    h = await start();
    const { tools } = await h.client.listTools();
    for (const name of [ONE, ALL]) {
      const tool = tools.find((t) => t.name === name);
      expect(tool?._meta).toEqual({ "anthropic/requiresUserInteraction": true });
      expect(tool?.annotations).toMatchObject({ destructiveHint: true, readOnlyHint: false });
      expect(tool?.description).toMatch(/confirm_token only after they agree/);
    }
    expect(tools.find((t) => t.name === ONE)?.annotations?.idempotentHint).toBe(true);
  });
});
