/**
 * Completions ask SDRS on every keystroke: against a stalled upstream they answer with nothing
 * after COMPLETION_WAIT_MS rather than after the 30 s a read may take with its retries.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { COMPLETION_WAIT_MS } from "../../src/mcp/completions.js";
import { type Harness, startHarness } from "../helpers/harness.js";

let h: Harness | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await h?.close();
  h = undefined;
});

describe("completions against a stalled SDRS", () => {
  it("answer with no values once the completion wait has passed", async () => {
    const harness = await startHarness();
    h = harness;
    harness.sim.faults.add({
      pathIncludes: "/server-groups",
      fault: { kind: "stall" },
      times: Number.POSITIVE_INFINITY,
    });
    const reached = harness.sim.nextRequest();
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    let settled = false;
    const completion = harness.client
      .complete({
        ref: { type: "ref/prompt", name: "triage_sdrs_failures" },
        argument: { name: "protection_group", value: "pro" },
      })
      .finally(() => {
        settled = true;
      });
    await reached;
    await vi.advanceTimersByTimeAsync(COMPLETION_WAIT_MS - 1);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect((await completion).completion.values).toEqual([]);
    expect(COMPLETION_WAIT_MS).toBeLessThanOrEqual(5_000);
  });
});
