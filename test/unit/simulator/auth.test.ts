import { createHash, createHmac } from "node:crypto";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import {
  DEFAULT_ACCESS_KEY,
  DEFAULT_USER,
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from "../../../src/simulator/index.js";
import { canonicalQuery, expectedSignature } from "../../../src/simulator/signing.js";
import { withSimulator } from "../../helpers/helpers.js";

// Expectations are written from /work/shared/api-reference.md ("IAM token (password)" and
// "AK/SK signing"); the signer below is this file's own, so a misreading cannot hide on both sides.

const START = Date.UTC(2026, 10, 20, 12, 0, 0);
let clock = START;
const now = () => clock;

const ISO_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const HEX32 = /^[0-9a-f]{32}$/;
const WRONG_CREDENTIALS = {
  error: { code: 401, message: "The username or password is wrong.", title: "Unauthorized" },
};
const NO_PROJECT = {
  error: { code: 401, message: "No project found for the scope.", title: "Unauthorized" },
};
const UNAUTHORIZED = {
  error: {
    code: 401,
    message: "The request you have made requires authentication.",
    title: "Unauthorized",
  },
};
const APIG_0301 = "Incorrect IAM authentication information: verify aksk signature fail";
const APIG_0303 =
  "Incorrect app authentication information: the request time is out of range (check the system clock)";

interface Answer {
  status: number;
  headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: response bodies are inspected field by field
  body: any;
}

async function answerOf(res: Response): Promise<Answer> {
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : null };
}

// ---- IAM -----------------------------------------------------------------------------------

interface Login {
  name?: string;
  password?: string;
  domain?: { name?: string; id?: string };
  project?: { name?: string; id?: string; domain?: { name?: string; id?: string } } | null;
}

function loginBody(sim: Simulator, login: Login = {}) {
  const project = login.project === undefined ? { id: sim.projectId } : login.project;
  return {
    auth: {
      identity: {
        methods: ["password"],
        password: {
          user: {
            name: login.name ?? DEFAULT_USER.name,
            password: login.password ?? DEFAULT_USER.password,
            domain: login.domain ?? { name: DEFAULT_USER.domainName },
          },
        },
      },
      ...(project === null ? {} : { scope: { project } }),
    },
  };
}

