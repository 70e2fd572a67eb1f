/**
 * Upstream text is hostile by assumption: every path of the HTTP, IAM and scrubbing layers that
 * reads it must cost no more than linear time in the body's length. Each path gets the same
 * hostile pattern at two sizes and its CPU time may grow about as much as the input
 * (test/helpers/growth.ts); then it answers the 1 MiB body, on which a quadratic pattern would
 * take minutes (the test timeout is the hang guard).
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
import { EXPONENT_LIMIT, expectLinearGrowth, growthExponent } from "../helpers/growth.js";

const MiB = 1024 * 1024;
const fill = (unit: string) => (size: number) =>
  unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
const thenX = (unit: string) => (size: number) => `${fill(unit)(size)}x`;

/** Hostile bodies of any size; the tests read them at 1 MiB and at the sizes of the growth check. */
const BODIES: Record<string, (size: number) => string> = {
  "<": fill("<"),
  "<a": fill("<a"),
  "< and spaces": fill("< "),
  "nested quotes": fill(`"'<"`),
  "spaces then a letter": thenX(" "),
  "dots and spaces": thenX(". "),
  slashes: thenX("/"),
  "/v1": fill("/v1"),
  MII: fill("MII"),
  "token headers": fill("X-Auth-Token   "),
  "signatures, one short": fill("Signature=0123456789abcde "),
  "control and bidi": fill("\u0007\u202e\u200b"),
  "lone surrogates": fill("\ud800"),
  // URLs whose user info may run past a space or a quote, with the one "@" at the very end.
  "URLs with a spaced password": (size) => `${fill("https://u:p x ")(size)}@`,
  "schemes inside one token": (size) => `${fill("a://")(size)}@`,
  "lines of URLs": (size) => `${fill("http://u:p\n")(size)}@`,
  "@ and ://": fill("@://"),
  "a URL, then @ and schemes": fill("h://u@h a://b://c "),
};
const bodyOf = (name: string) => BODIES[name] as (size: number) => string;

const PID = "0605767e1f00d4b72f1ec0127a5e6a5b";

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
    projectId: PID,
    region: "eu-de",
    timeoutMs: 5000,
    userAgent: "test",
    retry: NO_RETRY,
  });
}

describe("the growth check", () => {
  const text = (size: number) => "<".repeat(size);
  it("passes linear work", async () => {
    const linear = (s: string) => s.replace(/<[^<>]*>/g, " ");
    expect(await growthExponent(text, linear)).toBeLessThan(EXPONENT_LIMIT);
  });

  it("fails quadratic work", async () => {
    // Rescans the rest of the text from every 64th character: n * n / 128 steps.
    const quadratic = (s: string) => {
      let sum = 0;
      for (let i = 0; i < s.length; i += 64) {
        for (let j = i; j < s.length; j++) sum += s.charCodeAt(j);
      }
      return sum;
    };
    // The process's CPU time also counts its background threads (garbage collection of the
    // megabyte bodies other tests made, compilation): one disturbed measurement can read a
    // quadratic function as flatter than it is, so the largest of three independent ones counts.
    let steepest = 0;
    for (let i = 0; i < 3 && steepest <= EXPONENT_LIMIT; i++) {
      steepest = Math.max(steepest, await growthExponent(text, quadratic));
    }
    expect(steepest).toBeGreaterThan(EXPONENT_LIMIT);
  });
});

const ERROR_BODIES: Record<string, (body: string) => string> = {
  "as it is": (body) => body,
  "as a JSON error message": (body) =>
    JSON.stringify({ error: { code: "SDRS.0001", message: body } }),
  "as the gateway's fields": (body) =>
    JSON.stringify({ error_code: body, error_msg: body, request_id: body }),
};

describe.each(Object.keys(BODIES))("a body of %s", (name) => {
  const body = bodyOf(name);

  it("parseErrorBody: as it is, and as a JSON error message", async () => {
    for (const [form, wrap] of Object.entries(ERROR_BODIES)) {
      await expectLinearGrowth(
        (size) => wrap(body(size)),
        parseErrorBody,
        `parseErrorBody ${form}`,
      );
      const parsed = parseErrorBody(wrap(body(MiB)));
      expect(parsed.message?.length ?? 0).toBeLessThanOrEqual(300);
    }
  });

  it("the scrubber over a result holding it", async () => {
    const secrets = ["a-secret-value", "MIIsecret"];
    await expectLinearGrowth(body, (text) => scrubText(text, secrets), "scrubText");
    const deep = (text: string) => scrubDeep({ text, rows: [text] }, secrets);
    await expectLinearGrowth(body, deep, "scrubDeep");
    expect(scrubText(body(MiB), secrets).length).toBeLessThanOrEqual(MiB + 1);
    expect(deep(body(MiB)).rows).toHaveLength(1);
  });

  it("the catalog's SDRS URL and the endpoint rule", async () => {
    const url = (size: number) => `https://sdrs.example/${body(size)}`;
    const catalog = (size: number) => [
      { type: "sdrs", endpoints: [{ interface: "public", region: "eu-de", url: url(size) }] },
    ];
    await expectLinearGrowth(catalog, (c) => catalogEndpoint(c, "eu-de"), "catalogEndpoint");
    const rule = (u: string) => checkEndpoint(u, "SDRS_ENDPOINT", { stripApiPath: true });
    await expectLinearGrowth(url, rule, "checkEndpoint");
    catalogEndpoint(catalog(MiB), "eu-de");
    rule(url(MiB));
  });
});

