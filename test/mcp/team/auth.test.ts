/**
 * Team mode as an OAuth resource server, over real HTTP with real signed tokens: every way a
 * token can be wrong gets 401 with the challenge naming the metadata, a missing scope gets 403
 * naming the scope, and nothing of a refused request reaches SDRS.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hasOpenssl, makePrivateCa } from "../../helpers/private-ca.js";
import {
  bearer,
  callTool,
  type Issuer,
  READ,
  rpc,
  startIssuer,
  startTeamHarness,
  type TeamHarness,
  textOfResult,
  WRITE,
} from "../../helpers/team.js";

const PUBLIC_URL = "https://dr.example.com/mcp";
const METADATA = "https://dr.example.com/.well-known/oauth-protected-resource/mcp";
const LIST = "list_failed_sdrs_tasks";

let issuer: Issuer;
let h: TeamHarness;
let w: TeamHarness;

beforeAll(async () => {
  issuer = await startIssuer();
  const env = { SDRS_MCP_OAUTH_ISSUER: issuer.issuer, SDRS_MCP_PUBLIC_URL: PUBLIC_URL };
  h = await startTeamHarness({ env });
  w = await startTeamHarness({ env, allowWrite: true });
});

afterAll(async () => {
  await h?.close();
  await w?.close();
  await issuer?.close();
});

const now = () => Math.floor(Date.now() / 1000);

/** A call with `token`, checked to be refused with 401 before anything went upstream. */
async function expect401(authorization: string | undefined, description: RegExp) {
  const before = h.sim.requestsReceived;
  const answer = await rpc(
    h.url,
    "tools/call",
    { name: LIST, arguments: {} },
    {
      ...(authorization !== undefined && { authorization }),
    },
  );
  expect(answer.status).toBe(401);
  const challenge = answer.headers.get("www-authenticate") ?? "";
  expect(challenge).toMatch(/^Bearer /);
  expect(challenge).toContain(`resource_metadata="${METADATA}"`);
  expect(challenge).toContain(`scope="${READ}"`);
  expect(answer.body).toMatchObject({ error: "invalid_token", resource_metadata: METADATA });
  expect(String(answer.body?.error_description)).toMatch(description);
  expect(h.sim.requestsReceived).toBe(before);
  return challenge;
}

describe("401: a request without a token this server accepts", () => {
  it("no token: a challenge without an error code (RFC 6750 3.1)", async () => {
    const challenge = await expect401(undefined, /no access token/);
    expect(challenge).not.toContain("error=");
  });

  it("a malformed Authorization header", async () => {
    await expect401("Basic dXNlcjpwYXNz", /Bearer <access token>/);
    await expect401("Bearer", /Bearer <access token>/);
    await expect401("Bearer not.a.jwt", /not a well-formed/);
  });

  it("a bad signature", async () => {
    const token = await issuer.mint(PUBLIC_URL, {}, { foreignKey: true });
    const challenge = await expect401(`Bearer ${token}`, /signature does not verify/);
    expect(challenge).toContain('error="invalid_token"');
    expect(challenge).not.toContain(token);
  });

  it("alg none", async () => {
    await expect401(`Bearer ${await issuer.mint(PUBLIC_URL, {}, { algNone: true })}`, /alg none/);
  });

  it("another issuer", async () => {
    const token = await issuer.mint(PUBLIC_URL, { iss: "https://evil.example.com" });
    await expect401(`Bearer ${token}`, /another issuer/);
  });

  it("another audience, as a string or an array", async () => {
    await expect401(
      `Bearer ${await issuer.mint("https://other.example.com/mcp")}`,
      /not for this server/,
    );
    const list = await issuer.mint("", { aud: ["https://a.example.com", "https://b.example.com"] });
    await expect401(`Bearer ${list}`, /not for this server/);
  });

  it("expired beyond the 60 s of clock skew, not yet valid beyond it", async () => {
    await expect401(`Bearer ${await issuer.mint(PUBLIC_URL, { exp: now() - 61 })}`, /expired/);
    await expect401(
      `Bearer ${await issuer.mint(PUBLIC_URL, { nbf: now() + 120 })}`,
      /not valid yet/,
    );
  });

  it("no expiry or no subject", async () => {
    await expect401(`Bearer ${await issuer.mint(PUBLIC_URL, { exp: undefined })}`, /no expiry/);
    await expect401(`Bearer ${await issuer.mint(PUBLIC_URL, { sub: undefined })}`, /no subject/);
  });
});

