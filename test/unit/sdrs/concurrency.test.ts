import { describe, expect, it } from "vitest";
import { concurrencyLimited } from "../../../src/sdrs/concurrency.js";

/** A task per item that waits until the test lets it end, recording which ones started. */
function gatedTasks() {
  const started: number[] = [];
  const gates = new Map<number, { resolve: () => void; reject: (e: Error) => void }>();
  const task = (_item: number, index: number) =>
    new Promise<number>((resolve, reject) => {
      started.push(index);
      gates.set(index, { resolve: () => resolve(index), reject });
    });
  const settle = async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  };
  return { started, gates, task, settle };
}

describe("concurrencyLimited", () => {
  it("keeps at most `limit` tasks in flight and the results in input order", async () => {
    const { started, gates, task, settle } = gatedTasks();
    const run = concurrencyLimited([10, 11, 12, 13], 2, task);
    await settle();
    expect(started).toEqual([0, 1]);
    gates.get(1)?.resolve();
    await settle();
    expect(started).toEqual([0, 1, 2]);
    gates.get(0)?.resolve();
    await settle();
    gates.get(2)?.resolve();
    await settle();
    gates.get(3)?.resolve();
    await expect(run).resolves.toEqual([0, 1, 2, 3]);
  });

  it("starts no new task once one has failed: the call's answer is already decided", async () => {
    const { started, gates, task, settle } = gatedTasks();
    const run = concurrencyLimited([1, 2, 3, 4, 5, 6], 2, task);
    await settle();
    gates.get(0)?.reject(new Error("group 0 could not be read"));
    await expect(run).rejects.toThrow("group 0 could not be read");
    gates.get(1)?.resolve();
    await settle();
    expect(started).toEqual([0, 1]);
  });

  it("starts no new task once the signal aborts", async () => {
    const { started, gates, task, settle } = gatedTasks();
    const controller = new AbortController();
    const run = concurrencyLimited([1, 2, 3], 1, task, controller.signal);
    await settle();
    controller.abort(new Error("cancelled"));
    gates.get(0)?.resolve();
    await expect(run).rejects.toThrow("cancelled");
    expect(started).toEqual([0]);
  });
});
