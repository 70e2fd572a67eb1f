/**
 * Upstream calls in flight: at most the user's share for one user, at most the total for all,
 * in order, a waiting call ended by its signal, and no memory kept for users gone idle.
 */
import { describe, expect, it } from "vitest";
import { UpstreamLimits } from "../../../../src/mcp/http/limits.js";

/** A call that runs until released, counting how many run at once. */
function gate() {
  let running = 0;
  let peak = 0;
  const releases: (() => void)[] = [];
  const work = () =>
    new Promise<void>((resolve) => {
      running++;
      peak = Math.max(peak, running);
      releases.push(() => {
        running--;
        resolve();
      });
    });
  return {
    work,
    get running() {
      return running;
    },
    get peak() {
      return peak;
    },
    releaseAll: async () => {
      while (releases.length > 0 || running > 0) {
        for (const release of releases.splice(0)) release();
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("UpstreamLimits", () => {
  it("holds one user to their share and leaves the rest to the others", async () => {
    const limits = new UpstreamLimits(2, 3);
    const g = gate();
    const alice = Array.from({ length: 5 }, () => limits.run("alice", g.work));
    await settle();
    expect(g.running).toBe(2);
    const bob = limits.run("bob", g.work);
    await settle();
    expect(g.running).toBe(3);
    const carol = limits.run("carol", g.work);
    await settle();
    expect(g.running).toBe(3);
    await g.releaseAll();
    await Promise.all([...alice, bob, carol]);
    expect(g.peak).toBe(3);
    expect(limits.subjects).toBe(0);
  });

  it("ends a waiting call when its signal aborts, without taking a slot", async () => {
    const limits = new UpstreamLimits(1, 1);
    const g = gate();
    const first = limits.run("alice", g.work);
    const controller = new AbortController();
    const waiting = limits.run("alice", g.work, controller.signal);
    await settle();
    controller.abort(new Error("cancelled"));
    await expect(waiting).rejects.toThrow("cancelled");
    await g.releaseAll();
    await first;
    await limits.run("alice", async () => {});
    expect(g.peak).toBe(1);
    expect(limits.subjects).toBe(0);
  });

  it("frees the slot when the call fails", async () => {
    const limits = new UpstreamLimits(1, 1);
    await expect(limits.run("a", () => Promise.reject(new Error("boom")))).rejects.toThrow("boom");
    await expect(limits.run("a", async () => 7)).resolves.toBe(7);
  });
});
