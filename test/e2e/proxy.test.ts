/**
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY: IAM and SDRS requests go through a CONNECT proxy written
 * here on 127.0.0.1, which alone knows where the made-up hosts `sdrs.test` and `iam.test` are,
 * so an answer proves the proxy carried the request. Proxy credentials never reach an output.
 */
import { readdirSync, readFileSync } from "node:fs";
import { createServer } from "node:http";
import { type AddressInfo, createServer as createNetServer, type Socket } from "node:net";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { IamTokenSource, iamAuthenticator } from "../../src/auth/iam.js";
import { tokenAuthenticator } from "../../src/auth/types.js";
import { readProxySettings } from "../../src/config/proxy-settings.js";
import { type ProxySettings, proxyFor, proxySecrets } from "../../src/http/proxy.js";
import { ProxyRefusals } from "../../src/http/transport.js";
import { type DispatcherSource, lazyAgent } from "../../src/http/undici.js";
import { createSdrsClient } from "../../src/sdrs/client.js";
import { SdrsError } from "../../src/sdrs/errors.js";
import { type Simulator, startSimulator } from "../../src/simulator/index.js";
import { scrubText } from "../../src/text/secrets.js";
import { startProxy, type TestProxy } from "../helpers/connect-proxy.js";
import {
  callTool,
  expectOnlyJsonRpc,
  initialize,
  type Session,
  startServer,
  stop,
} from "../helpers/stdio.js";

const PROXY_PASSWORD = "pr0xy-pa55word-must-not-leak";

let sim: Simulator;
let proxy: TestProxy;

beforeAll(async () => {
  sim = await startSimulator({ groups: 2 });
  proxy = await startProxy(sim.port);
});
afterAll(async () => {
  await proxy.close();
  await sim.close();
});
beforeEach(() => {
  proxy.connects.length = 0;
  proxy.authorizations.length = 0;
});

async function clientVia(settings: ProxySettings | undefined, endpoint: string) {
  const dispatcher = lazyAgent({ keepAliveTimeout: 1000, connect: { timeout: 2000 } }, settings);
  const client = createSdrsClient({
    dispatcher,
    endpoint: async () => endpoint,
    auth: tokenAuthenticator(sim.token),
    timeoutMs: 2000,
    userAgent: "sdrs-mcp/test",
    retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1, random: () => 0 },
    ...(settings && { proxy: settings }),
  });
  return { client, close: () => dispatcher.close() };
}

/** A password sign-in (user u, password p) at `authUrl` through `settings`. */
function signIn(
  dispatcher: DispatcherSource,
  authUrl: string,
  settings: ProxySettings,
  retries: number,
  proxyRefusals?: ProxyRefusals,
) {
  return new IamTokenSource({
    dispatcher,
    ...(proxyRefusals && { proxyRefusals }),
    authUrl,
    credentials: { username: "u", password: "p", userDomainName: "d" },
    projectId: sim.projectId,
    region: "eu-de",
    timeoutMs: 2000,
    userAgent: "sdrs-mcp/test",
    proxy: settings,
    retry: { retries, baseDelayMs: 1, maxDelayMs: 1, random: () => 0 },
  });
}

