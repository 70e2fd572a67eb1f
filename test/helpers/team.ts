/**
 * Team mode under test: an OAuth issuer on 127.0.0.1 that serves its discovery document and
 * JWKS and mints real signed tokens (jose; the server's verifier is the real one), the server
 * in this process (createApp + startTeamServer over real HTTP), and JSON-RPC over fetch.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { exportJWK, generateKeyPair, type JWTPayload, SignJWT } from "jose";
import { pino } from "pino";
import { type App, createApp } from "../../src/app/app.js";
import { loadTeamSettings, type TeamSettings } from "../../src/config/team.js";
import type { AuditEntry } from "../../src/mcp/deps.js";
import { startTeamServer, type TeamServer } from "../../src/mcp/http/serve.js";
import { SealedRawQueries } from "../../src/mcp/raw-queries.js";
import { StateSeal } from "../../src/mcp/seal.js";
import { type Simulator, startSimulator } from "../../src/simulator/index.js";
import { simulatorConfig } from "./harness.js";

export const STATE_KEY = "a1".repeat(32);
export const READ = "sdrs:read";
export const WRITE = "sdrs:write";

/** Where the issuer publishes its metadata (the MCP spec's discovery orders try them all). */
export type MetadataForm = "oauth" | "oidc" | "oidc-appended";

export interface IssuerOptions {
  /** An issuer path like /realms/team; default none. */
  path?: string;
  /** Which well-known documents exist; default all. */
  forms?: MetadataForm[];
  /** Serve over https with this key and certificate (a private CA's, say). */
  tls?: { key: string; cert: string };
}

export interface Issuer {
  issuer: string;
  /** Paths of every request the issuer received. */
  requests: string[];
  /** A token signed by the issuer's key: sub "alice", both scopes, valid 5 minutes. */
  mint(audience: string, claims?: JWTPayload, options?: MintOptions): Promise<string>;
  close(): Promise<void>;
}

export interface MintOptions {
  /** Sign with a key the JWKS does not list (same kid). */
  foreignKey?: boolean;
  /** An unsigned token with `alg: none`. */
  algNone?: boolean;
}