describe("accepted tokens", () => {
  it("within the clock skew, with the audience in an array", async () => {
    const token = await issuer.mint("", {
      aud: ["https://other.example.com", PUBLIC_URL],
      exp: now() - 30,
      nbf: now() + 30,
    });
    const call = await callTool(h.url, LIST, { limit: 1 }, bearer(token));
    expect(call.status).toBe(200);
    expect(call.result?.isError).toBeFalsy();
  });

  it("scopes from scp as an array or a string", async () => {
    for (const scp of [[READ], READ]) {
      const token = await issuer.mint(PUBLIC_URL, { scope: undefined, scp });
      expect((await callTool(h.url, LIST, { limit: 1 }, bearer(token))).status).toBe(200);
    }
  });

  it("never sends the token upstream", async () => {
    const token = await issuer.mint(PUBLIC_URL);
    h.sim.requests.length = 0;
    await callTool(h.url, LIST, { limit: 1 }, bearer(token));
    expect(h.sim.requests.length).toBeGreaterThan(0);
    expect(JSON.stringify(h.sim.requests.map((r) => r.headers))).not.toContain(token);
    expect(JSON.stringify(h.sim.requests.map((r) => r.headers))).not.toContain(token.split(".")[2]);
  });
});

describe("403: a token without the scope a request needs", () => {
  async function expect403(harness: TeamHarness, token: string, scope: string, call = LIST) {
    const before = harness.sim.requestsReceived;
    const answer = await callTool(harness.url, call, {}, bearer(token));
    expect(answer.status).toBe(403);
    const challenge = answer.headers.get("www-authenticate") ?? "";
    expect(challenge).toContain('error="insufficient_scope"');
    expect(challenge).toContain(`scope="${scope}"`);
    expect(challenge).toContain(`resource_metadata="${METADATA}"`);
    expect(answer.body).toMatchObject({ error: "insufficient_scope", scope });
    expect(harness.sim.requestsReceived).toBe(before);
  }

  it("a read tool without sdrs:read", async () => {
    await expect403(h, await issuer.mint(PUBLIC_URL, { scope: "openid" }), READ);
  });

  it("resources/read, prompts and completions without sdrs:read; listing needs no scope", async () => {
    const token = await issuer.mint(PUBLIC_URL, { scope: "" });
    const headers = bearer(token);
    const reads = [
      ["resources/read", { uri: `sdrs://projects/${h.sim.projectId}/failure-jobs` }],
      ["prompts/get", { name: "triage_sdrs_failures" }],
      ["prompts/list", {}],
      [
        "completion/complete",
        {
          ref: { type: "ref/prompt", name: "triage_sdrs_failures" },
          argument: { name: "group", value: "" },
        },
      ],
    ] as const;
    for (const [method, params] of reads) {
      const answer = await rpc(h.url, method, params, headers);
      expect(answer.status, method).toBe(403);
      expect(answer.headers.get("www-authenticate")).toContain(`scope="${READ}"`);
    }
    for (const method of ["tools/list", "resources/list", "resources/templates/list", "ping"]) {
      expect((await rpc(h.url, method, {}, headers)).status, method).toBe(200);
    }
  });

  it("a delete without sdrs:write names both scopes, so a step-up keeps read access", async () => {
    const token = await issuer.mint(PUBLIC_URL, { scope: READ });
    await expect403(w, token, `${READ} ${WRITE}`, "delete_all_failed_sdrs_tasks");
    const denied = w.audits.at(-1);
    expect(denied).toMatchObject({
      subject: "alice",
      client: "claude-connector",
      tool: "delete_all_failed_sdrs_tasks",
      project_id: w.sim.projectId,
      outcome: "denied",
      upstream_status: null,
    });
  });

  it("a delete with sdrs:write on a server without SDRS_MCP_ALLOW_WRITE: not offered, audited as denied", async () => {
    const token = await issuer.mint(PUBLIC_URL, { scope: `${READ} ${WRITE}` });
    const before = h.sim.requestsReceived;
    const call = await callTool(h.url, "delete_all_failed_sdrs_tasks", {}, bearer(token));
    expect(call.status).toBe(200);
    expect(call.result?.isError).toBe(true);
    expect(textOfResult(call.result)).toMatch(/not offered by this server: deletes are turned off/);
    expect(h.sim.requestsReceived).toBe(before);
    expect(h.audits.at(-1)).toMatchObject({
      tool: "delete_all_failed_sdrs_tasks",
      outcome: "denied",
    });
  });
});

