import { MockAgent } from "undici";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { AuthError } from "../../../src/auth/errors.js";
import { IamTokenSource, iamAuthenticator } from "../../../src/auth/iam.js";
import { catalogEndpoint } from "../../../src/auth/iam-wire.js";
import { createSdrsClient } from "../../../src/sdrs/client.js";

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
    expect((error as Error).message).toMatch(
      /^IAM answered HTTP 401: "The username or password is wrong"\. Check OS_USERNAME \(setting "IAM user name"\), OS_PASSWORD \(setting "IAM password"\) and OS_USER_DOMAIN_NAME \(setting "User domain \(tenant\) name"\)\. sdrs-mcp will not send this password again/,
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

  it("points at OS_AUTH_URL when IAM's token path is not found (no /v3)", async () => {
    agent
      .get(IAM)
      .intercept({ path: "/v3/auth/tokens", method: "POST" })
      .reply(404, "<html>Not Found</html>");
    await expect(source({ projectId: PID }).get()).rejects.toThrow(
      /HTTP 404: "Not Found"\. Check OS_AUTH_URL \(setting "IAM endpoint"\): it must be IAM's v3 endpoint, e\.g\. https:\/\/iam\.eu-de\.otc\.t-systems\.com\/v3/,
    );
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

describe("a password IAM refused is never sent again", () => {
  const refuse = () => {
    let posts = 0;
    agent
      .get(IAM)
      .intercept({ path: "/v3/auth/tokens", method: "POST" })
      .reply(() => {
        posts++;
        return {
          statusCode: 401,
          data: { error: { code: 401, message: "The username or password is wrong." } },
        };
      })
      .persist();
    return () => posts;
  };

  it("answers every later and every concurrent request with the same error, at once", async () => {
    const posts = refuse();
    const s = source();
    const concurrent = await Promise.all(
      Array.from({ length: 10 }, () => s.get().catch((e: unknown) => e)),
    );
    const first = concurrent[0];
    expect(first).toBeInstanceOf(AuthError);
    for (const error of concurrent) expect(error).toBe(first);
    for (let i = 0; i < 5; i++) await expect(s.get()).rejects.toBe(first);
    // a 401 from SDRS afterwards does not clear the refusal either
    iamAuthenticator(s).invalidate();
    await expect(s.get()).rejects.toBe(first);
    expect(posts()).toBe(1);
    expect(s.issued).toBe(1);
  });

  it("through the SDRS client: the AuthError itself, never a retried network error", async () => {
    const posts = refuse();
    const client = createSdrsClient({
      dispatcher: agent,
      endpoint: async () => "https://sdrs.eu-de.otc.t-systems.com",
      auth: iamAuthenticator(source()),
      timeoutMs: 1000,
      userAgent: "test",
      retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5, random: () => 0.5 },
    });
    const calls = [
      ...Array.from({ length: 5 }, () => client.listFailureJobs(PID, { limit: 1 })),
      client.listServerGroups(PID, { limit: 20 }),
    ].map((p) => p.catch((e: unknown) => e));
    const errors = await Promise.all(calls);
    const later = await client.getJob(PID, "ff808082686f229a0168707beaab014e").catch((e) => e);
    for (const error of [...errors, later]) {
      expect(error).toBeInstanceOf(AuthError);
      expect(error).toBe(errors[0]);
    }
    expect(posts()).toBe(1);
  });

  it("still asks again after other failures (a 503 is retried, a scope error is not remembered)", async () => {
    const pool = agent.get(IAM);
    pool.intercept({ path: "/v3/auth/tokens", method: "POST" }).reply(503, "busy");
    pool
      .intercept({ path: "/v3/auth/tokens", method: "POST" })
      .reply(201, tokenBody(3600_000), { headers: { "x-subject-token": "t1" } });
    const s = source({ retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5, random: () => 0 } });
    expect((await s.get()).token).toBe("t1");
    expect(s.issued).toBe(2);
  });
});

describe("issued tokens kept for scrubbing", () => {
  /** IAM issuing token-0, token-1, … each living `ttlMs`; returns how many were issued. */
  function issueNumbered(ttlMs: number): () => number {
    let n = 0;
    agent
      .get(IAM)
      .intercept({ path: "/v3/auth/tokens", method: "POST" })
      .reply(() => ({
        statusCode: 201,
        data: tokenBody(ttlMs),
        responseOptions: { headers: { "x-subject-token": `token-${n++}` } },
      }))
      .persist();
    return () => n;
  }

  it("keeps only the tokens that have not expired, however many renewals", async () => {
    const s = source();
    const issued = issueNumbered(4 * 60_000);
    for (let i = 0; i < 3000; i++) {
      await s.get();
      now += 2 * 60_000 + 1; // past the half-life: the next get() renews
    }
    expect(s.issued).toBe(3000);
    // 4-minute tokens renewed every 2 minutes: at most the last two can still be valid
    expect(s.issuedTokens().length).toBeLessThanOrEqual(2);
    expect(s.issuedTokens()).toContain(`token-${issued() - 1}`);
  });

  it("bounds the unexpired ones that SDRS refused", async () => {
    issueNumbered(24 * 3600_000);
    const s = source();
    for (let i = 0; i < 500; i++) {
      await s.get();
      s.invalidate();
    }
    expect(s.issuedTokens().length).toBeLessThanOrEqual(32);
    expect(s.issuedTokens()).toContain("token-499");
  });
});

describe("the catalog's SDRS URL obeys the endpoint rule", () => {
  const catalog = (url: string) => [
    { type: "sdrs", endpoints: [{ interface: "public", region: "eu-de", url }] },
  ];

  it("ignores plain http to anything but loopback, and URLs with credentials", () => {
    expect(catalogEndpoint(catalog("http://sdrs.eu-de.otc.t-systems.com/v1/x"), "eu-de")).toBe(
      undefined,
    );
    expect(catalogEndpoint(catalog("https://u:p@sdrs.example/v1/x"), "eu-de")).toBeUndefined();
    expect(catalogEndpoint(catalog("ftp://sdrs.example/v1/x"), "eu-de")).toBeUndefined();
    expect(catalogEndpoint(catalog(`http://127.0.0.1:8080/v1/${PID}`), "eu-de")).toBe(
      "http://127.0.0.1:8080",
    );
    expect(catalogEndpoint(catalog("https://sdrs.example//v1/$(tenant_id)s"), "eu-de")).toBe(
      "https://sdrs.example",
    );
  });

  it("falls back to the regional default rather than sending a token over http", async () => {
    const body = tokenBody(3600_000);
    const sdrs = body.token.catalog.find((s) => s.type === "sdrs");
    for (const e of sdrs?.endpoints ?? []) e.url = e.url.replace("https://", "http://");
    agent
      .get(IAM)
      .intercept({ path: "/v3/auth/tokens", method: "POST" })
      .reply(201, body, { headers: { "x-subject-token": "t1" } });
    expect((await source().get()).sdrsEndpoint).toBeUndefined();
  });
});

describe("IAM goes through the shared HTTP layer", () => {
  it("caps the token body", async () => {
    agent
      .get(IAM)
      .intercept({ path: "/v3/auth/tokens", method: "POST" })
      .reply(
        201,
        { token: { expires_at: "x", padding: "x".repeat(5000) } },
        {
          headers: { "x-subject-token": "t1" },
        },
      );
    await expect(source({ maxBodyBytes: 1024 }).get()).rejects.toThrow(
      /Could not reach IAM .*the response body exceeds 1024 bytes/,
    );
  });

  it("sends the user agent and refuses redirects", async () => {
    const pool = agent.get(IAM);
    let agentHeader: unknown;
    pool
      .intercept({
        path: "/v3/auth/tokens",
        method: "POST",
        headers: (h) => {
          agentHeader = h["user-agent"];
          return true;
        },
      })
      .reply(307, "", { headers: { location: "https://elsewhere.example/v3/auth/tokens" } });
    await expect(source({ userAgent: "sdrs-mcp/9.9" }).get()).rejects.toThrow(
      /a redirect, which sdrs-mcp does not follow/,
    );
    expect(agentHeader).toBe("sdrs-mcp/9.9");
  });

  it("ends a stalled IAM answer at the deadline, retried once", async () => {
    let posts = 0;
    agent
      .get(IAM)
      .intercept({ path: "/v3/auth/tokens", method: "POST" })
      .reply(() => {
        posts++;
        return { statusCode: 201, data: tokenBody(3600_000) };
      })
      .delay(2000)
      .persist();
    const s = source({
      timeoutMs: 50,
      retry: { retries: 5, baseDelayMs: 1, maxDelayMs: 1, random: () => 0 },
    });
    await expect(s.get()).rejects.toThrow(/no complete answer within 50 ms/);
    expect(s.issued).toBe(2);
    expect(posts).toBeLessThanOrEqual(2);
  });
});
