/**
 * Upstream text is hostile by assumption: every path of the HTTP, IAM and scrubbing layers that
 * reads it answers a 1 MiB adversarial body within a second. The bound is a hang guard with a
 * wide margin (each path takes milliseconds); a pattern that is quadratic in the body's length
 * takes minutes on these inputs.
 */
import { MockAgent } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AuthError } from "../../src/auth/errors.js";
import { IamTokenSource } from "../../src/auth/iam.js";
import { catalogEndpoint } from "../../src/auth/iam-wire.js";
import { tokenAuthenticator } from "../../src/auth/types.js";
import { checkEndpoint } from "../../src/config/endpoint.js";
import { MAX_ARRAY_ITEMS, MAX_DEPTH, shapeProblem } from "../../src/http/body-shape.js";
import { parseErrorBody } from "../../src/http/error-body.js";
import { createSdrsClient, type SdrsClient } from "../../src/sdrs/client.js";
import { SdrsError } from "../../src/sdrs/errors.js";
import { scrubDeep, scrubText } from "../../src/text/secrets.js";

const MiB = 1024 * 1024;
const fill = (unit: string) => unit.repeat(Math.ceil(MiB / unit.length)).slice(0, MiB);

const BODIES: Record<string, string> = {
  "<": fill("<"),
  "<a": fill("<a"),
  "< and spaces": fill("< "),
  "nested quotes": fill(`"'<"`),
  "spaces then a letter": `${fill(" ")}x`,
  "dots and spaces": `${fill(". ")}x`,
  slashes: `${fill("/")}x`,
  "/v1": fill("/v1"),
  MII: fill("MII"),
  "token headers": fill("X-Auth-Token   "),
  "signatures, one short": fill("Signature=0123456789abcde "),
  "control and bidi": fill("\u0007\u202e\u200b"),
  "lone surrogates": fill("\ud800"),
};

/** Runs `work` and returns how long it took. */
function timed(work: () => unknown): number {
  const started = performance.now();
  work();
  return performance.now() - started;
}

const HANG_GUARD_MS = 1000;

const NO_RETRY = { retries: 0, baseDelayMs: 1, maxDelayMs: 1, random: () => 0 };

/** An SDRS client that reaches only `agent`, at https://sdrs.example. */
function sdrsVia(agent: MockAgent) {
  return createSdrsClient({
    dispatcher: agent,
    endpoint: async () => "https://sdrs.example",
    auth: tokenAuthenticator("t"),
    timeoutMs: 5000,
    userAgent: "test",
    retry: NO_RETRY,
  });
}

/** A password sign-in that reaches only `agent`, at https://iam.example/v3. */
function iamVia(agent: MockAgent) {
  return new IamTokenSource({
    dispatcher: agent,
    authUrl: "https://iam.example/v3",
    credentials: { username: "u", password: "p", userDomainName: "d" },
    projectId: "0605767e1f00d4b72f1ec0127a5e6a5b",
    region: "eu-de",
    timeoutMs: 5000,
    userAgent: "test",
    retry: NO_RETRY,
  });
}

describe.each(Object.entries(BODIES))("a 1 MiB body of %s", (_name, body) => {
  it("parseErrorBody: as it is, and as a JSON error message", () => {
    expect(timed(() => parseErrorBody(body))).toBeLessThan(HANG_GUARD_MS);
    const json = JSON.stringify({ error: { code: "SDRS.0001", message: body } });
    expect(timed(() => parseErrorBody(json))).toBeLessThan(HANG_GUARD_MS);
    const gateway = JSON.stringify({ error_code: body, error_msg: body, request_id: body });
    expect(timed(() => parseErrorBody(gateway))).toBeLessThan(HANG_GUARD_MS);
  });

  it("the scrubber over a result holding it", () => {
    const secrets = ["a-secret-value", "MIIsecret"];
    expect(timed(() => scrubText(body, secrets))).toBeLessThan(HANG_GUARD_MS);
    expect(timed(() => scrubDeep({ text: body, rows: [body] }, secrets))).toBeLessThan(
      HANG_GUARD_MS,
    );
  });

  it("the catalog's SDRS URL and the endpoint rule", () => {
    const url = `https://sdrs.example/${body}`;
    const catalog = [{ type: "sdrs", endpoints: [{ interface: "public", region: "eu-de", url }] }];
    expect(timed(() => catalogEndpoint(catalog, "eu-de"))).toBeLessThan(HANG_GUARD_MS);
    expect(timed(() => checkEndpoint(url, "SDRS_ENDPOINT", { stripApiPath: true }))).toBeLessThan(
      HANG_GUARD_MS,
    );
  });
});

