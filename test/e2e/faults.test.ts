/**
 * Fault injection over stdio: the built server against a simulator that misbehaves in each
 * documented way. Every fault ends in a timely result, and the server keeps answering after it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Fault } from "../../src/simulator/index.js";
import { type Simulator, startSimulator } from "../../src/simulator/index.js";
import {
  callTool,
  expectOnlyJsonRpc,
  initialize,
  type Session,
  startServer,
  stop,
} from "../helpers/stdio.js";

const TOKEN = "fault-test-token-that-must-not-leak-42";
let sim: Simulator;
let s: Session;

beforeAll(async () => {
  sim = await startSimulator({ token: TOKEN });
  s = startServer([], {
    OS_AUTH_TOKEN: TOKEN,
    OS_PROJECT_ID: sim.projectId,
    SDRS_ENDPOINT: sim.url,
    SDRS_MCP_TIMEOUT_MS: "400",
    SDRS_MCP_LOG_LEVEL: "debug",
  });
  await initialize(s);
});

afterAll(async () => {
  await stop(s);
  expectOnlyJsonRpc(s.stdout());
  expect(s.stdout()).not.toContain(TOKEN);
  expect(s.stderr()).not.toContain(TOKEN);
  await sim.close();
});

const LIST = "/task-center/failure-jobs";

const listRequests = () => sim.requests.filter((r) => r.path.endsWith(LIST)).length;

async function listWith(faults: Fault[]) {
  sim.faults.sequence(faults, { pathIncludes: LIST });
  const before = listRequests();
  const started = Date.now();
  const result = await callTool(s, "list_failed_sdrs_tasks", { limit: 5 });
  const ms = Date.now() - started;
  const sent = listRequests() - before;
  const text = result.content[0]?.text ?? "";
  // Whatever happened, the next call is answered normally.
  const after = await callTool(s, "list_failed_sdrs_tasks", { limit: 5 });
  expect(after.isError).toBeFalsy();
  expect(sim.faults.pending).toBe(0);
  return { result, text, sent, ms };
}

describe("faults over stdio", () => {
  it("slow headers: a timeout, retried once, within about three deadlines", async () => {
    const { result, text, sent } = await listWith([
      { kind: "latency", ms: 1500 },
      { kind: "latency", ms: 1500 },
    ]);
    expect(result.isError).toBe(true);
    // The request deadline fired (not the tool's), and a timeout was retried exactly once.
    expect(text).toMatch(/^timeout: no complete answer within 400 ms/);
    expect(sent).toBe(2);
  });

  it("slow body: the deadline covers the body too", async () => {
    const { result, text } = await listWith([
      { kind: "slow-body", ms: 1500 },
      { kind: "slow-body", ms: 1500 },
    ]);
    expect(result.isError).toBe(true);
    expect(text).toMatch(/^timeout/);
  });

  it("a stall then an answer: the retry after a timeout succeeds", async () => {
    const { result } = await listWith([{ kind: "latency", ms: 1500 }]);
    expect(result.isError).toBeFalsy();
  });

  it("connection resets: retried, then reported as a network failure", async () => {
    const { result, text } = await listWith([
      { kind: "reset" },
      { kind: "reset" },
      { kind: "reset" },
    ]);
    expect(result.isError).toBe(true);
    expect(text).toMatch(/^network: .*Could not reach SDRS/);
  });

  it("truncated JSON: the connection ends mid-body, a GET is retried", async () => {
    const once = await listWith([{ kind: "truncated" }]);
    expect(once.result.isError).toBeFalsy();
    const { result, text } = await listWith([
      { kind: "truncated" },
      { kind: "truncated" },
      { kind: "truncated" },
    ]);
    expect(result.isError).toBe(true);
    expect(text).toMatch(/^network: /);
  });

  it("a body that is not JSON", async () => {
    const { text } = await listWith([{ kind: "malformed" }]);
    expect(text).toMatch(/^malformed: the response body is not JSON/);
  });

  it("a proxy's HTML error page, retried as a 502 and then reported cleanly", async () => {
    const { text } = await listWith([{ kind: "html" }, { kind: "html" }, { kind: "html" }]);
    expect(text).toMatch(/^HTTP 502/);
    expect(text).not.toMatch(/<[a-z]/i);
    expect(text).toMatch(/try again in a few minutes\.$/);
  });

  it.each([
    [
      400,
      { error: { code: "SDRS.0201", message: "Invalid request parameters" } },
      /^HTTP 400 SDRS\.0201: "Invalid request parameters"/,
    ],
    [
      400,
      { badrequest: { code: 400, message: "Malformed request url" } },
      /^HTTP 400: "Malformed request url"/,
    ],
    [
      404,
      { itemNotFound: { code: 404, message: "Resource not found" } },
      /^HTTP 404: "Resource not found".*Check the ID/,
    ],
    [
      403,
      { error_code: "APIG.0201", error_msg: "Request forbidden", request_id: "abc" },
      /^HTTP 403 APIG\.0201: "Request forbidden".*lack permission/,
    ],
    [
      400,
      { code: "SDRS.0005", message: "No permission for the operation" },
      /^HTTP 400 SDRS\.0005: .*lack permission/,
    ],
    [
      500,
      { error: { code: "SDRS.0013", message: "Internal error" } },
      /^HTTP 500 SDRS\.0013: "Internal error"/,
    ],
  ])("documented error shape %i %j", async (status, body, pattern) => {
    const faults: Fault[] = [{ kind: "status", status, body }];
    // Only 502, 503 and 504 are retried: a 500 is an answer, not a passing fault.
    if (status >= 502) faults.push(faults[0] as Fault, faults[0] as Fault);
    const { result, text } = await listWith(faults);
    expect(result.isError).toBe(true);
    expect(text).toMatch(pattern);
  });

  it("429 with Retry-After: waits as told, then succeeds", async () => {
    const { result, ms } = await listWith([
      {
        kind: "status",
        status: 429,
        body: { error_code: "APIG.0308", error_msg: "Too many requests" },
        headers: { "retry-after": "1" },
      },
    ]);
    expect(result.isError, JSON.stringify(result.content)).toBeFalsy();
    expect(ms).toBeGreaterThanOrEqual(1000);
  });

  it("a burst of 503s shorter than the retries: succeeds", async () => {
    const busy: Fault = { kind: "status", status: 503, body: "Service Unavailable" };
    const { result } = await listWith([busy, busy]);
    expect(result.isError).toBeFalsy();
  });

  it("a redirect is not followed", async () => {
    const { result, text } = await listWith([
      {
        kind: "status",
        status: 302,
        body: "",
        headers: { location: "http://127.0.0.1:1/elsewhere" },
      },
    ]);
    expect(result.isError).toBe(true);
    expect(text).toMatch(/^HTTP 302/);
  });

  it("an upstream body that echoes the token back is scrubbed", async () => {
    const { text } = await listWith([
      {
        kind: "status",
        status: 401,
        body: { error: { code: 401, message: `token ${TOKEN} has expired` } },
      },
    ]);
    expect(text).toContain("token [redacted] has expired");
    expect(text).not.toContain(TOKEN);
  });

  it("wrong shapes: an answer that does not match the documented schema", async () => {
    const { text } = await listWith([
      { kind: "json", body: { count: "many", failure_jobs: "none" } },
    ]);
    expect(text).toMatch(/^malformed: the response does not match the documented shape at /);
  });
});
