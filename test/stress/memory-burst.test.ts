/**
 * A burst of large pages cannot take the machine: 100 simultaneous reads of a 10 MiB page
 * through the built client, in a child process whose peak RSS (VmHWM) is read at the end. The
 * server sends every page but its last byte at once and finishes them together once the client
 * has taken what it will take (every page, or nothing more for a second): a client without a
 * bound holds all of them at that moment (1.1 to 1.3 GiB measured), one with the byte budget
 * reads only what fits (about 400 MiB). Linux only: the peak comes from /proc.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CLIENT = new URL("../../dist/sdrs/client.js", import.meta.url);
const UNDICI = new URL("../../dist/http/undici.js", import.meta.url);
const AUTH = new URL("../../dist/auth/types.js", import.meta.url);
const PID = "0605767e1f00d4b72f1ec0127a5e6a5b";
const MiB = 1024 * 1024;
const CALLS = 100;
/** Generous: about 400 MiB measured with the budget, over 1,100 MiB without it. */
const PEAK_RSS_BOUND_MIB = 768;
/** How long the server waits for the client to read more before finishing every page. */
const IDLE_MS = 1000;

/** A 10 MiB page of 1000 failure jobs, each with a long reason. */
function page(): Buffer {
  const reason = "x".repeat(10 * 1024);
  const jobs = Array.from({ length: 1000 }, (_, i) => ({
    job_status: "FAIL",
    resource_id: `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`,
    resource_name: `group-${i}`,
    resource_type: "server_groups",
    failure_status: "createFail",
    job_id: `ff808082${String(i).padStart(24, "0")}`,
    job_type: "createServerGroup",
    begin_time: "2026-11-27T10:00:00.000Z",
    error_code: "SDRS.1000",
    fail_reason: reason,
  }));
  return Buffer.from(JSON.stringify({ count: 1000, failure_jobs: jobs }));
}

const CHILD = `
import { createSdrsClient } from ${JSON.stringify(CLIENT.href)};
import { lazyAgent } from ${JSON.stringify(UNDICI.href)};
import { tokenAuthenticator } from ${JSON.stringify(AUTH.href)};
const dispatcher = lazyAgent({ keepAliveTimeout: 1000 });
const client = createSdrsClient({
  dispatcher,
  endpoint: async () => process.env.ORIGIN,
  auth: tokenAuthenticator("t"),
  timeoutMs: 60000,
  userAgent: "burst",
});
const returned = await Promise.all(
  Array.from({ length: ${CALLS} }, () =>
    client.listFailureJobs("${PID}", { limit: 1000 }).then((r) => r.data.failure_jobs.length),
  ),
);
await dispatcher.close();
const status = (await import("node:fs")).readFileSync("/proc/self/status", "utf8");
const peakKiB = Number(/VmHWM:\\s*(\\d+)/.exec(status)[1]);
process.stdout.write(JSON.stringify({ returned: returned.reduce((a, b) => a + b, 0), peakKiB }));
`;

let server: Server;
let origin: string;
let bodyBytes = 0;

beforeAll(async () => {
  const body = page();
  bodyBytes = body.length;
  const pending: { end: () => void; drained: boolean }[] = [];
  let idle: ReturnType<typeof setTimeout> | undefined;
  const finish = () => {
    clearTimeout(idle);
    for (const page of pending.splice(0)) page.end();
  };
  const progress = () => {
    clearTimeout(idle);
    if (pending.length === CALLS && pending.every((p) => p.drained)) finish();
    else idle = setTimeout(finish, IDLE_MS);
  };
  server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
    const page = {
      end: () => res.end(body.subarray(-1)),
      drained: res.write(body.subarray(0, -1)),
    };
    if (!page.drained) {
      res.once("drain", () => {
        page.drained = true;
        progress();
      });
    }
    pending.push(page);
    progress();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((r) => server.close(r)));

describe.skipIf(process.platform !== "linux" || !existsSync(CLIENT))(
  "a burst of large pages",
  () => {
    it(`${CALLS} simultaneous 10 MiB pages stay under ${PEAK_RSS_BOUND_MIB} MiB peak RSS`, async () => {
      expect(bodyBytes).toBeGreaterThan(10 * MiB);
      const child = spawn(process.execPath, ["--input-type=module", "-e", CHILD], {
        env: { ...process.env, ORIGIN: origin },
      });
      let out = "";
      let err = "";
      child.stdout.on("data", (d) => {
        out += d;
      });
      child.stderr.on("data", (d) => {
        err += d;
      });
      const code = await new Promise((r) => child.on("close", r));
      expect(code, err).toBe(0);
      const { returned, peakKiB } = JSON.parse(out);
      expect(returned).toBe(CALLS * 1000);
      console.log(
        `peak RSS of ${CALLS} x ${(bodyBytes / MiB).toFixed(1)} MiB pages: ${Math.round(peakKiB / 1024)} MiB`,
      );
      expect(peakKiB / 1024).toBeLessThan(PEAK_RSS_BOUND_MIB);
    }, 60_000);
  },
);