describe("whole requests with a hostile body", () => {
  let agent: MockAgent;
  beforeEach(() => {
    agent = new MockAgent();
    agent.disableNetConnect();
  });
  afterEach(() => agent.close());

  it.each(Object.keys(BODIES))("an SDRS error page of %s", async (name) => {
    const client = sdrsVia(agent);
    const errorFor = (body: string) => {
      agent
        .get("https://sdrs.example")
        .intercept({ path: /failure-jobs/ })
        .reply(502, body);
      return client.listFailureJobs(PID, {}).catch((e) => e);
    };
    await expectLinearGrowth(bodyOf(name), errorFor, "an SDRS error page");
    const error = await errorFor(bodyOf(name)(MiB));
    expect(error.status).toBe(502);
    expect(error.message.length).toBeLessThan(600);
  });

  it.each(Object.keys(BODIES))("an IAM refusal whose message is %s", async (name) => {
    // A new source each time: one that IAM refused never asks again.
    const errorFor = (message: string) => {
      agent
        .get("https://iam.example")
        .intercept({ path: "/v3/auth/tokens", method: "POST" })
        .reply(401, { error: { code: 401, message } });
      return iamVia(agent)
        .get()
        .catch((e) => e);
    };
    await expectLinearGrowth(bodyOf(name), errorFor, "an IAM refusal");
    const error = await errorFor(bodyOf(name)(MiB));
    expect(error.message).toMatch(/^IAM answered HTTP 401/);
  });
});

/**
 * Bodies whose cost is in their shape, not their text: a few bytes per value, by the hundred
 * thousand, or nesting a million levels deep. Each used to hold the event loop for seconds
 * (schema validation of 350,000 empty records; a stack overflow inside it for IAM's catalog).
 * The shape check refuses them before JSON.parse and the schema see them: the refusal names the
 * bound, which only the shape check does.
 */
describe("whole requests with a body of many tiny values", () => {
  const JOB = "0123456789abcdef0123456789abcdef";
  const empties = (bytes: number) =>
    Array(Math.floor(bytes / 3))
      .fill("{}")
      .join(",");
  const SHAPE_REFUSAL =
    /not a plausible answer: it (holds more than 50000 array items|nests deeper than 64 levels)/;
  const SHAPES: Record<
    string,
    { path: RegExp; body: (size: number) => string; call: (c: SdrsClient) => Promise<unknown> }
  > = {
    "a failure page of empty records": {
      path: /failure-jobs/,
      body: (size) => `{"count":1,"failure_jobs":[${empties(size)}]}`,
      call: (c) => c.listFailureJobs(PID, {}),
    },
    "a protection-group page of empty records": {
      path: /server-groups/,
      body: (size) => `{"count":1,"server_groups":[${empties(size)}]}`,
      call: (c) => c.listServerGroups(PID, {}),
    },
    "a job with empty sub-jobs": {
      path: /jobs/,
      body: (size) =>
        `{"job_id":"${JOB}","status":"FAIL","entities":{"sub_jobs":[${empties(size)}]}}`,
      call: (c) => c.getJob(PID, JOB),
    },
    "arrays nested half a million deep": {
      path: /failure-jobs/,
      body: (size) => `${"[".repeat(size / 2)}${"]".repeat(size / 2)}`,
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
    const client = sdrsVia(agent);
    const errorFor = (body: string) => {
      agent.get("https://sdrs.example").intercept({ path: shape.path }).reply(200, body);
      return shape.call(client).catch((e: SdrsError) => e);
    };
    await expectLinearGrowth(shape.body, errorFor, name);
    const error = await errorFor(shape.body(MiB));
    expect(error).toBeInstanceOf(SdrsError);
    expect((error as SdrsError).kind).toBe("malformed");
    expect((error as SdrsError).message).toMatch(SHAPE_REFUSAL);
  });

  it.each([
    ["empty catalog entries", (size: number) => `[${empties(size)}]`],
    [
      "an SDRS entry with empty endpoints",
      (size: number) => `[{"type":"sdrs","endpoints":[${empties(size)}]}]`,
    ],
  ])("an IAM token whose catalog holds %s is refused", async (_name, catalog) => {
    const errorFor = (catalogText: string) => {
      agent
        .get("https://iam.example")
        .intercept({ path: "/v3/auth/tokens", method: "POST" })
        .reply(
          201,
          `{"token":{"expires_at":"2099-01-01T00:00:00Z","project":{"id":"${PID}"},"catalog":${catalogText}}}`,
          { headers: { "x-subject-token": "MIItoken" } },
        );
      return iamVia(agent)
        .get()
        .catch((e) => e);
    };
    await expectLinearGrowth(catalog, errorFor, "an IAM token");
    const error = await errorFor(catalog(MiB));
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
