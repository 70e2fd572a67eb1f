/**
 * Team mode: MCP Streamable HTTP at /mcp on node:http, stateless. Every request gets a fresh
 * MCP server and transport made from the same long-lived wiring (App.serverFor), so any replica
 * answers any request and nothing is kept between requests but what the clients hold (sealed
 * confirm tokens and raw-resource URIs). Loaded only with --http, so stdio never pays for it.
 *
 * A request to /mcp passes, in order: the Host and Origin checks (DNS rebinding), the bearer
 * token (401), the body limit, the scopes its messages need (403), then the SDK's transport,
 * which answers in JSON, or as an SSE stream when a request asks for progress.
 */
import {
  createServer,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type Server,
  type ServerResponse,
} from "node:http";
import type { AddressInfo } from "node:net";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { Logger } from "pino";
import { bracketed, type TeamSettings } from "../../config/team.js";
import type { ProxySettings } from "../../http/proxy.js";
import { ProxyRefusals, type Transport } from "../../http/transport.js";
import { lazyAgent } from "../../http/undici.js";
import type { SdrsClient } from "../../sdrs/client.js";
import { utf8Text } from "../../text/utf8.js";
import { auditHead } from "../audit.js";
import type { RequestScope, ServerDeps } from "../deps.js";
import type { SdrsMcpServer } from "../server.js";
import {
  allowedHosts,
  clientAddress,
  corsHeaders,
  hostAllowed,
  originAllowed,
  PREFLIGHT_HEADERS,
  requestHost,
} from "./guard.js";
import { UpstreamLimits } from "./limits.js";
import { metadataDocument, metadataPaths, metadataUrl } from "./metadata.js";
import { OAuthVerifier, type Principal, READ_SCOPE, WRITE_SCOPE } from "./oauth.js";
import { sendChallenge, sendJson, sendRpcError } from "./respond.js";
import { challengeScopes, needs, wantsProgress } from "./scopes.js";

/** A JSON-RPC request to this server is a few hundred bytes; 1 MiB leaves room and bounds memory. */
const MAX_BODY_BYTES = 1024 * 1024;
/** Each user's share of upstream requests is SDRS_MCP_CONCURRENCY; the process has this many. */
const SUBJECTS_AT_FULL_SHARE = 4;

/** What team mode needs of the app (src/app/app.ts). */
export interface TeamApp {
  deps: Pick<ServerDeps, "allowWrite" | "audit" | "concurrency" | "defaultProjectId" | "logger">;
  serverFor(scope: RequestScope, client?: (shared: SdrsClient) => SdrsClient): SdrsMcpServer;
}

export interface TeamServerOptions {
  app: TeamApp;
  settings: TeamSettings;
  /** Configuration problems: /readyz answers 503 naming them, tool calls answer with them. */
  problems: readonly string[];
  /** For the issuer's metadata and keys: the proxies IAM and SDRS go through. */
  proxy?: ProxySettings;
  /** And the certificates they trust on top of Node's roots (OS_CACERT). */
  extraCa?: readonly string[];
  /** Each outgoing request's deadline (SDRS_MCP_TIMEOUT_MS). */
  timeoutMs: number;
  /** The longest a request may take: the tool deadline or a read with its retries, and a margin. */
  requestDeadlineMs: number;
  userAgent: string;
  logger: Logger;
}

export interface TeamServer {
  /** http://host:port of the listening socket. */
  url: string;
  /** Stops accepting, answers what is in flight (each within its deadline), then resolves. */
  drain(): Promise<void>;
}

