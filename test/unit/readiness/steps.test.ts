/**
 * The steps of assess_sdrs_readiness that name a list_failed_sdrs_tasks call lead somewhere:
 * made as written against the simulator, the call lists a failed task with the failure_status
 * the step names, and the row the step points at (a resource_id) when it points at one. The
 * simulator keeps a protection group's own failed operations at protection-group level, as the
 * API reference says ("failed tasks of the protection group level" without server_group_id).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Readiness, readinessOutput } from "../../../src/readiness/output.js";
import type { HarnessOptions } from "../../helpers/harness.js";
import { type Harness, startHarness, textOf } from "../../helpers/harness.js";

const ARG = /^(server_group_id|failure_status|resource_type)=([\w-]+?)[,.;)]*$/;
const UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

function stepsOf(s: Readiness): string[] {
  return [
    ...s.groups.flatMap((g) => (g.next_step ? [g.next_step] : [])),
    ...s.abnormal_replication_pairs.map((p) => p.next_step),
    ...s.abnormal_protected_instances.map((i) => i.next_step),
    ...s.next_steps,
  ];
}

/** The key=value words right after the tool's name: the call the step asks for. */
function listCall(step: string): Record<string, string> | null {
  const at = step.indexOf("list_failed_sdrs_tasks");
  if (at < 0) return null;
  const args: Record<string, string> = {};
  for (const word of step
    .slice(at + "list_failed_sdrs_tasks".length)
    .trim()
    .split(/\s+/)) {
    const match = ARG.exec(word);
    if (!match) break;
    args[match[1] as string] = match[2] as string;
  }
  return args;
}

describe.each<[string, HarnessOptions]>([
  ["the demo project", {}],
  ["a 40-group project", { groups: 40 }],
])("assess_sdrs_readiness steps on %s", (_, options) => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness(options);
  });
  afterAll(() => h.close());

  it("list the failed task they name when followed as written", async () => {
    const answer = await h.call("assess_sdrs_readiness");
    expect(answer.isError, textOf(answer)).toBeFalsy();
    const steps = [...new Set(stepsOf(readinessOutput.parse(answer.structuredContent)))];
    const calls = steps.flatMap((step) => {
      const args = listCall(step);
      return args ? [{ step, args }] : [];
    });
    expect(calls.some(({ args }) => args.failure_status)).toBe(true);
    for (const { step, args } of calls) {
      const listed = await h.call("list_failed_sdrs_tasks", { ...args, limit: 999 });
      expect(listed.isError, `${step}: ${textOf(listed)}`).toBeFalsy();
      const tasks = (
        listed.structuredContent as { tasks: { failure_status: string; resource_id: string }[] }
      ).tasks;
      if (args.failure_status) {
        expect(
          tasks.map((t) => t.failure_status),
          step,
        ).toContain(args.failure_status);
      } else {
        expect(tasks.length, step).toBeGreaterThan(0);
      }
      const row = new RegExp(`resource_id (${UUID})`).exec(step)?.[1];
      if (row)
        expect(
          tasks.map((t) => t.resource_id),
          step,
        ).toContain(row);
    }
  });
});
