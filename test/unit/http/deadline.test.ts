import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { callDeadline } from "../../../src/mcp/deadline.js";

describe("the deadline of a tool call", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("aborts its signal when the time is up", () => {
    const deadline = callDeadline(30_000);
    vi.advanceTimersByTime(29_999);
    expect(deadline.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(deadline.signal.aborted).toBe(true);
  });

  it("stops while paused and keeps the time that was left for after", async () => {
    const deadline = callDeadline(30_000);
    vi.advanceTimersByTime(10_000);
    let answer!: () => void;
    const waiting = deadline.pause(() => new Promise<void>((resolve) => (answer = resolve)));
    vi.advanceTimersByTime(60_000); // the user reads the form for a minute
    expect(deadline.signal.aborted).toBe(false);
    answer();
    await waiting;
    vi.advanceTimersByTime(19_999);
    expect(deadline.signal.aborted).toBe(false);
    vi.advanceTimersByTime(1);
    expect(deadline.signal.aborted).toBe(true);
  });

  it("restarts only when the last of overlapping pauses ends, also after a failure", async () => {
    const deadline = callDeadline(1_000);
    let endFirst!: () => void;
    const first = deadline.pause(() => new Promise<void>((resolve) => (endFirst = resolve)));
    const second = deadline.pause(async () => {
      throw new Error("the user's form failed");
    });
    await expect(second).rejects.toThrow("form failed");
    vi.advanceTimersByTime(5_000);
    expect(deadline.signal.aborted).toBe(false);
    endFirst();
    await first;
    vi.advanceTimersByTime(1_000);
    expect(deadline.signal.aborted).toBe(true);
  });

  it("leaves no timer behind once cleared, even if a pause ends later", async () => {
    const deadline = callDeadline(1_000);
    let end!: () => void;
    const waiting = deadline.pause(() => new Promise<void>((resolve) => (end = resolve)));
    deadline.clear();
    end();
    await waiting;
    expect(vi.getTimerCount()).toBe(0);
    expect(deadline.signal.aborted).toBe(false);
  });
});