export async function startTeamServer(options: TeamServerOptions): Promise<TeamServer> {
  const { settings, app, logger } = options;
  const oauth = settings.oauth && new OAuthVerifier(settings.oauth, outbound(options));
  const concurrency = app.deps.concurrency;
  const limits = new UpstreamLimits(concurrency, SUBJECTS_AT_FULL_SHARE * concurrency);
  const inflight = new Set<ServerResponse>();
  let whenIdle: (() => void) | undefined;
  let draining = false;
  let hosts: ReturnType<typeof allowedHosts> = [];
  const metadataAt = metadataPaths(settings.oauth?.publicUrl);
  const metadata = settings.oauth && metadataDocument(settings.oauth);
  const challengeBase = settings.oauth && {
    resourceMetadata: metadataUrl(settings.oauth.publicUrl),
  };

  const server = createServer(
    { requestTimeout: 30_000, headersTimeout: 20_000, keepAliveTimeout: 5_000 },
    (req, res) => {
      const started = performance.now();
      inflight.add(res);
      if (draining) res.shouldKeepAlive = false;
      res.on("close", () => {
        inflight.delete(res);
        logger.debug(
          {
            method: req.method,
            path: pathOf(req),
            status: res.statusCode,
            ms: Math.round(performance.now() - started),
            remote: clientAddress(req, settings.trustProxy),
          },
          "http request",
        );
        if (inflight.size === 0) whenIdle?.();
      });
      route(req, res).catch((error: unknown) => {
        logger.error({ error: error instanceof Error ? error.message : String(error) }, "http");
        if (!res.headersSent) sendRpcError(res, 500, -32603, "Internal error in sdrs-mcp");
        else res.end();
      });
    },
  );

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = pathOf(req);
    // Probes come from the orchestrator with the pod's IP as Host: no Host or Origin check.
    if (path === "/healthz") return sendJson(res, 200, { status: "ok" });
    if (path === "/readyz") return readiness(res);
    if (path !== "/mcp" && !metadataAt.has(path)) {
      return sendJson(res, 404, { error: "not_found", error_description: "MCP is served at /mcp" });
    }
    if (!hostAllowed(requestHost(req, settings.trustProxy), hosts)) {
      return sendRpcError(
        res,
        403,
        -32000,
        "Forbidden: this Host is not one this server answers for",
      );
    }
    if (!originAllowed(req, settings.allowedOrigins)) {
      return sendRpcError(
        res,
        403,
        -32000,
        "Forbidden: this Origin is not allowed (SDRS_MCP_ALLOWED_ORIGINS)",
      );
    }
    const cors = corsHeaders(req, settings.allowedOrigins);
    if (req.method === "OPTIONS") {
      if (!cors["access-control-allow-origin"]) return methodNotAllowed(res, "GET, POST", cors);
      res.writeHead(204, { ...cors, ...PREFLIGHT_HEADERS });
      return void res.end();
    }
    if (metadataAt.has(path)) {
      if (req.method !== "GET" && req.method !== "HEAD") return methodNotAllowed(res, "GET", cors);
      if (!metadata) {
        return sendJson(
          res,
          404,
          { error: "not_found", error_description: "this server runs without OAuth" },
          cors,
        );
      }
      return sendJson(res, 200, metadata, cors);
    }
    return serveMcp(req, res, cors);
  }

  async function serveMcp(req: IncomingMessage, res: ServerResponse, cors: OutgoingHttpHeaders) {
    if (draining) {
      return sendRpcError(res, 503, -32000, "The server is shutting down: try again", {
        ...cors,
        "retry-after": "1",
      });
    }
    const principal = await authenticate(req, res, cors);
    if (!principal) return;
    // Stateless: no stream to open with GET, no session to end with DELETE.
    if (req.method !== "POST") return methodNotAllowed(res, "POST", cors);
    if (!isJson(req.headers["content-type"])) {
      return sendRpcError(
        res,
        415,
        -32000,
        "Unsupported Media Type: Content-Type must be application/json",
        cors,
      );
    }
    const body = await readBody(req, MAX_BODY_BYTES);
    if ("gone" in body) return;
    if ("tooLarge" in body) {
      return sendRpcError(
        res,
        413,
        -32000,
        `Payload Too Large: a request body may have at most ${MAX_BODY_BYTES} bytes`,
        cors,
      );
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(body.text);
    } catch {
      return sendRpcError(res, 400, -32700, "Parse error: Invalid JSON", cors);
    }
    const messages = Array.isArray(parsed) ? parsed : [parsed];
    if (!(await scopesSuffice(messages, principal, res, cors))) return;
    await runMcp(req, res, cors, parsed, messages, principal);
  }

  async function authenticate(
    req: IncomingMessage,
    res: ServerResponse,
    cors: OutgoingHttpHeaders,
  ): Promise<Principal | undefined> {
    if (!oauth) return LOCAL_PRINCIPAL;
    const verdict = await oauth.verify(req.headers.authorization);
    if (verdict.ok) return verdict.principal;
    logger.info(
      { reason: verdict.description, remote: clientAddress(req, settings.trustProxy) },
      "refused a request: access token not accepted",
    );
    if (verdict.status === 503) {
      sendJson(
        res,
        503,
        { error: "temporarily_unavailable", error_description: verdict.description },
        { ...cors, "retry-after": "10" },
      );
      return undefined;
    }
    sendChallenge(
      res,
      401,
      {
        ...challengeBase,
        ...(verdict.error && { error: verdict.error }),
        scope: READ_SCOPE,
        description: verdict.description,
      },
      cors,
    );
    return undefined;
  }

  /** 403 naming the scopes, with a denied audit line for each tool call, when any is missing. */
  async function scopesSuffice(
    messages: readonly unknown[],
    principal: Principal,
    res: ServerResponse,
    cors: OutgoingHttpHeaders,
  ): Promise<boolean> {
    const wanted = needs(messages, app.deps.allowWrite);
    const missing = new Set(wanted.map((n) => n.scope).filter((s) => !principal.scopes.has(s)));
    if (missing.size === 0) return true;
    for (const call of wanted) {
      if (call.tool === undefined) continue;

      app.deps.audit?.({
        ...(await auditHead(scopeOf(principal), call.tool, call.args, app.deps.defaultProjectId)),
        outcome: "denied",
        upstream_status: null,
        duration_ms: 0,
      });
    }
    sendChallenge(
      res,
      403,
      {
        ...challengeBase,
        error: "insufficient_scope",
        scope: challengeScopes(missing, principal.scopes),
        description: `this request needs the scope ${[...missing].join(" and ")}`,
      },
      cors,
    );
    return false;
  }

  async function runMcp(
    req: IncomingMessage,
    res: ServerResponse,
    cors: OutgoingHttpHeaders,
    body: unknown,
    messages: readonly unknown[],
    principal: Principal,
  ): Promise<void> {
    const mcp = app.serverFor(scopeOf(principal), (shared) =>
      limits.forSubject(shared, principal.subject),
    );
    const transport = new StreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: !wantsProgress(messages),
    });
    for (const [name, value] of Object.entries(cors))
      if (value !== undefined) res.setHeader(name, value);
    // Closing the server aborts its handlers: a client gone, or the deadline passed, ends the
    // work it started upstream.
    let closed = false;
    const close = () => {
      if (closed) return;
      closed = true;
      clearTimeout(deadline);
      void mcp.close().catch(() => {});
    };
    const deadline = setTimeout(() => {
      if (!res.headersSent) {
        sendRpcError(
          res,
          503,
          -32000,
          `The request did not finish within ${Math.round(options.requestDeadlineMs / 1000)} s and was stopped`,
        );
      } else res.end();
      close();
    }, options.requestDeadlineMs);
    res.on("close", close);
    await mcp.connect(transport);
    // The transport settles when the answer is written; after a deadline it may never settle,
    // so the response's close, not this promise, ends the request.
    void transport.handleRequest(req, res, body).catch((error: unknown) => {
      logger.error(
        { error: error instanceof Error ? error.message : String(error) },
        "mcp transport",
      );
      if (!res.headersSent) sendRpcError(res, 500, -32603, "Internal error in sdrs-mcp");
      close();
    });
  }

  async function readiness(res: ServerResponse): Promise<void> {
    const problems = [...options.problems];
    const oauthProblem = await oauth?.readiness();
    if (oauthProblem) problems.push(`OAuth: ${oauthProblem}`);
    if (draining) problems.push("shutting down");
    if (problems.length === 0) return sendJson(res, 200, { status: "ready" });
    sendJson(res, 503, { status: "not ready", problems });
  }

  await listen(server, settings.listen.host, settings.listen.port);
  const port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(settings, port);
  // Read the issuer's metadata now: the first request should not wait for it.
  void oauth?.readiness();
  return {
    url: `http://${bracketed(settings.listen.host)}:${port}`,
    drain: async () => {
      draining = true;
      server.close();
      server.closeIdleConnections();
      if (inflight.size > 0) await new Promise<void>((resolve) => (whenIdle = resolve));
      server.closeAllConnections();
    },
  };
}