export async function startIssuer(options: IssuerOptions = {}): Promise<Issuer> {
  const { publicKey, privateKey } = await generateKeyPair("RS256");
  const foreign = await generateKeyPair("RS256");
  const jwk = { ...(await exportJWK(publicKey)), kid: "k1", alg: "RS256", use: "sig" };
  const forms = new Set(options.forms ?? ["oauth", "oidc", "oidc-appended"]);
  const path = options.path ?? "";
  const requests: string[] = [];
  let issuer = "";
  const handler = (req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? "/";
    requests.push(url);
    const wellKnown: Record<string, MetadataForm> = {
      [`/.well-known/oauth-authorization-server${path}`]: "oauth",
      [`/.well-known/openid-configuration${path}`]: "oidc",
      [`${path}/.well-known/openid-configuration`]: "oidc-appended",
    };
    const form = wellKnown[url];
    if (form && forms.has(form)) {
      return json(res, { issuer, jwks_uri: `${issuer}/jwks`, token_endpoint: `${issuer}/token` });
    }
    if (url === `${path}/jwks`) return json(res, { keys: [jwk] });
    res.writeHead(404).end();
  };
  const server: Server = options.tls
    ? createHttpsServer(options.tls, handler)
    : createServer(handler);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const scheme = options.tls ? "https://localhost" : "http://127.0.0.1";
  issuer = `${scheme}:${(server.address() as AddressInfo).port}${path}`;
  return {
    get issuer() {
      return issuer;
    },
    requests,
    async mint(audience, claims = {}, mintOptions = {}) {
      const now = Math.floor(Date.now() / 1000);
      const payload: JWTPayload = {
        iss: issuer,
        aud: audience,
        sub: "alice",
        client_id: "claude-connector",
        scope: `${READ} ${WRITE}`,
        iat: now,
        exp: now + 300,
        ...claims,
      };
      for (const [key, value] of Object.entries(payload))
        if (value === undefined) delete payload[key];
      if (mintOptions.algNone) {
        const part = (v: object) => Buffer.from(JSON.stringify(v)).toString("base64url");
        return `${part({ alg: "none", typ: "JWT" })}.${part(payload)}.`;
      }
      return new SignJWT(payload)
        .setProtectedHeader({ alg: "RS256", kid: "k1", typ: "at+jwt" })
        .sign(mintOptions.foreignKey ? foreign.privateKey : privateKey);
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function json(res: ServerResponse, body: unknown) {
  res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body));
}

export interface TeamHarnessOptions {
  /** Team environment (SDRS_MCP_*); OAuth is on when SDRS_MCP_OAUTH_ISSUER is set. */
  env?: Record<string, string>;
  allowWrite?: boolean;
  sim?: Simulator;
  /** Certificates trusted on top of Node's roots (what OS_CACERT gives). */
  extraCa?: readonly string[];
}

export interface TeamHarness {
  sim: Simulator;
  app: App;
  server: TeamServer;
  settings: TeamSettings;
  /** http://127.0.0.1:PORT/mcp */
  url: string;
  audits: AuditEntry[];
  close(): Promise<void>;
}

/** The real wiring: simulator, createApp with team mode, the HTTP server on 127.0.0.1:0. */
export async function startTeamHarness(options: TeamHarnessOptions = {}): Promise<TeamHarness> {
  const sim = options.sim ?? (await startSimulator());
  const loaded = loadTeamSettings({ SDRS_MCP_STATE_KEY: STATE_KEY, ...options.env }, "127.0.0.1:0");
  if ("problems" in loaded) throw new Error(loaded.problems.join("; "));
  const { settings } = loaded;
  const audits: AuditEntry[] = [];
  const logger = pino({ level: "silent" });
  const seal = StateSeal.fromKey(settings.stateKey ?? Buffer.alloc(32, 1));
  const app = await createApp(simulatorConfig(sim, { allowWrite: options.allowWrite ?? false }), {
    logger,
    retry: { baseDelayMs: 1, maxDelayMs: 5, random: () => 0.5 },
    team: {
      seal,
      raw: new SealedRawQueries(seal),
      ...(settings.projects && { projects: settings.projects }),
      audit: (entry) => audits.push(entry),
    },
  });
  const server = await startTeamServer({
    app,
    settings,
    problems: [],
    ...(options.extraCa && { extraCa: options.extraCa }),
    timeoutMs: 5_000,
    requestDeadlineMs: 30_000,
    userAgent: "sdrs-mcp-test",
    logger,
  });
  return {
    sim,
    app,
    server,
    settings,
    url: `${server.url}/mcp`,
    audits,
    async close() {
      await server.drain();
      await app.close();
      if (!options.sim) await sim.close();
    },
  };
}

export interface RpcAnswer {
  status: number;
  headers: Headers;
  /** The JSON body (or the last SSE message's data). */
  body: Record<string, unknown> | undefined;
  text: string;
}

let ids = 0;

/** One JSON-RPC request over HTTP, as a stateless MCP client sends it. */
export async function rpc(
  url: string,
  method: string,
  params: Record<string, unknown> = {},
  headers: Record<string, string> = {},
): Promise<RpcAnswer> {
  const response = await fetch(url, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      accept: "application/json, text/event-stream",
      "mcp-protocol-version": "2025-11-25",
      ...headers,
    },
    body: JSON.stringify({ jsonrpc: "2.0", id: ++ids, method, params }),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: parseBody(text), text };
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

/** A tools/call's result (structuredContent and all), or undefined for a JSON-RPC error. */
export async function callTool(
  url: string,
  name: string,
  args: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  const answer = await rpc(url, "tools/call", { name, arguments: args }, headers);
  return {
    ...answer,
    result: answer.body?.result as
      | {
          isError?: boolean;
          content: { type: string; text?: string }[];
          structuredContent?: Record<string, unknown>;
        }
      | undefined,
  };
}

function parseBody(text: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    const data = text
      .split("\n")
      .filter((line) => line.startsWith("data: "))
      .at(-1);
    return data ? (JSON.parse(data.slice(6)) as Record<string, unknown>) : undefined;
  }
}

export function textOfResult(result: { content: { type: string; text?: string }[] } | undefined) {
  return (result?.content ?? []).map((c) => c.text ?? "").join("\n");
}