describe("SDRS through a proxy", () => {
  it("sends the request through the proxy with a CONNECT for the SDRS host", async () => {
    const { client, close } = await clientVia({ httpProxy: proxy.url }, "http://sdrs.test:8080");
    const { data } = await client.listFailureJobs(sim.projectId, { limit: 2 });
    await close();
    expect(data.failure_jobs.length).toBeGreaterThan(0);
    expect(proxy.connects).toEqual(["sdrs.test:8080"]);
  });

  it("goes direct for a host NO_PROXY names", async () => {
    const settings = { httpProxy: proxy.url, noProxy: "example.org, localhost" };
    const { client, close } = await clientVia(settings, `http://localhost:${sim.port}`);
    await client.listFailureJobs(sim.projectId, { limit: 1 });
    await close();
    expect(proxy.connects).toEqual([]);

    const through = await clientVia({ httpProxy: proxy.url }, `http://localhost:${sim.port}`);
    await through.client.listFailureJobs(sim.projectId, { limit: 1 });
    await through.close();
    expect(proxy.connects).toEqual([`localhost:${sim.port}`]);
  });

  it("authenticates to the proxy, and keeps its credentials out of every error", async () => {
    const settings = { httpProxy: `http://alice:${PROXY_PASSWORD}@127.0.0.1:${proxy.port}` };
    const ok = await clientVia(settings, "http://sdrs.test:8080");
    await ok.client.listFailureJobs(sim.projectId, { limit: 1 });
    await ok.close();
    const basic = Buffer.from(`alice:${PROXY_PASSWORD}`).toString("base64");
    expect(proxy.authorizations).toEqual([`Basic ${basic}`]);

    // The proxy refuses this host: a network error naming the proxy, without its credentials.
    const refused = await clientVia(settings, "http://sdrs.elsewhere:8080");
    const error = await refused.client.listFailureJobs(sim.projectId, {}).catch((e) => e);
    await refused.close();
    expect(error).toBeInstanceOf(SdrsError);
    expect(error).toMatchObject({ kind: "network", proxy: `127.0.0.1:${proxy.port}` });
    const text = JSON.stringify({ message: error.message, ...error });
    expect(text).toContain(`via proxy 127.0.0.1:${proxy.port}`);
    expect(text).not.toContain(PROXY_PASSWORD);
    expect(text).not.toContain(basic);
    expect(text).not.toContain("alice");
  });

  it("keeps the request deadline through a proxy that never answers", async () => {
    const silent = createNetServer(() => {});
    await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
    const port = (silent.address() as AddressInfo).port;
    const dispatcher = lazyAgent(
      { keepAliveTimeout: 1000 },
      { httpProxy: `http://127.0.0.1:${port}` },
    );
    const client = createSdrsClient({
      dispatcher,
      endpoint: async () => "http://sdrs.test:8080",
      auth: tokenAuthenticator(sim.token),
      timeoutMs: 200,
      userAgent: "sdrs-mcp/test",
      retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1, random: () => 0 },
      proxy: { httpProxy: `http://127.0.0.1:${port}` },
    });
    const error = await client.listFailureJobs(sim.projectId, {}).catch((e) => e);
    await (await dispatcher()).destroy();
    silent.close();
    expect(error).toMatchObject({
      kind: "timeout",
      upstreamMessage: "no complete answer within 200 ms",
      proxy: `127.0.0.1:${port}`,
    });
  });

  it("names no proxy when none is in use", async () => {
    const { client, close } = await clientVia(undefined, "http://127.0.0.1:1");
    const error = await client.listFailureJobs(sim.projectId, {}).catch((e) => e);
    await close();
    expect(error).toMatchObject({ kind: "network", proxy: undefined });
    expect(error.message).not.toMatch(/proxy/i);
  });
});

describe("IAM through a proxy", () => {
  it("asks IAM for the token through the proxy too", async () => {
    const dispatcher = lazyAgent({ keepAliveTimeout: 1000 }, { httpProxy: proxy.url });
    const source = new IamTokenSource({
      dispatcher,
      authUrl: "http://iam.test/v3",
      credentials: {
        username: "demo-user",
        password: "demo-password",
        userDomainName: "OTC-EU-DE-DEMO",
      },
      projectId: sim.projectId,
      region: "eu-de",
      timeoutMs: 2000,
      userAgent: "sdrs-mcp/test",
      proxy: { httpProxy: proxy.url },
    });
    const headers = await iamAuthenticator(source).authorize({
      method: "GET",
      url: new URL("http://x/"),
      headers: {},
      body: "",
    });
    expect(headers["x-auth-token"]).toMatch(/^MII/);
    expect(proxy.connects).toEqual(["iam.test:80"]);

    // IAM unreachable through the proxy: the error says so and names the proxy.
    const lost = signIn(dispatcher, "http://iam.unknown/v3", { httpProxy: proxy.url }, 0);
    await expect(lost.get()).rejects.toThrow(
      new RegExp(`Could not reach IAM .* through the proxy 127\\.0\\.0\\.1:${proxy.port}\\)`),
    );
    await dispatcher.close();
  });
});

