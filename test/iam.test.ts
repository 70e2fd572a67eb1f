import { MockAgent } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AuthError } from "../src/auth/errors.js";
import { catalogEndpoint, IamTokenSource, iamAuthenticator } from "../src/auth/iam.js";

const IAM = "https://iam.eu-de.otc.t-systems.com";
const PID = "0605767e1f00d4b72f1ec0127a5e6a5b";

let agent: MockAgent;
let now = Date.parse("2026-11-27T10:00:00Z");

function tokenBody(expiresInMs: number) {
  return {
    token: {
      expires_at: new Date(now + expiresInMs).toISOString(),
      issued_at: new Date(now).toISOString(),
      project: { id: PID, name: "eu-de_prod" },
      catalog: [
        {
          type: "evs",
          endpoints: [
            { interface: "public", region: "eu-de", url: "https://evs.eu-de.otc.t-systems.com/v2" },
          ],
        },
        {
          type: "sdrs",
          endpoints: [
            { interface: "internal", region: "eu-de", url: "https://internal.example/v1/x" },
            {
              interface: "public",
              region: "eu-de",
              url: `https://sdrs.eu-de.otc.t-systems.com/v1/${PID}`,
            },
          ],
        },
      ],
    },
  };
}

function source(overrides: Partial<ConstructorParameters<typeof IamTokenSource>[0]> = {}) {
  return new IamTokenSource({
    dispatcher: agent,
    authUrl: `${IAM}/v3`,
    credentials: { username: "alice", password: "pa55-word!", userDomainName: "OTC-EU-DE-0000" },
    projectName: "eu-de_prod",
    region: "eu-de",
    timeoutMs: 1000,
    userAgent: "test",
    now: () => now,
    ...overrides,
  });
}

beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
  now = Date.parse("2026-11-27T10:00:00Z");
});
afterEach(async () => agent.close());

describe("IAM password tokens", () => {
  it("posts the documented body and reads token, project and catalog", async () => {
    let sent: unknown;
    agent
      .get(IAM)
      .intercept({
        path: "/v3/auth/tokens",
        method: "POST",
        body: (body) => {
          sent = JSON.parse(body);
          return true;
        },
      })
      .reply(201, tokenBody(24 * 3600_000), { headers: { "x-subject-token": "MIIissued-token" } });
    const issued = await source().get();
    expect(sent).toEqual({
      auth: {
        identity: {
          methods: ["password"],
          password: {
            user: { name: "alice", password: "pa55-word!", domain: { name: "OTC-EU-DE-0000" } },
          },
        },
        scope: { project: { name: "eu-de_prod" } },
      },
    });
    expect(issued).toEqual({
      token: "MIIissued-token",
      expiresAt: now + 24 * 3600_000,
      renewAt: now + 24 * 3600_000 - 5 * 60_000,
      projectId: PID,
      sdrsEndpoint: "https://sdrs.eu-de.otc.t-systems.com",
    });
  });

  it("shares one request among concurrent callers and renews before expiry", async () => {
    const pool = agent.get(IAM);
    pool
      .intercept({ path: "/v3/auth/tokens", method: "POST" })
      .reply(201, tokenBody(3600_000), { headers: { "x-subject-token": "t1" } });
    pool
      .intercept({ path: "/v3/auth/tokens", method: "POST" })
      .reply(201, tokenBody(3600_000), { headers: { "x-subject-token": "t2" } });
    const s = source();
    const tokens = await Promise.all(Array.from({ length: 10 }, () => s.get()));
    expect(new Set(tokens.map((t) => t.token))).toEqual(new Set(["t1"]));
    expect(s.issued).toBe(1);
    now += 50 * 60_000; // 10 minutes left: still good
    expect((await s.get()).token).toBe("t1");
    now += 6 * 60_000; // 4 minutes left: renew
    expect((await s.get()).token).toBe("t2");
    expect(s.issued).toBe(2);
    expect(s.issuedTokens()).toEqual(["t1", "t2"]);
  });

  it("renews a short-lived token half-way through its life", async () => {
    const pool = agent.get(IAM);
    pool
      .intercept({ path: "/v3/auth/tokens", method: "POST" })
      .reply(201, tokenBody(4 * 60_000), { headers: { "x-subject-token": "t1" } });
    pool
      .intercept({ path: "/v3/auth/tokens", method: "POST" })
      .reply(201, tokenBody(4 * 60_000), { headers: { "x-subject-token": "t2" } });
    const s = source();
    expect((await s.get()).token).toBe("t1");
    now += 119_000;
    expect((await s.get()).token).toBe("t1");
    now += 2_000;
    expect((await s.get()).token).toBe("t2");
  });

  it("drops the token after an SDRS 401 so the retry gets a fresh one", async () => {
    const pool = agent.get(IAM);
    pool
      .intercept({ path: "/v3/auth/tokens", method: "POST" })
      .reply(201, tokenBody(3600_000), { headers: { "x-subject-token": "t1" } });
    pool
      .intercept({ path: "/v3/auth/tokens", method: "POST" })
      .reply(201, tokenBody(3600_000), { headers: { "x-subject-token": "t2" } });
    const auth = iamAuthenticator(source());
    const request = { method: "GET", url: new URL("https://x/"), headers: {}, body: "" };
    expect(await auth.authorize(request)).toEqual({ "x-auth-token": "t1" });
    expect(auth.invalidate()).toBe(true);
    expect(await auth.authorize(request)).toEqual({ "x-auth-token": "t2" });
  });

  it("names the variables to check on a 401, never the password", async () => {
    agent
      .get(IAM)
      .intercept({ path: "/v3/auth/tokens", method: "POST" })
      .reply(401, {
        error: { code: 401, message: "The username or password is wrong.", title: "Unauthorized" },
      });
    const error = await source()
      .get()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthError);
    expect((error as Error).message).toBe(
      "IAM answered HTTP 401: The username or password is wrong. Check OS_USERNAME, OS_PASSWORD and OS_USER_DOMAIN_NAME.",
    );
    expect((error as Error).message).not.toContain("pa55-word!");
  });

  it("points at the project on a scope error", async () => {
    agent
      .get(IAM)
      .intercept({ path: "/v3/auth/tokens", method: "POST" })
      .reply(400, { error: { message: "No project" } });
    await expect(source({ projectId: PID }).get()).rejects.toThrow(/Check OS_PROJECT_ID/);
  });

  it("picks the public SDRS endpoint of the region from the catalog", () => {
    const catalog = [
      {
        type: "sdrs",
        endpoints: [
          {
            interface: "public",
            region: "eu-nl",
            url: "https://sdrs.eu-nl.otc.t-systems.com/v1/abc",
          },
          {
            interface: "public",
            region: "eu-de",
            url: "https://sdrs.eu-de.otc.t-systems.com/v1/abc",
          },
        ],
      },
    ];
    expect(catalogEndpoint(catalog, "eu-nl")).toBe("https://sdrs.eu-nl.otc.t-systems.com");
    expect(catalogEndpoint([], "eu-nl")).toBeUndefined();
  });
});