describe("whole requests with a 1 MiB hostile body", () => {
  let agent: MockAgent;
  beforeEach(() => {
    agent = new MockAgent();
    agent.disableNetConnect();
  });
  afterEach(() => agent.close());

  it.each(Object.keys(BODIES))("an SDRS error page of %s", async (name) => {
    agent
      .get("https://sdrs.example")
      .intercept({ path: /failure-jobs/ })
      .reply(502, BODIES[name] as string);
    const client = sdrsVia(agent);
    const started = performance.now();
    const error = await client
      .listFailureJobs("0605767e1f00d4b72f1ec0127a5e6a5b", {})
      .catch((e) => e);
    expect(performance.now() - started).toBeLessThan(HANG_GUARD_MS);
    expect(error.status).toBe(502);
    expect(error.message.length).toBeLessThan(600);
  });

  it.each(Object.keys(BODIES))("an IAM refusal whose message is %s", async (name) => {
    const message = BODIES[name] as string;
    agent
      .get("https://iam.example")
      .intercept({ path: "/v3/auth/tokens", method: "POST" })
      .reply(401, { error: { code: 401, message } });
    const source = iamVia(agent);
    const started = performance.now();
    const error = await source.get().catch((e) => e);
    expect(performance.now() - started).toBeLessThan(HANG_GUARD_MS);
    expect(error.message).toMatch(/^IAM answered HTTP 401/);
  });
});

/**
 * Bodies whose cost is in their shape, not their text: a few bytes per value, by the hundred
 * thousand, or nesting a million levels deep. Each used to hold the event loop for seconds
 * (schema validation of 350,000 empty records; a stack overflow inside it for IAM's catalog).
 */
describe("whole requests with a 1 MiB body of many tiny values", () => {
  const PID = "0605767e1f00d4b72f1ec0127a5e6a5b";
  const JOB = "0123456789abcdef0123456789abcdef";
  const empties = (bytes: number) =>
    Array(Math.floor(bytes / 3))
      .fill("{}")
      .join(",");
  const SHAPES: Record<
    string,
    { path: RegExp; body: string; call: (c: SdrsClient) => Promise<unknown> }
  > = {
    "a failure page of empty records": {
      path: /failure-jobs/,
      body: `{"count":1,"failure_jobs":[${empties(MiB)}]}`,
      call: (c) => c.listFailureJobs(PID, {}),
    },
    "a protection-group page of empty records": {
      path: /server-groups/,
      body: `{"count":1,"server_groups":[${empties(MiB)}]}`,
      call: (c) => c.listServerGroups(PID, {}),
    },
    "a job with empty sub-jobs": {
      path: /jobs/,
      body: `{"job_id":"${JOB}","status":"FAIL","entities":{"sub_jobs":[${empties(MiB)}]}}`,
      call: (c) => c.getJob(PID, JOB),
    },
    "arrays nested half a million deep": {
      path: /failure-jobs/,
      body: `${"[".repeat(MiB / 2)}${"]".repeat(MiB / 2)}`,
      call: (c) => c.listFailureJobs(PID, {}),
    },
  };
  let agent: MockAgent;
  beforeEach(() => {
    agent = new MockAgent();
    agent.disableNetConnect();
  });
  afterEach(() => agent.close());

  it.each(Object.keys(SHAPES))("%s is refused as malformed", async (name) => {
    const shape = SHAPES[name] as (typeof SHAPES)[string];
    agent.get("https://sdrs.example").intercept({ path: shape.path }).reply(200, shape.body);
    const client = sdrsVia(agent);
    const started = performance.now();
    const error = await shape.call(client).catch((e: SdrsError) => e);
    expect(performance.now() - started).toBeLessThan(HANG_GUARD_MS);
    expect(error).toBeInstanceOf(SdrsError);
    expect((error as SdrsError).kind).toBe("malformed");
  });

  it.each([
    ["empty catalog entries", `[${empties(MiB)}]`],
    ["an SDRS entry with empty endpoints", `[{"type":"sdrs","endpoints":[${empties(MiB)}]}]`],
  ])("an IAM token whose catalog holds %s is refused", async (_name, catalog) => {
    agent
      .get("https://iam.example")
      .intercept({ path: "/v3/auth/tokens", method: "POST" })
      .reply(
        201,
        `{"token":{"expires_at":"2099-01-01T00:00:00Z","project":{"id":"${PID}"},"catalog":${catalog}}}`,
        { headers: { "x-subject-token": "MIItoken" } },
      );
    const source = iamVia(agent);
    const started = performance.now();
    const error = await source.get().catch((e) => e);
    expect(performance.now() - started).toBeLessThan(HANG_GUARD_MS);
    expect(error).toBeInstanceOf(AuthError);
    expect(error.message).toMatch(/without a usable token/);
  });
});

describe("the shape check before parsing", () => {
  it("counts only structure: brackets and commas inside strings are text", () => {
    expect(shapeProblem(JSON.stringify({ a: fill('[,{"\\') }))).toBeUndefined();
    expect(shapeProblem(`["\\"[[[", ${'"x",'.repeat(10)} "]"]`)).toBeUndefined();
  });

  it("allows the bounds and refuses one past them", () => {
    const items = (n: number) => `[${Array(n).fill("1").join(",")}]`;
    expect(shapeProblem(items(MAX_ARRAY_ITEMS))).toBeUndefined();
    expect(shapeProblem(items(MAX_ARRAY_ITEMS + 1))).toMatch(/more than 50000 array items/);
    const nested = (n: number) => `${"[".repeat(n)}${"]".repeat(n)}`;
    expect(shapeProblem(nested(MAX_DEPTH))).toBeUndefined();
    expect(shapeProblem(nested(MAX_DEPTH + 1))).toMatch(/deeper than 64 levels/);
  });
});
