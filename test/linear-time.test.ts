/**
 * Upstream text is hostile by assumption: every path of the HTTP, IAM and scrubbing layers that
 * reads it answers a 1 MiB adversarial body within a second. The bound is a hang guard with a
 * wide margin (each path takes milliseconds); a pattern that is quadratic in the body's length
 * takes minutes on these inputs.
 */
import { MockAgent } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { catalogEndpoint, IamTokenSource } from "../src/auth/iam.js";
import { tokenAuthenticator } from "../src/auth/types.js";
import { checkEndpoint } from "../src/endpoint.js";
import { createSdrsClient } from "../src/sdrs/client.js";
import { parseErrorBody } from "../src/sdrs/errors.js";
import { scrubDeep, scrubText } from "../src/secrets.js";

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
    const client = createSdrsClient({
      dispatcher: agent,
      endpoint: async () => "https://sdrs.example",
      auth: tokenAuthenticator("t"),
      timeoutMs: 5000,
      userAgent: "test",
      retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1, random: () => 0 },
    });
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
    const source = new IamTokenSource({
      dispatcher: agent,
      authUrl: "https://iam.example/v3",
      credentials: { username: "u", password: "p", userDomainName: "d" },
      projectId: "0605767e1f00d4b72f1ec0127a5e6a5b",
      region: "eu-de",
      timeoutMs: 5000,
      userAgent: "test",
    });
    const started = performance.now();
    const error = await source.get().catch((e) => e);
    expect(performance.now() - started).toBeLessThan(HANG_GUARD_MS);
    expect(error.message).toMatch(/^IAM answered HTTP 401/);
  });
});
