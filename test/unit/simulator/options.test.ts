import { Agent, request } from "node:http";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import {
  DEFAULT_REQUEST_LOG,
  type Simulator,
  startSimulator,
} from "../../../src/simulator/index.js";
import { withSimulator } from "../../helpers/helpers.js";

async function get(sim: Simulator, path: string) {
  const res = await fetch(`${sim.url}/v1/${sim.projectId}/${path}`, {
    headers: { "X-Auth-Token": sim.token },
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

/** Plain GETs over a few keep-alive sockets, as fast as the simulator answers them. */
async function hammer(sim: Simulator, total: number, sockets = 8): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: sockets });
  const path = `/v1/${sim.projectId}/server-groups?limit=1`;
  let sent = 0;
  const worker = async () => {
    while (sent < total) {
      sent += 1;
      await new Promise<void>((resolve, reject) => {
        const req = request(
          {
            host: "127.0.0.1",
            port: sim.port,
            path,
            agent,
            headers: { "X-Auth-Token": sim.token },
          },
          (res) => {
            res.resume();
            res.on("end", resolve);
            res.on("error", reject);
          },
        );
        req.on("error", reject);
        req.end();
      });
    }
  };
  try {
    await Promise.all(Array.from({ length: sockets }, worker));
  } finally {
    agent.destroy();
  }
}

describe("the request log", () => {
  it("stays bounded over 50,000 requests, and so does the heap", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    await withSimulator({}, async (sim) => {
      await hammer(sim, 5_000);
      gc();
      const before = process.memoryUsage().heapUsed;
      await hammer(sim, 45_000);
      gc();
      const grown = process.memoryUsage().heapUsed - before;
      expect(sim.requestsReceived).toBe(50_000);
      expect(sim.requests).toHaveLength(DEFAULT_REQUEST_LOG);
      // Recording every request kept ~0.85 KiB each (37 MiB over these 45,000); a bounded log keeps none of it.
      expect(grown).toBeLessThan(16 * 1024 * 1024);
      // The newest are the ones kept.
      expect(sim.requests.at(-1)?.query.get("limit")).toBe("1");
    });
  }, 120_000);

  it("keeps every request, or none, when told", async () => {
    await withSimulator({ requestLog: Number.POSITIVE_INFINITY }, async (sim) => {
      await hammer(sim, DEFAULT_REQUEST_LOG + 5, 2);
      expect(sim.requests).toHaveLength(DEFAULT_REQUEST_LOG + 5);
    });
    await withSimulator({ requestLog: 0 }, async (sim) => {
      await hammer(sim, 10, 2);
      expect(sim.requests).toHaveLength(0);
      expect(sim.requestsReceived).toBe(10);
    });
    await expect(startSimulator({ requestLog: -1 })).rejects.toThrow(RangeError);
  });

  it("tells a test when the next request arrives", async () => {
    await withSimulator({}, async (sim) => {
      const arrived = sim.nextRequest();
      const answer = get(sim, "server-groups");
      expect((await arrived).path).toBe(`/v1/${sim.projectId}/server-groups`);
      expect((await answer).status).toBe(200);
    });
  });
});

describe("limit=1000", () => {
  // The docs: "a positive integer from 0 to 1000, default 1000"; the text of SDRS.0221: "limit
  // value must be greater than 0 or less than 1000".
  const LISTINGS = [
    "task-center/failure-jobs",
    "server-groups",
    "protected-instances",
    "replications",
    "disaster-recovery-drills",
  ];

  it("is accepted by default, as the documented range says", async () => {
    await withSimulator({}, async (sim) => {
      for (const path of LISTINGS) expect((await get(sim, `${path}?limit=1000`)).status).toBe(200);
    });
  });

  it("is refused with SDRS.0221 when the simulator reads the error text literally", async () => {
    await withSimulator({ rejectLimit1000: true }, async (sim) => {
      for (const path of LISTINGS) {
        const answer = await get(sim, `${path}?limit=1000`);
        expect(answer.status, path).toBe(400);
        expect(answer.body).toEqual({
          error: {
            code: "SDRS.0221",
            message: "limit value must be greater than 0 or less than 1000",
          },
        });
        expect((await get(sim, `${path}?limit=999`)).status).toBe(200);
        // Without a limit the service's own default applies, whatever it is.
        expect((await get(sim, path)).status).toBe(200);
      }
    });
  });
});

describe("demo data", () => {
  it("is dated relative to the simulator clock", async () => {
    const now = Date.UTC(2030, 0, 15, 9, 30);
    await withSimulator({ now: () => now }, async (sim) => {
      const times = sim.data.failureJobs
        .map((r) => r.job.begin_time)
        .filter((t) => !t.startsWith("2019-"))
        .sort();
      const newest = Date.parse(times.at(-1) ?? "");
      expect(newest).toBeLessThan(now);
      // "This week" always has failures.
      expect(times.filter((t) => Date.parse(t) > now - 7 * 86_400_000).length).toBeGreaterThan(0);
    });
  });
});
