/**
 * The shared HTTP layer: the byte budget across concurrent requests, the deadline that pauses
 * while a response waits for room in that budget, redirects refused.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent, MockAgent } from "undici";
import { afterEach, describe, expect, it } from "vitest";
import { ByteBudget } from "../../../src/http/byte-budget.js";
import { exchange, TransportError } from "../../../src/http/transport.js";

describe("ByteBudget", () => {
  it("admits in arrival order and never holds more than its capacity", async () => {
    const budget = new ByteBudget(100);
    const order: string[] = [];
    const a = await budget.reserve(60);
    const admitted = (name: string) => (release: () => void) => {
      order.push(name);
      return release;
    };
    const b = budget.reserve(60).then(admitted("b"));
    const c = budget.reserve(10).then(admitted("c"));
    await Promise.resolve();
    // c would fit, but b came first: no overtaking, so a large response cannot starve
    expect(order).toEqual([]);
    a();
    (await b)();
    (await c)();
    expect(order).toEqual(["b", "c"]);
    expect(budget.peak).toBeLessThanOrEqual(100);
  });

  it("lets a request larger than the whole budget run alone", async () => {
    const budget = new ByteBudget(100);
    const release = await budget.reserve(1_000);
    const next = budget.reserve(1);
    let admitted = false;
    void next.then(() => {
      admitted = true;
    });
    await new Promise((r) => setImmediate(r));
    expect(admitted).toBe(false);
    release();
    (await next)();
    expect(budget.peak).toBe(100);
  });

  it("drops a waiter whose caller gave up, and admits the next", async () => {
    const budget = new ByteBudget(10);
    const first = await budget.reserve(10);
    const controller = new AbortController();
    const cancelled = budget.reserve(5, controller.signal);
    const after = budget.reserve(5);
    controller.abort(new Error("gone"));
    await expect(cancelled).rejects.toThrow("gone");
    first();
    (await after)();
  });
});

describe("exchange", () => {
  let server: Server | undefined;
  afterEach(async () => {
    await new Promise((r) => server?.close(r) ?? r(undefined));
    server = undefined;
  });

  async function serve(body: Buffer): Promise<string> {
    const listening = createServer((_req, res) => {
      res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
      res.end(body);
    });
    server = listening;
    await new Promise<void>((r) => listening.listen(0, "127.0.0.1", r));
    return `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
  }

  it("holds at most the budget of bodies at once across concurrent requests", async () => {
    const body = Buffer.alloc(1024 * 1024, 0x20);
    const origin = await serve(body);
    const dispatcher = new Agent();
    const budget = new ByteBudget(3 * body.length);
    let reading = 0;
    let mostAtOnce = 0;
    const sizes = await Promise.all(
      Array.from({ length: 12 }, () =>
        exchange(
          { dispatcher, timeoutMs: 10_000, userAgent: "test", bodyBudget: budget },
          { method: "GET", url: new URL(`${origin}/page`) },
          (answer) => {
            reading++;
            mostAtOnce = Math.max(mostAtOnce, reading);
            reading--;
            return answer.body.length;
          },
        ),
      ),
    );
    await dispatcher.close();
    expect(sizes.every((n) => n === body.length)).toBe(true);
    expect(budget.peak).toBe(3 * body.length);
    expect(mostAtOnce).toBe(1);
  });

  it("does not count the wait for the budget against the request's deadline", async () => {
    const origin = await serve(Buffer.from("{}"));
    const dispatcher = new Agent();
    const budget = new ByteBudget(10);
    const hold = await budget.reserve(10);
    const pending = exchange(
      { dispatcher, timeoutMs: 100, userAgent: "test", bodyBudget: budget },
      { method: "GET", url: new URL(`${origin}/x`) },
      (answer) => answer.body,
    );
    // Queue behind the budget for several deadlines, then release it.
    await new Promise((r) => setTimeout(r, 400));
    hold();
    await expect(pending).resolves.toBe("{}");
    await dispatcher.close();
  });

  it("refuses a redirect without following it", async () => {
    const agent = new MockAgent();
    agent.disableNetConnect();
    agent
      .get("https://sdrs.example")
      .intercept({ path: "/a" })
      .reply(302, "", { headers: { location: "https://evil.example/a" } });
    agent.get("https://evil.example").intercept({ path: "/a" }).reply(200, "{}");
    const error = await exchange(
      { dispatcher: agent, timeoutMs: 1000, userAgent: "test" },
      { method: "GET", url: new URL("https://sdrs.example/a") },
      () => "followed",
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransportError);
    expect(error).toMatchObject({ kind: "redirect", status: 302 });
    expect(agent.pendingInterceptors()).toHaveLength(1);
    await agent.close();
  });

  it("refuses a declared length over the cap before reading it", async () => {
    const origin = await serve(Buffer.alloc(4096, 0x20));
    const dispatcher = new Agent();
    const budget = new ByteBudget(1024 * 1024);
    const error = await exchange(
      { dispatcher, timeoutMs: 1000, userAgent: "test", maxBodyBytes: 1024, bodyBudget: budget },
      { method: "GET", url: new URL(`${origin}/big`) },
      () => "read",
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "too-large" });
    expect(budget.peak).toBe(0);
    await dispatcher.close();
  });

  /** Serves `body` in writes of `piece` bytes (cut inside characters), its length declared or not. */
  async function serveInPieces(body: Buffer, piece: number, declare: boolean): Promise<string> {
    const listening = createServer(async (_req, res) => {
      res.writeHead(200, {
        "content-type": "application/json",
        ...(declare && { "content-length": body.length }),
      });
      for (let at = 0; at < body.length; at += piece) {
        res.write(body.subarray(at, at + piece));
        await new Promise((r) => setImmediate(r));
      }
      res.end();
    });
    server = listening;
    await new Promise<void>((r) => listening.listen(0, "127.0.0.1", r));
    return `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
  }

  it.each([
    ["declared", true],
    ["not declared (chunked)", false],
  ])(
    "reads a body whose length is %s byte for byte, in pieces cut inside characters",
    async (_how, declare) => {
      const text = `\ufeff{"reason":"${"卷状态异常 😀 Ошибка ".repeat(400)}"}`;
      const body = Buffer.from(text);
      const origin = await serveInPieces(body, 1_001, declare);
      const dispatcher = new Agent();
      const answer = await exchange(
        { dispatcher, timeoutMs: 10_000, userAgent: "test", bodyBudget: new ByteBudget(1 << 20) },
        { method: "GET", url: new URL(`${origin}/page`) },
        (a) => ({ body: a.body, bytes: Buffer.from(a.bytes) }),
      );
      await dispatcher.close();
      expect(answer.body).toBe(text);
      expect(answer.bytes.equals(body)).toBe(true);
    },
  );

  it("refuses a body without a declared length once it passes the cap", async () => {
    const origin = await serveInPieces(Buffer.alloc(8192, 0x20), 1_000, false);
    const dispatcher = new Agent();
    const error = await exchange(
      { dispatcher, timeoutMs: 10_000, userAgent: "test", maxBodyBytes: 4096 },
      { method: "GET", url: new URL(`${origin}/big`) },
      () => "read",
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: "too-large" });
    await dispatcher.close();
  });
});