async function postTokens(sim: Simulator, body: unknown): Promise<Answer> {
  const res = await fetch(`${sim.iamUrl}/auth/tokens`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return answerOf(res);
}

async function login(sim: Simulator, details: Login = {}): Promise<string> {
  const answer = await postTokens(sim, loginBody(sim, details));
  expect(answer.status).toBe(201);
  const token = answer.headers.get("x-subject-token");
  if (token === null) throw new Error("no X-Subject-Token");
  return token;
}

async function listWithToken(sim: Simulator, token: string): Promise<number> {
  const res = await fetch(`${sim.url}/v1/${sim.projectId}/task-center/failure-jobs?limit=1`, {
    headers: { "X-Auth-Token": token },
  });
  await res.arrayBuffer();
  return res.status;
}

// ---- The test's own AK/SK signer -----------------------------------------------------------

/** Byte by byte over UTF-8: unreserved characters stay, everything else is %XX. */
function rfc3986(value: string): string {
  let out = "";
  for (const byte of Buffer.from(value, "utf8")) {
    const char = String.fromCharCode(byte);
    out += /^[A-Za-z0-9\-_.~]$/.test(char)
      ? char
      : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

const sha256 = (data: string) => createHash("sha256").update(data, "utf8").digest("hex");

function sdkDate(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/\.\d{3}/, "")
    .replace(/[-:]/g, "");
}

interface Signable {
  method: string;
  /** Decoded path segments. */
  segments: string[];
  query: [string, string][];
  /** Lower-case name to value; exactly the signed ones. */
  signedHeaders: Record<string, string>;
  body: string;
  date: string;
  secretKey: string;
}

function sign(s: Signable): { names: string; signature: string } {
  const uri = `/${s.segments.map(rfc3986).join("/")}/`;
  const query = [...s.query]
    .sort(([a, x], [b, y]) => (a === b ? (x < y ? -1 : 1) : a < b ? -1 : 1))
    .map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`)
    .join("&");
  const names = Object.keys(s.signedHeaders).sort();
  const headers = names.map((n) => `${n}:${(s.signedHeaders[n] ?? "").trim()}\n`).join("");
  const canonical = [s.method, uri, query, headers, names.join(";"), sha256(s.body)].join("\n");
  const toSign = `SDK-HMAC-SHA256\n${s.date}\n${sha256(canonical)}`;
  return {
    names: names.join(";"),
    signature: createHmac("sha256", s.secretKey).update(toSign).digest("hex"),
  };
}

interface AkskCall {
  method?: string;
  segments?: string[];
  query?: [string, string][];
  /** form: `+` for a space, as URLSearchParams writes it; rfc3986: `%20`. */
  queryStyle?: "form" | "rfc3986";
  /** Sent and signed. */
  headers?: Record<string, string>;
  /** Sent, not signed. */
  unsignedHeaders?: Record<string, string>;
  /** Names to leave out of the signature even though they are sent (e.g. host). */
  leaveOut?: string[];
  body?: string;
  /** A different body on the wire than the one signed. */
  sentBody?: string;
  /** Extra query pairs on the wire that were not signed. */
  sentQuery?: string;
  accessKey?: string;
  secretKey?: string;
  dateMs?: number;
  /** Raw X-Sdk-Date to send (and sign), or null for none. */
  rawDate?: string | null;
  /** Replaces the SignedHeaders list in the Authorization header. */
  signedHeaderList?: string;
}

async function aksk(sim: Simulator, call: AkskCall = {}): Promise<Answer> {
  const method = call.method ?? "GET";
  const segments = call.segments ?? ["v1", sim.projectId, "task-center", "failure-jobs"];
  const query = call.query ?? [];
  const date = call.rawDate === undefined ? sdkDate(call.dateMs ?? clock) : call.rawDate;
  const host = new URL(sim.url).host;
  const signedHeaders: Record<string, string> = { host, ...call.headers };
  if (date !== null) signedHeaders["x-sdk-date"] = date;
  for (const name of call.leaveOut ?? []) delete signedHeaders[name];
  const { names, signature } = sign({
    method,
    segments,
    query,
    signedHeaders,
    body: call.body ?? "",
    date: date ?? "",
    secretKey: call.secretKey ?? DEFAULT_ACCESS_KEY.secretKey,
  });
  const access = call.accessKey ?? DEFAULT_ACCESS_KEY.accessKey;
  const headers: Record<string, string> = {
    ...call.headers,
    ...call.unsignedHeaders,
    Authorization: `SDK-HMAC-SHA256 Access=${access}, SignedHeaders=${call.signedHeaderList ?? names}, Signature=${signature}`,
  };
  if (date !== null) headers["X-Sdk-Date"] = date;
  const search =
    call.queryStyle === "rfc3986"
      ? query.map(([k, v]) => `${rfc3986(k)}=${rfc3986(v)}`).join("&")
      : new URLSearchParams(query).toString();
  const extra = call.sentQuery === undefined ? "" : `&${call.sentQuery}`;
  const path = segments.map((s) => encodeURIComponent(s)).join("/");
  const url = `${sim.url}/${path}${search || extra ? `?${search}${extra}` : ""}`;
  const body = call.sentBody ?? call.body;
  return answerOf(
    await fetch(url, { method, headers, body: body === undefined ? undefined : body }),
  );
}

function expectApig(answer: Answer, code: "APIG.0301" | "APIG.0303") {
  expect(answer.status).toBe(401);
  expect(answer.body).toEqual({
    error_code: code,
    error_msg: code === "APIG.0301" ? APIG_0301 : APIG_0303,
    request_id: answer.headers.get("x-request-id"),
  });
  expect(answer.body.request_id).toMatch(/^[0-9a-f]+$/);
}

let sim: Simulator;
beforeAll(async () => {
  sim = await startSimulator({ now });
});
afterAll(async () => sim.close());
beforeEach(() => {
  clock = START;
  sim.faults.clear();
});

/** A simulator of its own on the test clock. */
function withClockedSimulator(options: SimulatorOptions, test: (s: Simulator) => Promise<void>) {
  return withSimulator({ now, ...options }, test);
}

describe("IAM POST /v3/auth/tokens", () => {
  it("issues a project-scoped token with the documented shape", async () => {
    expect(sim.iamUrl).toBe(`${sim.url}/v3`);
    expect(sim.projectName).toBe("eu-de_demo");
    expect(sim.region).toBe("eu-de");
    const before = sim.issuedTokens;
    const answer = await postTokens(sim, loginBody(sim));
    expect(answer.status).toBe(201);
    expect(answer.headers.get("x-subject-token")).toMatch(/^MIIsim\S+$/);
    expect(sim.issuedTokens).toBe(before + 1);

    const { token } = answer.body;
    expect(token.issued_at).toMatch(ISO_MS);
    expect(token.issued_at).toBe(new Date(START).toISOString());
    expect(token.expires_at).toBe(new Date(START + 24 * 3600 * 1000).toISOString());
    expect(token.methods).toEqual(["password"]);
    const domain = { id: DEFAULT_USER.domainId, name: "OTC-EU-DE-DEMO" };
    expect(DEFAULT_USER.domainId).toMatch(HEX32);
    expect(token.user).toMatchObject({ name: "demo-user", domain });
    expect(token.user.id).toMatch(HEX32);
    expect(token.project).toEqual({ id: sim.projectId, name: "eu-de_demo", domain });

    const sdrs = token.catalog.filter((entry: { type: string }) => entry.type === "sdrs");
    expect(sdrs).toHaveLength(1);
    expect(sdrs[0]).toMatchObject({ type: "sdrs", name: "sdrs" });
    expect(sdrs[0].endpoints).toEqual([
      {
        interface: "public",
        region: "eu-de",
        region_id: "eu-de",
        url: `${sim.url}/v1/${sim.projectId}`,
        id: expect.stringMatching(HEX32),
      },
    ]);
    const types = token.catalog.map((entry: { type: string }) => entry.type);
    expect(types).toEqual(expect.arrayContaining(["sdrs", "evs", "ecs"]));
    const urls = token.catalog.flatMap((e: { endpoints: { url: string }[] }) =>
      e.endpoints.map((x) => x.url),
    );
    expect(new Set(urls).size).toBe(urls.length);
  });

  it("issues tokens SDRS accepts, each one new", async () => {
    const first = await login(sim);
    const second = await login(sim);
    expect(first).not.toBe(second);
    expect(await listWithToken(sim, first)).toBe(200);
    expect(await listWithToken(sim, second)).toBe(200);
    expect(await listWithToken(sim, `${first}x`)).toBe(401);
  });

  it("scopes by project name, and finds the user's domain by id", async () => {
    const byName = await postTokens(sim, loginBody(sim, { project: { name: "eu-de_demo" } }));
    expect(byName.status).toBe(201);
    expect(byName.body.token.project.id).toBe(sim.projectId);
    const byDomainId = await postTokens(
      sim,
      loginBody(sim, {
        domain: { id: DEFAULT_USER.domainId },
        project: { name: "eu-de_demo", domain: { name: DEFAULT_USER.domainName } },
      }),
    );
    expect(byDomainId.status).toBe(201);
  });

  it("answers a wrong user, password or domain with one 401", async () => {
    const before = sim.issuedTokens;
    for (const wrong of [
      { password: "nope" },
      { password: "" },
      { name: "someone-else" },
      { domain: { name: "OTC-EU-DE-OTHER" } },
      { domain: { id: "ffffffffffffffffffffffffffffffff" } },
      { domain: { id: DEFAULT_USER.domainId, name: "OTC-EU-DE-OTHER" } },
    ]) {
      const answer = await postTokens(sim, loginBody(sim, wrong));
      expect(answer.status, JSON.stringify(wrong)).toBe(401);
      expect(answer.body).toEqual(WRONG_CREDENTIALS);
      expect(answer.headers.get("x-subject-token")).toBeNull();
    }
    expect(sim.issuedTokens).toBe(before);
  });

  it("answers a scope naming no known project with 401", async () => {
    for (const project of [
      { id: "ffffffffffffffffffffffffffffffff" },
      { name: "eu-de" },
      { name: "eu-de_demo", domain: { name: "OTC-EU-DE-OTHER" } },
      // An id decides over a name, as in Keystone.
      { id: "ffffffffffffffffffffffffffffffff", name: "eu-de_demo" },
    ]) {
      const answer = await postTokens(sim, loginBody(sim, { project }));
      expect(answer.status, JSON.stringify(project)).toBe(401);
      expect(answer.body).toEqual(NO_PROJECT);
    }
  });

  it("answers a malformed body with 400, naming the field", async () => {
    const valid = loginBody(sim);
    const user = valid.auth.identity.password.user;
    const cases: [unknown, string][] = [
      ["{not json", "JSON"],
      [[], "body"],
      [{}, "'auth'"],
      [{ auth: { identity: { ...valid.auth.identity, methods: ["token"] } } }, "methods"],
      [{ auth: { identity: { methods: "password", password: {} } } }, "methods"],
      [{ auth: { identity: { methods: ["password"] } } }, "auth.identity.password'"],
      [
        {
          auth: { identity: { methods: ["password"], password: { user: { ...user, name: "" } } } },
        },
        "user.name",
      ],
      [
        {
          auth: {
            identity: { methods: ["password"], password: { user: { ...user, password: 7 } } },
          },
        },
        "user.password",
      ],
      [
        {
          auth: {
            identity: { methods: ["password"], password: { user: { ...user, domain: undefined } } },
          },
        },
        "user.domain",
      ],
      [
        {
          auth: {
            identity: { methods: ["password"], password: { user: { ...user, domain: {} } } },
          },
        },
        "user.domain",
      ],
      [{ auth: { ...valid.auth, scope: { domain: { name: "OTC-EU-DE-DEMO" } } } }, "auth.scope"],
      [{ auth: { ...valid.auth, scope: { project: { id: 42 } } } }, "auth.scope.project.id"],
    ];
    for (const [body, names] of cases) {
      const answer = await postTokens(sim, body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.error).toMatchObject({ code: 400, title: "Bad Request" });
      expect(answer.body.error.message).toContain(names);
    }
  });

  it("issues an unscoped token without project or catalog, which SDRS refuses", async () => {
    const answer = await postTokens(sim, loginBody(sim, { project: null }));
    expect(answer.status).toBe(201);
    expect(answer.body.token.project).toBeUndefined();
    expect(answer.body.token.catalog).toBeUndefined();
    const token = answer.headers.get("x-subject-token") ?? "";
    const res = await fetch(`${sim.url}/v1/${sim.projectId}/server-groups`, {
      headers: { "X-Auth-Token": token },
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual(UNAUTHORIZED);
  });

  it("lets tokens expire on the simulator clock", async () => {
    await withClockedSimulator({ tokenTtlMs: 60_000 }, async (s) => {
      const answer = await postTokens(s, loginBody(s));
      expect(answer.body.token.expires_at).toBe(new Date(START + 60_000).toISOString());
      const token = answer.headers.get("x-subject-token") ?? "";
      clock = START + 59_999;
      expect(await listWithToken(s, token)).toBe(200);
      clock = START + 60_000;
      expect(await listWithToken(s, token)).toBe(401);
      expect(await listWithToken(s, s.token)).toBe(200);
    });
  });

  it("revokes every issued token, never the static one", async () => {
    const a = await login(sim);
    const b = await login(sim);
    const issued = sim.issuedTokens;
    sim.revokeTokens();
    expect(await listWithToken(sim, a)).toBe(401);
    expect(await listWithToken(sim, b)).toBe(401);
    expect(await listWithToken(sim, "sim-demo-token")).toBe(200);
    expect(sim.issuedTokens).toBe(issued);
    const fresh = await login(sim);
    expect(fresh).not.toBe(a);
    expect(await listWithToken(sim, fresh)).toBe(200);
  });

  it("answers other methods with 405 and other IAM paths with 404, needing no token", async () => {
    const get = await answerOf(await fetch(`${sim.iamUrl}/auth/tokens`));
    expect(get.status).toBe(405);
    expect(get.headers.get("allow")).toBe("POST");
    const other = await answerOf(await fetch(`${sim.iamUrl}/projects?name=eu-de_demo`));
    expect(other.status).toBe(404);
    expect(other.body).toEqual({
      error: { code: 404, message: "The resource could not be found.", title: "Not Found" },
    });
  });

  it("is recorded with its body, and faults apply to it first", async () => {
    const before = sim.requests.length;
    await login(sim);
    const recorded = sim.requests.at(-1);
    expect(sim.requests).toHaveLength(before + 1);
    expect(recorded?.method).toBe("POST");
    expect(recorded?.path).toBe("/v3/auth/tokens");
    expect(JSON.parse(recorded?.body ?? "")).toEqual(loginBody(sim));

    sim.faults.add({ pathIncludes: "/v3/auth/tokens", fault: { kind: "status", status: 503 } });
    expect((await postTokens(sim, loginBody(sim))).status).toBe(503);
    sim.faults.add({ pathIncludes: "/v3/auth", fault: { kind: "latency", ms: 120 } });
    const started = performance.now();
    expect((await postTokens(sim, loginBody(sim))).status).toBe(201);
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it("takes its users, project name and region from the options", async () => {
    const users = [{ name: "alice", password: "s3cret", domainName: "OTC-EU-NL-ALICE" }];
    await withClockedSimulator({ users, projectName: "eu-nl", region: "eu-nl" }, async (s) => {
      expect((await postTokens(s, loginBody(s))).body).toEqual(WRONG_CREDENTIALS);
      const answer = await postTokens(
        s,
        loginBody(s, {
          name: "alice",
          password: "s3cret",
          domain: { name: "OTC-EU-NL-ALICE" },
          project: { name: "eu-nl" },
        }),
      );
      expect(answer.status).toBe(201);
      const { token } = answer.body;
      expect(token.user.domain.id).toMatch(HEX32);
      expect(token.project.name).toBe("eu-nl");
      const sdrs = token.catalog.find((entry: { type: string }) => entry.type === "sdrs");
      expect(sdrs.endpoints[0]).toMatchObject({ region: "eu-nl", region_id: "eu-nl" });
    });
  });

  it("serves the Swiss region: a project eu-ch2_x, the catalog on the simulator or on .sc. hosts", async () => {
    const swiss = { region: "eu-ch2", projectName: "eu-ch2_x" };
    const scoped = (s: Simulator) => loginBody(s, { project: { name: "eu-ch2_x" } });
    const sdrsUrl = (body: {
      token: { catalog: { type: string; endpoints: { url: string }[] }[] };
    }) => body.token.catalog.find((entry) => entry.type === "sdrs")?.endpoints[0]?.url;
    await withClockedSimulator(swiss, async (s) => {
      const answer = await postTokens(s, scoped(s));
      expect(answer.status).toBe(201);
      expect(answer.body.token.project.name).toBe("eu-ch2_x");
      // Tests follow the catalog, so by default it points at the simulator.
      expect(sdrsUrl(answer.body)).toBe(`${s.url}/v1/${s.projectId}`);
    });
    await withClockedSimulator({ ...swiss, catalogEndpoints: "official" }, async (s) => {
      const answer = await postTokens(s, scoped(s));
      // The Swiss region's hosts end in .sc.otc.t-systems.com; IAM there is iam-pub.
      expect(sdrsUrl(answer.body)).toBe(
        `https://sdrs.eu-ch2.sc.otc.t-systems.com/v1/${s.projectId}`,
      );
      const identity = answer.body.token.catalog.find(
        (e: { type: string }) => e.type === "identity",
      );
      expect(identity.endpoints[0].url).toBe("https://iam-pub.eu-ch2.sc.otc.t-systems.com/v3");
      expect(identity.endpoints[0].region).toBe("eu-ch2");
    });
    await withClockedSimulator({ catalogEndpoints: "official" }, async (s) => {
      const answer = await postTokens(s, loginBody(s));
      expect(answer.body.token.project.name).toBe("eu-de_demo");
      expect(sdrsUrl(answer.body)).toBe(`https://sdrs.eu-de.otc.t-systems.com/v1/${s.projectId}`);
    });
  });
});