describe("a proxy that refuses its credentials (407)", () => {
  it("is asked once, ever: no retry, no later call, no IAM request tries them again", async () => {
    let connects = 0;
    const sockets = new Set<Socket>();
    const refusing = createServer((_req, res) => res.writeHead(405).end());
    refusing.on("connect", (_req, client: Socket) => {
      connects++;
      sockets.add(client);
      client.end(
        'HTTP/1.1 407 Proxy Authentication Required\r\nProxy-Authenticate: Basic realm="corp"\r\nContent-Length: 0\r\n\r\n',
      );
    });
    await new Promise<void>((r) => refusing.listen(0, "127.0.0.1", r));
    const port = (refusing.address() as AddressInfo).port;
    const settings = { httpProxy: `http://alice:${PROXY_PASSWORD}@127.0.0.1:${port}` };
    const dispatcher = lazyAgent({ keepAliveTimeout: 1000, connect: { timeout: 2000 } }, settings);
    const retry = { retries: 2, baseDelayMs: 1, maxDelayMs: 1, random: () => 0 };
    // One memory of refusals for IAM and SDRS, as createApp gives them.
    const proxyRefusals = new ProxyRefusals();
    const client = createSdrsClient({
      dispatcher,
      proxyRefusals,
      endpoint: async () => "http://sdrs.test:8080",
      auth: tokenAuthenticator(sim.token),
      timeoutMs: 2000,
      userAgent: "sdrs-mcp/test",
      retry,
      proxy: settings,
    });
    const source = signIn(dispatcher, "http://iam.test/v3", settings, retry.retries, proxyRefusals);
    const first = await client.listFailureJobs(sim.projectId, {}).catch((e) => e);
    const later = await client.listServerGroups(sim.projectId, {}).catch((e) => e);
    const iam = await source.get().catch((e) => e);
    await dispatcher.close();
    for (const s of sockets) s.destroy();
    await new Promise((r) => refusing.close(r));

    expect(connects).toBe(1);
    expect(first).toBeInstanceOf(SdrsError);
    expect(first.message).toMatch(/proxy refused .*407.*user and password in HTTPS_PROXY/);
    expect(later.upstreamMessage).toBe(first.upstreamMessage);
    expect(iam.message).toContain(first.upstreamMessage);
    const basic = Buffer.from(`alice:${PROXY_PASSWORD}`).toString("base64");
    for (const text of [first.message, later.message, iam.message]) {
      expect(text).not.toContain(PROXY_PASSWORD);
      expect(text).not.toContain(basic);
      expect(text).not.toContain("alice");
    }
  });
});

describe("the built server behind a proxy (stdio)", () => {
  let session: Session | undefined;
  afterEach(async () => {
    if (session) await stop(session);
    session = undefined;
  });

  const serve = async (env: Record<string, string>) => {
    session = startServer([], {
      OS_AUTH_TOKEN: sim.token,
      OS_PROJECT_ID: sim.projectId,
      SDRS_ENDPOINT: `http://localhost:${sim.port}`,
      SDRS_MCP_LOG_LEVEL: "debug",
      SDRS_MCP_RETRIES: "0",
      ...env,
    });
    await initialize(session);
    return session;
  };

  it("reads HTTP_PROXY with credentials, goes through it, and never shows the credentials", async () => {
    const s = await serve({ http_proxy: `http://alice:${PROXY_PASSWORD}@127.0.0.1:${proxy.port}` });
    expect((await callTool(s, "list_failed_sdrs_tasks", { limit: 1 })).isError).toBeFalsy();
    expect(proxy.connects).toEqual([`localhost:${sim.port}`]);
    await stop(s);
    expectOnlyJsonRpc(s.stdout());
    const basic = Buffer.from(`alice:${PROXY_PASSWORD}`).toString("base64");
    for (const output of [s.stdout(), s.stderr()]) {
      expect(output).not.toContain(PROXY_PASSWORD);
      expect(output).not.toContain(basic);
    }
  });

  it("goes direct for NO_PROXY hosts", async () => {
    const s = await serve({ HTTP_PROXY: proxy.url, NO_PROXY: "localhost" });
    expect((await callTool(s, "list_failed_sdrs_tasks", { limit: 1 })).isError).toBeFalsy();
    expect(proxy.connects).toEqual([]);
  });

  it("says which proxy could not carry the request", async () => {
    const s = await serve({
      HTTP_PROXY: `http://bob:${PROXY_PASSWORD}@127.0.0.1:${proxy.port}`,
      SDRS_ENDPOINT: "http://127.0.0.1:9",
    });
    const result = await callTool(s, "list_failed_sdrs_tasks", { limit: 1 });
    expect(result.isError).toBe(true);
    const text = result.content[0]?.text ?? "";
    expect(text).toContain(`through the proxy 127.0.0.1:${proxy.port}`);
    expect(text).not.toContain(PROXY_PASSWORD);
    expect(text).not.toContain("bob");
  });
});

