/**
 * Corporate TLS inspection, as a user behind it meets it: SDRS and IAM (the simulator) served
 * over HTTPS with a certificate of a private CA made for this run. The built server works when
 * OS_CACERT, clouds.yaml `cacert` or NODE_EXTRA_CA_CERTS names that CA, directly and through a
 * CONNECT proxy; without it, a call fails once with an error that names the certificate (host,
 * issuer, what to set) and never blames the proxy, after exactly one TLS connection.
 */
import { writeFileSync } from "node:fs";
import { request } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type Simulator, startSimulator } from "../../src/simulator/index.js";
import { startProxy, type TestProxy } from "../helpers/connect-proxy.js";
import { hasOpenssl, makePrivateCa, type PrivateCa } from "../helpers/private-ca.js";
import { callTool, initialize, type Session, startServer, stop } from "../helpers/stdio.js";

interface Endpoint {
  port: number;
  /** TCP connections accepted since the last reset: one per TLS attempt. */
  connections: number;
  close(): Promise<void>;
}

/** HTTPS in front of the simulator: every request forwarded to it as it came. */
async function tlsFront(ca: PrivateCa, sim: Simulator): Promise<Endpoint> {
  const sockets = new Set<Socket>();
  const server = createHttpsServer({ key: ca.serverKey, cert: ca.serverCert }, (req, res) => {
    const upstream = request(
      {
        host: "127.0.0.1",
        port: sim.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  const endpoint: Endpoint = {
    port: 0,
    connections: 0,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise((r) => server.close(r));
    },
  };
  server.on("connection", (socket: Socket) => {
    endpoint.connections++;
    sockets.add(socket);
  });
  // A client that refuses the certificate aborts the handshake; nothing to report here.
  server.on("tlsClientError", () => {});
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  endpoint.port = (server.address() as AddressInfo).port;
  return endpoint;
}

const openssl = hasOpenssl();
let ca: PrivateCa;
let sim: Simulator;
let front: Endpoint;
let session: Session | undefined;

beforeAll(async () => {
  if (!openssl) return;
  ca = makePrivateCa();
  sim = await startSimulator({ groups: 1 });
  front = await tlsFront(ca, sim);
});
afterAll(async () => {
  if (!openssl) return;
  await front.close();
  await sim.close();
  ca.remove();
});
beforeEach(({ skip }) => {
  if (!openssl) {
    console.warn("skipped: the openssl command (to make a private CA) is not installed");
    skip();
  }
});
afterEach(async () => {
  if (session) await stop(session);
  session = undefined;
});

/** The built server with a token for the simulator, SDRS at `endpoint`, plus `env`. */
async function serve(endpoint: string, env: Record<string, string> = {}) {
  session = startServer([], {
    OS_AUTH_TOKEN: sim.token,
    OS_PROJECT_ID: sim.projectId,
    SDRS_ENDPOINT: endpoint,
    SDRS_MCP_RETRIES: "2",
    ...env,
  });
  await initialize(session);
  return session;
}

/** One tool call, counting the TLS connections it made. */
async function listOnce(s: Session) {
  front.connections = 0;
  const result = await callTool(s, "list_failed_sdrs_tasks", { limit: 1 });
  return { result, text: result.content[0]?.text ?? "", connections: front.connections };
}

const local = () => `https://localhost:${front.port}`;

describe("SDRS over HTTPS signed by a private CA", () => {
  it("works with OS_CACERT", async () => {
    const { result } = await listOnce(await serve(local(), { OS_CACERT: ca.caFile }));
    expect(result.isError).toBeFalsy();
  });

  it("works with clouds.yaml cacert, a path relative to the clouds.yaml", async () => {
    const clouds = join(ca.dir, "clouds.yaml");
    writeFileSync(
      clouds,
      `clouds:\n  corp:\n    cacert: ca.pem\n    auth:\n      token: ${sim.token}\n      project_id: ${sim.projectId}\n`,
    );
    session = startServer([], {
      OS_CLOUD: "corp",
      OS_CLIENT_CONFIG_FILE: clouds,
      SDRS_ENDPOINT: local(),
    });
    await initialize(session);
    const { result } = await listOnce(session);
    expect(result.isError).toBeFalsy();
  });

  it("works with Node's NODE_EXTRA_CA_CERTS, alone or beside OS_CACERT", async () => {
    const alone = await listOnce(await serve(local(), { NODE_EXTRA_CA_CERTS: ca.caFile }));
    expect(alone.result.isError).toBeFalsy();
    await stop(session as Session);
    // OS_CACERT names another file (the simulator's own CA is only in NODE_EXTRA_CA_CERTS):
    // giving connections a CA list must not drop Node's extra certificates.
    const other = join(ca.dir, "other.pem");
    writeFileSync(other, ca.serverCert);
    const beside = await listOnce(
      await serve(local(), { NODE_EXTRA_CA_CERTS: ca.caFile, OS_CACERT: other }),
    );
    expect(beside.result.isError).toBeFalsy();
  });

  it("without the CA: one clear certificate error after exactly one TLS attempt", async () => {
    const { result, text, connections } = await listOnce(await serve(local()));
    expect(result.isError).toBe(true);
    expect(connections).toBe(1);
    expect(text).toContain("the certificate of localhost could not be verified");
    expect(text).toContain(`issued by "${ca.caName}"`);
    expect(text).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|SELF_SIGNED_CERT_IN_CHAIN/);
    expect(text).toContain('OS_CACERT (setting "CA certificate file")');
    expect(text).toContain("does not retry");
    // No proxy is in use: none is named, and nothing is "down".
    expect(text).not.toMatch(/via proxy|through the proxy|proxy is up/);
  });

  /** Password sign-in: IAM and SDRS both behind the private CA's certificate. */
  async function signingIn(env: Record<string, string> = {}) {
    session = startServer([], {
      OS_USERNAME: "demo-user",
      OS_PASSWORD: "demo-password",
      OS_USER_DOMAIN_NAME: "OTC-EU-DE-DEMO",
      OS_PROJECT_ID: sim.projectId,
      OS_AUTH_URL: `${local()}/v3`,
      SDRS_ENDPOINT: local(),
      ...env,
    });
    await initialize(session);
    return session;
  }

  it("without the CA, IAM's certificate is named the same way and asked once", async () => {
    const { result, text, connections } = await listOnce(await signingIn());
    expect(result.isError).toBe(true);
    expect(connections).toBe(1);
    expect(text).toContain(
      `IAM at ${local()}/v3: the certificate of localhost could not be verified`,
    );
    expect(text).toContain('OS_CACERT (setting "CA certificate file")');
  });

  it("with the CA, IAM and SDRS both accept it", async () => {
    const s = await signingIn({ OS_CACERT: ca.caFile });
    expect((await listOnce(s)).result.isError).toBeFalsy();
  });
});

describe("through a CONNECT proxy (the TLS is end to end, inside the tunnel)", () => {
  let proxy: TestProxy;
  beforeAll(async () => {
    if (openssl) proxy = await startProxy(front.port);
  });
  afterAll(async () => {
    await proxy?.close();
  });
  const viaProxy = () => `https://sdrs.test:${front.port}`;

  it("works with OS_CACERT", async () => {
    const s = await serve(viaProxy(), { HTTPS_PROXY: proxy.url, OS_CACERT: ca.caFile });
    expect((await listOnce(s)).result.isError).toBeFalsy();
  });

  it("without the CA: a certificate error naming the proxy as a possible re-signer, not as down", async () => {
    const { result, text, connections } = await listOnce(
      await serve(viaProxy(), { HTTPS_PROXY: proxy.url }),
    );
    expect(result.isError).toBe(true);
    expect(connections).toBe(1);
    expect(text).toContain("the certificate of sdrs.test could not be verified");
    expect(text).toContain(`issued by "${ca.caName}"`);
    expect(text).toContain("a proxy that inspects TLS presents certificates of its own CA");
    expect(text).not.toContain("check that the proxy is up");
  });
});
