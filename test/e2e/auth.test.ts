/**
 * Every authentication mode end to end: the built server over stdio against the simulator's
 * IAM and API-gateway checks, with the credentials' values watched in every output.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/simulator/index.js";
import {
  BUNDLE,
  callTool,
  ENTRY,
  expectOnlyJsonRpc,
  initialize,
  type Session,
  startServer,
  stop,
} from "../helpers/stdio.js";

const PASSWORD = "Pa55-word-that-must-not-leak";
const SECRET_KEY = "secret-key-that-must-not-leak-0123";
const ACCESS_KEY = "AKTESTLEAKCHECK0001";

let sim: Simulator;
let session: Session | undefined;
/** Temporary folders (homes with clouds.yaml and secure.yaml, workspaces), removed at the end. */
const made: string[] = [];
const tempDir = (prefix: string) => {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});
const home = tempDir("sdrs-mcp-home-");

async function simulator(options: Parameters<typeof startSimulator>[0] = {}) {
  sim = await startSimulator({
    users: [{ name: "alice", password: PASSWORD, domainName: "OTC-EU-DE-00000000001000000001" }],
    accessKeys: [{ accessKey: ACCESS_KEY, secretKey: SECRET_KEY }],
    ...options,
  });
  return sim;
}

async function serve(env: Record<string, string>, cwd?: string, entry?: string) {
  session = startServer([], { HOME: home, SDRS_MCP_LOG_LEVEL: "debug", ...env }, cwd, entry);
  await initialize(session);
  return session;
}

/** No credential value, issued token or signature in stdout, stderr or any result. */
function expectNoSecrets(s: Session) {
  const issued = /MIIsim\d+-[0-9a-f]+/;
  const signatures = sim.requests
    .map((r) => /Signature=([0-9a-f]{64})/.exec(String(r.headers.authorization ?? ""))?.[1])
    .filter((x): x is string => !!x);
  for (const output of [s.stdout(), s.stderr()]) {
    expect(output).not.toContain(PASSWORD);
    expect(output).not.toContain(SECRET_KEY);
    expect(output).not.toMatch(issued);
    for (const signature of signatures) expect(output).not.toContain(signature);
  }
}

afterEach(async () => {
  if (session) await stop(session);
  session = undefined;
  await sim?.close();
});

const iamRequests = () => sim.requests.filter((r) => r.path === "/v3/auth/tokens").length;

describe("password authentication via IAM", () => {
  it("finds SDRS in the catalog, the project by name, and shares one token across calls", async () => {
    await simulator();
    const s = await serve({
      OS_USERNAME: "alice",
      OS_PASSWORD: PASSWORD,
      OS_USER_DOMAIN_NAME: "OTC-EU-DE-00000000001000000001",
      OS_PROJECT_NAME: sim.projectName,
      OS_AUTH_URL: sim.iamUrl,
    });
    const results = await Promise.all(
      Array.from({ length: 10 }, () => callTool(s, "list_failed_sdrs_tasks", { limit: 2 })),
    );
    for (const r of results) expect(r.isError).toBeFalsy();
    expect(results[0]?.structuredContent?.project_id).toBe(sim.projectId);
    expect(iamRequests()).toBe(1);
    expect(sim.issuedTokens).toBe(1);

    sim.revokeTokens();
    const after = await callTool(s, "list_failed_sdrs_tasks", { limit: 2 });
    expect(after.isError).toBeFalsy();
    expect(sim.issuedTokens).toBe(2);
    const sdrs401 = sim.requests.filter((r) => r.path.startsWith("/v1/")).length;
    expect(sdrs401).toBe(12); // ten calls, the refused one, and its single retry
    await stop(s);
    expectOnlyJsonRpc(s.stdout());
    expectNoSecrets(s);
  });

  it("renews a token a few minutes before it expires", async () => {
    await simulator({ tokenTtlMs: 2_000 });
    const s = await serve({
      OS_USERNAME: "alice",
      OS_PASSWORD: PASSWORD,
      OS_USER_DOMAIN_NAME: "OTC-EU-DE-00000000001000000001",
      OS_PROJECT_ID: sim.projectId,
      OS_AUTH_URL: sim.iamUrl,
    });
    // A token shorter-lived than the renewal margin is renewed half-way through its life.
    const first = await callTool(s, "list_failed_sdrs_tasks", { limit: 1 });
    await new Promise((r) => setTimeout(r, 1_200));
    const second = await callTool(s, "list_failed_sdrs_tasks", { limit: 1 });
    expect([first.isError, second.isError], JSON.stringify(second.content)).toEqual([
      undefined,
      undefined,
    ]);
    expect(sim.issuedTokens).toBe(2);
  });

  it("says which variables to check when IAM refuses, never the password", async () => {
    await simulator();
    const s = await serve({
      OS_USERNAME: "alice",
      OS_PASSWORD: "wrong-password-value",
      OS_USER_DOMAIN_NAME: "OTC-EU-DE-00000000001000000001",
      OS_PROJECT_ID: sim.projectId,
      OS_AUTH_URL: sim.iamUrl,
    });
    const result = await callTool(s, "list_failed_sdrs_tasks");
    expect(result.isError).toBe(true);
    const refusal = result.content[0]?.text;
    expect(refusal).toMatch(
      /^IAM answered HTTP 401: "The username or password is wrong"\. Check OS_USERNAME \(setting "IAM user name"\), OS_PASSWORD \(setting "IAM password"\) and OS_USER_DOMAIN_NAME \(setting "User domain \(tenant\) name"\)\. sdrs-mcp will not send this password again/,
    );
    // IAM locks accounts after repeated failures: the password is never sent again.
    const again = await Promise.all([
      callTool(s, "list_failed_sdrs_tasks"),
      callTool(s, "summarize_sdrs_failures"),
    ]);
    for (const r of again) expect(r.content[0]?.text).toBe(refusal);
    expect(iamRequests()).toBe(1);
    await stop(s);
    expect(s.stdout() + s.stderr()).not.toContain("wrong-password-value");
  });
});