describe("RFC 9728 metadata", () => {
  it("is served at the root and path-suffixed well-known URLs without a token", async () => {
    const base = h.url.replace(/\/mcp$/, "");
    for (const path of [
      "/.well-known/oauth-protected-resource",
      "/.well-known/oauth-protected-resource/mcp",
    ]) {
      const response = await fetch(`${base}${path}`);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({
        resource: PUBLIC_URL,
        authorization_servers: [issuer.issuer],
        scopes_supported: [READ, WRITE],
        bearer_methods_supported: ["header"],
        resource_name: expect.stringContaining("sdrs-mcp"),
      });
    }
  });
});

describe("discovery of the issuer's keys", () => {
  for (const form of ["oauth", "oidc", "oidc-appended"] as const) {
    it(`finds the JWKS for an issuer with a path through ${form} metadata alone`, async () => {
      const pathIssuer = await startIssuer({ path: "/realms/team", forms: [form] });
      const env = { SDRS_MCP_OAUTH_ISSUER: pathIssuer.issuer, SDRS_MCP_PUBLIC_URL: PUBLIC_URL };
      const harness = await startTeamHarness({ env, sim: h.sim });
      try {
        const token = await pathIssuer.mint(PUBLIC_URL);
        const call = await callTool(harness.url, LIST, { limit: 1 }, bearer(token));
        expect(call.status).toBe(200);
        expect(pathIssuer.requests).toContain("/realms/team/jwks");
      } finally {
        await harness.close();
        await pathIssuer.close();
      }
    });
  }

  it.skipIf(!hasOpenssl())(
    "reads the issuer's metadata and keys trusting OS_CACERT's certificates, and says when it cannot",
    async () => {
      const ca = makePrivateCa();
      const inspected = await startIssuer({ tls: { key: ca.serverKey, cert: ca.serverCert } });
      const env = { SDRS_MCP_OAUTH_ISSUER: inspected.issuer, SDRS_MCP_PUBLIC_URL: PUBLIC_URL };
      const trusting = await startTeamHarness({ env, sim: h.sim, extraCa: [ca.caPem] });
      const untrusting = await startTeamHarness({ env, sim: h.sim });
      try {
        const token = await inspected.mint(PUBLIC_URL);
        expect((await callTool(trusting.url, LIST, { limit: 1 }, bearer(token))).status).toBe(200);
        const ready = await fetch(untrusting.url.replace(/\/mcp$/, "/readyz"));
        expect(ready.status).toBe(503);
        expect(JSON.stringify(await ready.json())).toMatch(/certificate/i);
        expect((await callTool(untrusting.url, LIST, {}, bearer(token))).status).toBe(503);
      } finally {
        await trusting.close();
        await untrusting.close();
        await inspected.close();
        ca.remove();
      }
    },
  );

  it("answers 503 and reports unready while the issuer's metadata cannot be read", async () => {
    const gone = await startIssuer({ forms: [] });
    const env = { SDRS_MCP_OAUTH_ISSUER: gone.issuer, SDRS_MCP_PUBLIC_URL: PUBLIC_URL };
    const harness = await startTeamHarness({ env, sim: h.sim });
    try {
      const ready = await fetch(harness.url.replace(/\/mcp$/, "/readyz"));
      expect(ready.status).toBe(503);
      const body = (await ready.json()) as { problems: string[] };
      expect(body.problems.join(" ")).toMatch(/OAuth: no usable metadata for the issuer/);
      const call = await callTool(harness.url, LIST, {}, bearer(await gone.mint(PUBLIC_URL)));
      expect(call.status).toBe(503);
    } finally {
      await harness.close();
      await gone.close();
    }
  });
});