describe("reading the proxy variables", () => {
  it("prefers lower case as curl does, treats empty as unset, and reports malformed values", () => {
    expect(
      readProxySettings({
        https_proxy: "http://lower:3128",
        HTTPS_PROXY: "http://upper:3128",
        HTTP_PROXY: "",
        NO_PROXY: ".internal,localhost",
      }),
    ).toEqual({
      settings: { httpsProxy: "http://lower:3128", noProxy: ".internal,localhost" },
      problems: [],
    });
    expect(readProxySettings({ HTTPS_PROXY: "ftp://proxy:3128" }).problems).toEqual([
      `HTTPS_PROXY (setting "HTTPS proxy") must be a URL like http://proxy.example.com:3128 (optionally with user:password@)`,
    ]);
  });

  it("reads a proxy without a scheme as http://, as curl and the OpenStack tools do", () => {
    expect(readProxySettings({ HTTPS_PROXY: "proxy.corp:3128", http_proxy: "u:p@web:80" })).toEqual(
      {
        settings: { httpsProxy: "http://proxy.corp:3128", httpProxy: "http://u:p@web:80" },
        problems: [],
      },
    );
    expect(proxyFor({ httpsProxy: "http://proxy.corp:3128" }, new URL("https://x"))).toBe(
      "proxy.corp:3128",
    );
  });

  it("names the proxy a URL goes through, as undici chooses it", () => {
    const settings = {
      httpProxy: "http://u:p@web:8080",
      httpsProxy: "http://secure",
      noProxy: "*.corp,db:5432",
    };
    expect(proxyFor(settings, new URL("https://sdrs.eu-de.otc.t-systems.com"))).toBe("secure:80");
    expect(proxyFor(settings, new URL("http://127.0.0.1:9"))).toBe("web:8080");
    expect(proxyFor(settings, new URL("https://a.corp"))).toBeUndefined();
    expect(proxyFor(settings, new URL("https://corp"))).toBeUndefined();
    expect(proxyFor(settings, new URL("http://db:5432"))).toBeUndefined();
    expect(proxyFor(settings, new URL("http://db:5433"))).toBe("web:8080");
    expect(proxyFor({ httpProxy: "http://web:1" }, new URL("https://x"))).toBe("web:1");
    expect(proxyFor({ httpProxy: "http://web:1", noProxy: "*" }, new URL("https://x"))).toBe(
      undefined,
    );
  });

  it("lists the credentials in every form they could be echoed in, for the scrubber", () => {
    const secrets = proxySecrets({ httpsProxy: "http://bob:p%40ss-word-1@proxy:3128" });
    const basic = Buffer.from("bob:p@ss-word-1").toString("base64");
    expect(secrets).toEqual(expect.arrayContaining(["p%40ss-word-1", "p@ss-word-1", basic]));
    expect(scrubText(`auth ${basic} pw p@ss-word-1`, secrets)).toBe(
      "auth [redacted] pw [redacted]",
    );
  });
});

describe("start-up stays light", () => {
  it("imports undici only lazily: every static import of it in src/ is type-only", () => {
    const files = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
        e.isDirectory()
          ? files(join(dir, e.name))
          : e.name.endsWith(".ts")
            ? [join(dir, e.name)]
            : [],
      );
    const offenders = files("src").filter((file) =>
      /^import\s+(?!type\b)[^;]*from\s+["']undici["']/m.test(readFileSync(file, "utf8")),
    );
    expect(offenders).toEqual([]);
  });
});