function scopeOf(principal: Principal): RequestScope {
  return { subject: principal.subject, ...(principal.client && { client: principal.client }) };
}

/** Without OAuth (loopback only): one person's machine, every request the subject "local". */
const LOCAL_PRINCIPAL: Principal = {
  subject: "local",
  scopes: new Set([READ_SCOPE, WRITE_SCOPE]),
};

/**
 * The issuer's metadata and keys go through the same kind of transport as IAM and SDRS: the
 * same proxies, the same trusted certificates (a TLS-inspecting network needs both).
 */
function outbound(options: TeamServerOptions): Transport {
  const proxy = options.proxy;
  return {
    dispatcher: lazyAgent(
      { keepAliveTimeout: 30_000, connect: { timeout: options.timeoutMs } },
      proxy,
      options.extraCa,
    ),
    timeoutMs: options.timeoutMs,
    userAgent: options.userAgent,
    maxBodyBytes: MAX_BODY_BYTES,
    proxyRefusals: new ProxyRefusals(),
    ...(proxy && { proxy }),
  };
}

function listen(server: Server, host: string, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

type Body = { text: string } | { tooLarge: true } | { gone: true };

/** The request body; past `limit` bytes the rest is not read. A client gone ends the wait. */
function readBody(req: IncomingMessage, limit: number): Promise<Body> {
  const declared = Number(req.headers["content-length"]);
  if (declared > limit) return Promise.resolve({ tooLarge: true });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        req.removeAllListeners("data");
        req.resume();
        resolve({ tooLarge: true });
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => resolve({ text: utf8Text(Buffer.concat(chunks, size)) }));
    // After "end" these settle nothing: a promise resolves once.
    req.on("close", () => resolve({ gone: true }));
    req.on("error", () => resolve({ gone: true }));
  });
}

function isJson(contentType: string | undefined): boolean {
  return contentType?.split(";")[0]?.trim().toLowerCase() === "application/json";
}

function methodNotAllowed(res: ServerResponse, allow: string, cors: OutgoingHttpHeaders): void {
  sendRpcError(res, 405, -32000, `Method not allowed: use ${allow}`, { ...cors, allow });
}

function pathOf(req: IncomingMessage): string {
  const url = req.url ?? "/";
  const query = url.indexOf("?");
  return query < 0 ? url : url.slice(0, query);
}
