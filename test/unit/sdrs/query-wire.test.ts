/**
 * The query that reaches the wire is exactly the query an AK/SK signature covers: RFC 3986
 * (space %20, `~` as is, `*` %2A, UTF-8 percent-encoded), for every authentication kind. A small
 * recording proxy in front of the simulator keeps the request line byte for byte, since the
 * simulator itself accepts any encoding that decodes to the same request.
 */
import { createHash, createHmac } from "node:crypto";
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Agent } from "undici";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { akskAuthenticator } from "../../../src/auth/aksk.js";
import { IamTokenSource, iamAuthenticator } from "../../../src/auth/iam.js";
import { type Authenticator, tokenAuthenticator } from "../../../src/auth/types.js";
import { createSdrsClient } from "../../../src/sdrs/client.js";
import {
  DEFAULT_ACCESS_KEY,
  DEFAULT_USER,
  type Simulator,
  startSimulator,
} from "../../../src/simulator/index.js";

const NAME = "a b~c*d é数";
const WIRE_QUERY = "limit=5&offset=0&resource_name=a%20b~c%2Ad%20%C3%A9%E6%95%B0";

interface Seen {
  url: string;
  headers: Record<string, string | string[] | undefined>;
  status: number;
}

let sim: Simulator;
let recorder: Server;
let recorderUrl: string;
const seen: Seen[] = [];
const dispatcher = new Agent({ keepAliveTimeout: 1000 });

beforeAll(async () => {
  sim = await startSimulator({ groups: 2 });
  recorder = createServer((req, res) => {
    const entry: Seen = { url: req.url ?? "", headers: req.headers, status: 0 };
    seen.push(entry);
    const forward = request(
      {
        host: "127.0.0.1",
        port: sim.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        entry.status = answer.statusCode ?? 0;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    req.pipe(forward);
  });
  await new Promise<void>((r) => recorder.listen(0, "127.0.0.1", r));
  recorderUrl = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await dispatcher.close();
  await new Promise((r) => recorder.close(r));
  await sim.close();
});

const kinds: [string, () => Authenticator][] = [
  ["token", () => tokenAuthenticator(sim.token)],
  ["AK/SK", () => akskAuthenticator(DEFAULT_ACCESS_KEY)],
  [
    "password",
    () =>
      iamAuthenticator(
        new IamTokenSource({
          dispatcher,
          authUrl: sim.iamUrl,
          credentials: {
            username: DEFAULT_USER.name,
            password: DEFAULT_USER.password,
            userDomainName: DEFAULT_USER.domainName,
          },
          projectId: sim.projectId,
          region: "eu-de",
          timeoutMs: 2000,
          userAgent: "sdrs-mcp/test",
        }),
      ),
  ],
];

describe.each(kinds)("%s", (_kind, auth) => {
  it("sends the query RFC 3986-encoded, and the simulator accepts it", async () => {
    const client = createSdrsClient({
      dispatcher,
      endpoint: async () => recorderUrl,
      auth: auth(),
      timeoutMs: 2000,
      userAgent: "sdrs-mcp/test",
    });
    seen.length = 0;
    await client.listFailureJobs(sim.projectId, { resource_name: NAME, limit: 5, offset: 0 });
    expect(seen).toHaveLength(1);
    const [path, query] = (seen[0]?.url ?? "").split("?");
    expect(path).toBe(`/v1/${sim.projectId}/task-center/failure-jobs`);
    expect(query).toBe(WIRE_QUERY);
    expect(seen[0]?.status).toBe(200);
  });
});

describe("the AK/SK signature", () => {
  it("covers the query exactly as it went out", async () => {
    const client = createSdrsClient({
      dispatcher,
      endpoint: async () => recorderUrl,
      auth: akskAuthenticator(DEFAULT_ACCESS_KEY),
      timeoutMs: 2000,
      userAgent: "sdrs-mcp/test",
    });
    seen.length = 0;
    await client.listFailureJobs(sim.projectId, { resource_name: NAME, limit: 5, offset: 0 });
    const { url, headers } = seen[0] as Seen;
    const [path, wireQuery] = url.split("?");
    const authorization = String(headers.authorization);
    const signed = /SignedHeaders=([^,]+)/.exec(authorization)?.[1]?.split(";") ?? [];
    // The canonical request rebuilt from the request line as received, without re-encoding it.
    const canonical = [
      "GET",
      `${path}/`,
      wireQuery,
      signed.map((h) => `${h}:${String(headers[h]).trim()}\n`).join(""),
      signed.join(";"),
      createHash("sha256").update("").digest("hex"),
    ].join("\n");
    const toSign = `SDK-HMAC-SHA256\n${headers["x-sdk-date"]}\n${createHash("sha256").update(canonical).digest("hex")}`;
    const expected = createHmac("sha256", DEFAULT_ACCESS_KEY.secretKey)
      .update(toSign)
      .digest("hex");
    expect(authorization).toContain(`Signature=${expected}`);
  });
});