describe("AK/SK signatures", () => {
  const SEARCH: [string, string][] = [
    ["limit", "5"],
    ["resource_name", "数据库 备份 (x)!*'~/?&=+ü"],
    ["failure_status", "createFail"],
  ];

  it("reproduces the published test vectors", () => {
    const date = "20060102T150405Z";
    const vector = (method: string, target: string, body: string) => ({
      method,
      url: new URL(target, "http://example.huaweicloud.com"),
      headers: { host: "example.huaweicloud.com", "x-sdk-date": date },
      body: Buffer.from(body, "utf8"),
    });
    const get = "5a2ce64c865e0e6046321c6f3d5a77ba8413eeaf355c3166c03d58d02ac79624";
    const post = "cecc2af119b18ab70b4d094c0750f3b42c02f254903179a0fc2cc72fc9db4f59";
    const body = '{"Name":"test","Id":1}\n';
    // The simulator's verifier...
    expect(
      expectedSignature(vector("GET", "/path?limit=1", ""), ["x-sdk-date"], date, "SecretKey"),
    ).toBe(get);
    expect(
      expectedSignature(vector("POST", "/path?key=value", body), ["x-sdk-date"], date, "SecretKey"),
    ).toBe(post);
    // ...and this file's own signer, so the AK/SK tests below sign right.
    const signable = {
      segments: ["path"],
      signedHeaders: { "x-sdk-date": date },
      date,
      secretKey: "SecretKey",
    };
    expect(sign({ ...signable, method: "GET", query: [["limit", "1"]], body: "" }).signature).toBe(
      get,
    );
    expect(sign({ ...signable, method: "POST", query: [["key", "value"]], body }).signature).toBe(
      post,
    );
  });

  it("canonicalizes queries: sorted, RFC 3986, %20 for a space whatever was sent", () => {
    expect(canonicalQuery(new URLSearchParams("b=2&a=z&a=y&c=a+b&d=x%20y&e=%7e*"))).toBe(
      "a=y&a=z&b=2&c=a%20b&d=x%20y&e=~%2A",
    );
    expect(canonicalQuery(new URLSearchParams(""))).toBe("");
  });

  it("accepts a correct signature with a query of spaces, unicode and reserved characters", async () => {
    const projectHeader = { "x-project-id": sim.projectId };
    for (const queryStyle of ["form", "rfc3986"] as const) {
      const answer = await aksk(sim, { query: SEARCH, queryStyle, headers: projectHeader });
      expect(answer.status, queryStyle).toBe(200);
      expect(answer.body).toEqual({ count: 0, failure_jobs: [] });
    }
    const plain = await aksk(sim, { query: [["limit", "2"]] });
    expect(plain.status).toBe(200);
    expect(plain.body.failure_jobs).toHaveLength(2);
  });

  it("signs path segments encoded, with the trailing slash", async () => {
    // Accepted, so the handler answers: "a b" is no valid job id.
    const answer = await aksk(sim, { segments: ["v1", sim.projectId, "jobs", "a b"] });
    expect(answer.status).toBe(400);
    expect(answer.body.badrequest.code).toBe(400);
  });

  it("covers the body with its hash", async () => {
    const segments = ["v1", sim.projectId, "server-groups"];
    const body = '{"server_group":{"name":"x"}}';
    // Authenticated, then refused by the router: POST is not an operation here.
    expect((await aksk(sim, { method: "POST", segments, body })).status).toBe(405);
    expectApig(
      await aksk(sim, { method: "POST", segments, body, sentBody: `${body} ` }),
      "APIG.0301",
    );
  });

  it("answers a wrong secret, an unknown key or a changed request with APIG.0301", async () => {
    expectApig(await aksk(sim, { secretKey: "not-the-secret" }), "APIG.0301");
    expectApig(await aksk(sim, { accessKey: "UNKNOWNACCESSKEY0000" }), "APIG.0301");
    expectApig(await aksk(sim, { query: SEARCH, sentQuery: "offset=1" }), "APIG.0301");
    expectApig(
      await aksk(sim, {
        method: "DELETE",
        segments: ["v1", sim.projectId, "task-center", "failure-jobs", "batch"],
        signedHeaderList: "host;x-sdk-date;x-extra",
      }),
      "APIG.0301",
    );
  });

  it("requires host and x-sdk-date signed, lower-case and sorted", async () => {
    expectApig(await aksk(sim, { leaveOut: ["host"] }), "APIG.0301");
    const signed = await aksk(sim, { headers: { "x-extra": "1" } });
    expect(signed.status).toBe(200);
    expectApig(
      await aksk(sim, { headers: { "x-extra": "1" }, signedHeaderList: "x-extra;host;x-sdk-date" }),
      "APIG.0301",
    );
    expectApig(await aksk(sim, { signedHeaderList: "Host;X-Sdk-Date" }), "APIG.0301");
  });

  it("answers a missing, malformed or skewed X-Sdk-Date with APIG.0303", async () => {
    const minute = 60_000;
    expect((await aksk(sim, { dateMs: START - 15 * minute })).status).toBe(200);
    expect((await aksk(sim, { dateMs: START + 14 * minute })).status).toBe(200);
    expectApig(await aksk(sim, { dateMs: START - 15 * minute - 1000 }), "APIG.0303");
    expectApig(await aksk(sim, { dateMs: START + 16 * minute }), "APIG.0303");
    expectApig(await aksk(sim, { rawDate: null }), "APIG.0303");
    expectApig(await aksk(sim, { rawDate: "2026-11-20T12:00:00Z" }), "APIG.0303");
    expectApig(await aksk(sim, { rawDate: "20261320T120000Z" }), "APIG.0303");
    // The clock is the simulator's: move it and yesterday's date becomes current.
    clock = START - 24 * 3600 * 1000;
    expect((await aksk(sim, { dateMs: clock })).status).toBe(200);
    expectApig(await aksk(sim, { dateMs: START }), "APIG.0303");
  });

  it("requires X-Project-Id signed when sent, and the path's project", async () => {
    const projectHeader = { "x-project-id": sim.projectId };
    expectApig(await aksk(sim, { unsignedHeaders: projectHeader }), "APIG.0301");
    const other = await aksk(sim, {
      headers: { "x-project-id": "ffffffffffffffffffffffffffffffff" },
    });
    expect(other.status).toBe(400);
    expect(other.body).toEqual({
      error: { code: "SDRS.0005", message: "No permission for the operation" },
    });
  });

  it("requires X-Security-Token signed when sent, and the configured one if any", async () => {
    const token = { "x-security-token": "temporary-token" };
    expect((await aksk(sim, { headers: token })).status).toBe(200);
    expectApig(await aksk(sim, { unsignedHeaders: token }), "APIG.0301");
    const accessKeys = [{ accessKey: "TEMPKEY", secretKey: "temp-secret", securityToken: "st-1" }];
    await withClockedSimulator({ accessKeys }, async (s) => {
      const key = { accessKey: "TEMPKEY", secretKey: "temp-secret" };
      const good = await aksk(s, { ...key, headers: { "x-security-token": "st-1" } });
      expect(good.status).toBe(200);
      expectApig(await aksk(s, { ...key, headers: { "x-security-token": "st-2" } }), "APIG.0301");
      expectApig(await aksk(s, key), "APIG.0301");
      expectApig(await aksk(s), "APIG.0301"); // the default pair is replaced
    });
  });

  it("judges an SDK-HMAC-SHA256 request by its signature alone, other schemes by the token", async () => {
    const bad = await aksk(sim, { secretKey: "x", headers: { "x-auth-token": sim.token } });
    expectApig(bad, "APIG.0301");
    const res = await fetch(`${sim.url}/v1/${sim.projectId}/server-groups`, {
      headers: { Authorization: "Bearer whatever", "X-Auth-Token": sim.token },
    });
    expect(res.status).toBe(200);
    await res.arrayBuffer();
  });
});