describe("AK/SK signing", () => {
  it("signs every request the gateway accepts", async () => {
    await simulator();
    const s = await serve({
      OS_ACCESS_KEY: ACCESS_KEY,
      OS_SECRET_KEY: SECRET_KEY,
      OS_PROJECT_ID: sim.projectId,
      SDRS_ENDPOINT: sim.url,
    });
    const result = await callTool(s, "list_failed_sdrs_tasks", {
      resource_name: "prod db ä/?",
      limit: 3,
    });
    expect(result.isError).toBeFalsy();
    const signed = await callTool(s, "list_sdrs_protection_groups");
    expect(signed.isError).toBeFalsy();
    const last = sim.requests.at(-1);
    expect(String(last?.headers.authorization)).toMatch(
      /^SDK-HMAC-SHA256 Access=AKTESTLEAKCHECK0001, SignedHeaders=host;x-project-id;x-sdk-date, Signature=/,
    );
    expect(last?.headers["x-project-id"]).toBe(sim.projectId);
    await stop(s);
    expectOnlyJsonRpc(s.stdout());
    expectNoSecrets(s);
  });

  it("tells the user to check the clock when the gateway sees a skewed time", async () => {
    await simulator({ now: () => Date.now() + 60 * 60_000 });
    const s = await serve({
      OS_ACCESS_KEY: ACCESS_KEY,
      OS_SECRET_KEY: SECRET_KEY,
      OS_PROJECT_ID: sim.projectId,
      SDRS_ENDPOINT: sim.url,
    });
    const result = await callTool(s, "list_failed_sdrs_tasks");
    expect(result.isError).toBe(true);
    expect(result.content[0]?.text).toMatch(/^HTTP 401 APIG\.0303: /);
    expect(result.content[0]?.text).toMatch(/check that the system clock is correct/);
  });

  it("reports a wrong secret key as an authentication failure", async () => {
    await simulator();
    const s = await serve({
      OS_ACCESS_KEY: ACCESS_KEY,
      OS_SECRET_KEY: "not-the-right-secret-key",
      OS_PROJECT_ID: sim.projectId,
      SDRS_ENDPOINT: sim.url,
    });
    const result = await callTool(s, "list_failed_sdrs_tasks");
    expect(result.content[0]?.text).toMatch(
      /^HTTP 401 APIG\.0301: .*SDRS did not accept the access key pair: check OS_ACCESS_KEY \(setting "Access key \(AK\)"\) and OS_SECRET_KEY/,
    );
  });
});

describe("clouds.yaml", () => {
  /** A home with ~/.config/openstack/ holding these files. */
  function homeWith(files: Record<string, string>): string {
    const dir = tempDir("sdrs-mcp-home-");
    const folder = join(dir, ".config", "openstack");
    mkdirSync(folder, { recursive: true });
    for (const [name, text] of Object.entries(files)) writeFileSync(join(folder, name), text);
    return dir;
  }

  // Both builds: the bundle loads the YAML parser from a lazily imported chunk.
  it.each([
    ["tsc output", ENTRY],
    ["bundle", BUNDLE],
  ])(
    "takes the cloud named by OS_CLOUD from ~/.config/openstack, never the working directory (%s)",
    async (_build, entry) => {
      await simulator();
      const cloud = (authUrl: string) =>
        `clouds:\n  otc:\n    region_name: eu-de\n    auth:\n      auth_url: ${authUrl}\n      username: alice\n      project_name: ${sim.projectName}\n      user_domain_name: OTC-EU-DE-00000000001000000001\n`;
      const HOME = homeWith({
        "clouds.yaml": cloud(sim.iamUrl),
        "secure.yaml": `clouds:\n  otc:\n    auth:\n      password: ${PASSWORD}\n`,
      });
      // A workspace's clouds.yaml pointing elsewhere is not looked at.
      const workspace = tempDir("sdrs-mcp-workspace-");
      writeFileSync(join(workspace, "clouds.yaml"), cloud("http://127.0.0.1:9/v3"));
      const s = await serve({ OS_CLOUD: "otc", HOME }, workspace, entry);
      const result = await callTool(s, "list_failed_sdrs_tasks", { limit: 1 });
      expect(result.isError).toBeFalsy();
      expect(sim.issuedTokens).toBe(1);
      await stop(s);
      expectNoSecrets(s);
    },
  );

  it("prefers a token over the file's password (token, then AK/SK, then password)", async () => {
    await simulator();
    const HOME = homeWith({
      "clouds.yaml": `clouds:\n  otc:\n    auth:\n      auth_url: ${sim.iamUrl}\n      username: alice\n      password: ${PASSWORD}\n      user_domain_name: x\n      project_id: ${sim.projectId}\n      ak: ${ACCESS_KEY}\n      sk: ${SECRET_KEY}\n`,
    });
    const s = await serve({
      OS_CLOUD: "otc",
      OS_AUTH_TOKEN: sim.token,
      SDRS_ENDPOINT: sim.url,
      HOME,
    });
    expect((await callTool(s, "list_failed_sdrs_tasks", { limit: 1 })).isError).toBeFalsy();
    expect(sim.requests.at(-1)?.headers["x-auth-token"]).toBe(sim.token);
    expect(sim.requests.at(-1)?.headers.authorization).toBeUndefined();
    expect(sim.issuedTokens).toBe(0);
  });
});
