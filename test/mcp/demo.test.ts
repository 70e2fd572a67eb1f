/**
 * A demo server (--demo) marks every answer: a successful tool result says in its first text
 * line and in structuredContent.demo that it is sample data; an error starts with what
 * happened and says "demo" in its last sentence; the triage prompt says it too. A server that
 * is not a demo adds nothing.
 */
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OUTPUT_BUDGET } from "../../src/format/budget.js";
import { DEMO_LINE } from "../../src/mcp/demo.js";
import { type Harness, startHarness, textOf } from "../helpers/harness.js";

const size = (r: CallToolResult) =>
  JSON.stringify({ content: r.content, structuredContent: r.structuredContent }).length;

/** One call of every read tool, with arguments taken from the simulator. */
async function everyReadTool(h: Harness): Promise<[string, CallToolResult][]> {
  const [jobId] = h.sim.data.jobs.keys();
  const group = h.sim.data.serverGroups[0];
  const calls: [string, Record<string, unknown>][] = [
    ["list_failed_sdrs_tasks", {}],
    ["summarize_sdrs_failures", {}],
    ["list_sdrs_protection_groups", {}],
    ["get_sdrs_job", { job_id: jobId }],
    ["assess_sdrs_readiness", { server_group_id: group?.id }],
  ];
  return Promise.all(calls.map(async ([name, args]) => [name, await h.call(name, args)] as const));
}

describe("a demo server", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ demo: true, allowWrite: true });
    await h.client.listTools(); // the client then checks every result against outputSchema
  });
  afterAll(() => h.close());

  it("says on the first line and in structuredContent.demo that the data is sample data", async () => {
    for (const [name, r] of await everyReadTool(h)) {
      expect(r.isError, `${name}: ${textOf(r)}`).toBeFalsy();
      expect(textOf(r).split("\n")[0], name).toBe(DEMO_LINE);
      expect(r.structuredContent?.demo, name).toBe(true);
      expect(size(r), name).toBeLessThan(OUTPUT_BUDGET);
    }
  });

  it("marks the delete previews too", async () => {
    const r = await h.call("delete_all_failed_sdrs_tasks", {});
    expect(textOf(r).split("\n")[0]).toBe(DEMO_LINE);
    expect(r.structuredContent?.demo).toBe(true);
  });

  it("starts an error with what happened and says demo in its last sentence", async () => {
    const missing = await h.call("get_sdrs_job", { job_id: "0".repeat(32) });
    expect(missing.isError).toBe(true);
    const text = textOf(missing);
    expect(text).toMatch(/^HTTP 4\d\d/);
    const sentences = text.trim().split(/(?<=\.)\s+/);
    expect(sentences.at(-1)).toContain("demo");
    // The SDK's own refusal of bad arguments too.
    const invalid = await h.call("list_failed_sdrs_tasks", { limit: "many" });
    expect(invalid.isError).toBe(true);
    expect(
      textOf(invalid)
        .trim()
        .split(/(?<=\.)\s+/)
        .at(-1),
    ).toContain("demo");
  });

  it("keeps the biggest page inside the output budget with the marking", async () => {
    const reason = `Caused by: ${"x".repeat(4000)}`;
    h.sim.faults.add({
      pathIncludes: "/failure-jobs",
      fault: {
        kind: "json",
        body: {
          count: 1000,
          failure_jobs: Array.from({ length: 1000 }, (_, i) => ({
            job_id: `${i}`.padStart(32, "a"),
            resource_name: "名前".repeat(100),
            failure_status: "createFail",
            error_code: `SDRS.${1000 + (i % 300)}`,
            fail_reason: reason,
          })),
        },
      },
    });
    const r = await h.call("list_failed_sdrs_tasks", { limit: 1000 });
    expect(r.isError, textOf(r)).toBeFalsy();
    expect(r.structuredContent?.demo).toBe(true);
    expect(size(r)).toBeLessThan(OUTPUT_BUDGET);
  });

  it("says so in the triage prompt", async () => {
    const prompt = await h.client.getPrompt({ name: "triage_sdrs_failures", arguments: {} });
    const first = prompt.messages[0]?.content;
    expect(first?.type === "text" && first.text).toMatch(/^This sdrs-mcp server runs the demo/);
  });
});

describe("a server that is not a demo", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it("adds no marking", async () => {
    for (const [name, r] of await everyReadTool(h)) {
      expect(r.isError, name).toBeFalsy();
      expect(Object.hasOwn(r.structuredContent ?? {}, "demo"), name).toBe(false);
      expect(textOf(r), name).not.toContain(DEMO_LINE);
    }
    const prompt = await h.client.getPrompt({ name: "triage_sdrs_failures", arguments: {} });
    expect(JSON.stringify(prompt)).not.toContain("demo");
  });
});
