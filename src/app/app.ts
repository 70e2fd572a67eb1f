/**
 * createApp(config): the one wiring from configuration to ready MCP servers. What lives as long
 * as the process (logger, HTTP dispatcher, authentication and IAM token cache, SDRS client, raw
 * store or seal) is built once; MCP servers are made from it: one for stdio, one per HTTP
 * request in team mode. The entry point, the test harness and the bench harness all build the
 * server here, so what they exercise is what ships.
 */
import type { Logger } from "pino";
import type { Config, RunSettings } from "../config/config.js";
import { unlistedSdrsNote } from "../config/regions.js";
import { DEFAULT_RETRY, type RetryPolicy } from "../http/retry.js";
import { ProxyRefusals, type Transport } from "../http/transport.js";
import { type DispatcherSource, lazyAgent } from "../http/undici.js";
import { ConfirmTokens } from "../mcp/confirm/tokens.js";
import type { AuditEntry, RequestScope, ServerDeps } from "../mcp/deps.js";
import { errorForLog, UnconfiguredError } from "../mcp/errors.js";
import { type RawResources, RawResponseStore } from "../mcp/raw-store.js";
import { StateSeal } from "../mcp/seal.js";
import { createServer, type SdrsMcpServer } from "../mcp/server.js";
import { createSdrsClient, type SdrsClient } from "../sdrs/client.js";
import { VERSION } from "../version.js";
import { createLogger } from "./logger.js";
import { connectUpstream } from "./upstream.js";

export interface AppOptions {
  logger?: Logger;
  /** The HTTP dispatcher; default a keep-alive Agent made on the first request. */
  dispatcher?: DispatcherSource;
  /** Backoff of read retries; the count comes from the configuration. */
  retry?: Omit<RetryPolicy, "retries">;
  rawStore?: RawResponseStore;
  /** Team mode (--http): what differs from stdio. */
  team?: TeamWiring;
}

/** What team mode adds to the wiring (src/mcp/http/ builds it from the team settings). */
export interface TeamWiring {
  /** Seals confirm tokens and raw-resource URIs: SDRS_MCP_STATE_KEY, or random on loopback. */
  seal: StateSeal;
  /** raw_resource_uri: sealed queries, read again when read (src/mcp/raw-queries.ts). */
  raw: RawResources;
  /** SDRS_MCP_PROJECTS; absent: the configured project only. */
  projects?: readonly string[];
  audit: (entry: AuditEntry) => void;
}

export interface App {
  /** The one server of stdio mode (made on first use). */
  readonly server: SdrsMcpServer;
  /**
   * A fresh server for one request of team mode, for the user `scope` names; `client` wraps
   * the shared SDRS client for that request (the upstream limits).
   */
  serverFor(scope: RequestScope, client?: (shared: SdrsClient) => SdrsClient): SdrsMcpServer;
  deps: ServerDeps;
  /** Where it points, for the start-up log line (no credentials). */
  describe: string;
  /** The SDRS base URL in use (for password sign-in known once IAM has issued a token). */
  endpoint?: () => Promise<string>;
  /** Closes the server, the upstream (the --demo simulator) and the connections. */
  close(): Promise<void>;
  /** Logs a rejection nothing else handled, scrubbed of this app's secrets like every failure. */
  logUnhandled(reason: unknown): void;
}

export async function createApp(config: Config, options: AppOptions = {}): Promise<App> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const userAgent = `sdrs-mcp/${VERSION}`;
  // The embedded simulator is on 127.0.0.1: reached directly even when HTTP_PROXY is set
  // (undici, like curl, would send loopback through the proxy unless NO_PROXY names it).
  const proxy = config.demo ? undefined : config.proxy;
  const agent = lazyAgent(
    { keepAliveTimeout: 30_000, connect: { timeout: config.timeoutMs } },
    proxy,
    config.trust?.extraCa,
  );
  // One transport for IAM and SDRS: one dispatcher, one memory of refused proxy credentials.
  const transport: Transport = {
    dispatcher: options.dispatcher ?? agent,
    timeoutMs: config.timeoutMs,
    userAgent,
    proxyRefusals: new ProxyRefusals(),
    ...(proxy && { proxy }),
  };
  // One policy for SDRS reads and IAM's token request.
  const retry = { ...DEFAULT_RETRY, ...options.retry, retries: config.retries };
  const upstream = await connectUpstream(config, transport, retry);
  const client = createSdrsClient({
    ...transport,
    endpoint: upstream.endpoint,
    auth: upstream.auth,
    secrets: upstream.secrets,
    logger,
    retry,
  });
  const deps: ServerDeps = {
    client,
    defaultProjectId: upstream.projectId,
    logger,
    secrets: upstream.secrets,
    allowWrite: config.allowWrite,
    demo: config.demo,
    ...(!config.demo && !config.endpoint && { endpointNote: unlistedSdrsNote(config.region) }),
    version: VERSION,
    concurrency: config.concurrency,
    toolTimeoutMs: config.toolTimeoutMs,
    ...modeDeps(options, upstream.projectId),
  };
  return withServers(deps, {
    describe: upstream.describe,
    endpoint: upstream.endpoint,
    close: () => Promise.allSettled([upstream.close?.(), agent.close()]),
  });
}

/**
 * What differs between the modes. stdio keeps raw bodies in memory and seals confirm tokens with
 * a key of its own; team mode seals both with the shared key, binds them to the user, allows
 * only the listed projects and writes an audit line per tool call. Each process remembers the
 * confirm tokens it saw spent, so each works once there; replicas share no such memory, and a
 * token replayed on another finds its set already deleted.
 */
function modeDeps(
  options: Pick<AppOptions, "rawStore" | "team">,
  defaultProjectId: () => Promise<string | undefined>,
): Pick<ServerDeps, "raw" | "confirmTokens" | "projects" | "audit" | "stateless"> {
  const { team } = options;
  if (!team) {
    const seal = StateSeal.random();
    return {
      raw: options.rawStore ?? new RawResponseStore(),
      confirmTokens: new ConfirmTokens(seal, { rememberSpent: true }),
    };
  }
  const listed = team.projects && new Set(team.projects);
  return {
    raw: team.raw,
    confirmTokens: new ConfirmTokens(team.seal, { rememberSpent: true }),
    projects: async () => {
      if (listed) return listed;
      const configured = await defaultProjectId();
      return new Set(configured ? [configured] : []);
    },
    audit: team.audit,
    stateless: true,
  };
}

/** The App around long-lived deps: the stdio server on first use, team servers on demand. */
function withServers(
  deps: ServerDeps,
  upstream: Pick<App, "describe" | "endpoint"> & { close(): Promise<unknown> },
): App {
  let stdio: SdrsMcpServer | undefined;
  return {
    get server() {
      stdio ??= createServer(deps);
      return stdio;
    },
    serverFor: (scope, client) =>
      createServer(client ? { ...deps, client: client(deps.client) } : deps, scope),
    deps,
    describe: upstream.describe,
    ...(upstream.endpoint && { endpoint: upstream.endpoint }),
    close: async () => {
      await stdio?.close().catch(() => {});
      await upstream.close();
    },
    logUnhandled: (reason) => {
      deps.logger.error({ error: errorForLog(reason, deps.secrets()) }, "unhandled rejection");
    },
  };
}

/**
 * The app of a run (stdio or team mode): the configured one, or, without a usable
 * configuration, one that answers every call with its problems.
 */
export async function appOfRun(
  run: { config?: Config | undefined; problems: readonly string[]; settings: RunSettings },
  logger: Logger,
  team?: TeamWiring,
): Promise<App> {
  return run.config
    ? createApp(run.config, { logger, ...(team && { team }) })
    : createUnconfiguredApp(run.problems, { logger, ...run.settings, ...(team && { team }) });
}

/**
 * A server for a configuration that could not be used: it lists its tools, and every call
 * answers with the problems and how to fix them, so the host shows the user what to do.
 */
export function createUnconfiguredApp(
  problems: readonly string[],
  options: {
    logger: Logger;
    allowWrite?: boolean;
    toolTimeoutMs: number;
    bundle?: boolean;
    team?: TeamWiring;
  },
): App {
  const refuse = async () => {
    throw new UnconfiguredError(problems);
  };
  // Every client method refuses; the tools never get that far (the server answers first).
  const client = new Proxy({} as SdrsClient, { get: () => refuse });
  const defaultProjectId = async () => undefined;
  const deps: ServerDeps = {
    client,
    defaultProjectId,
    logger: options.logger,
    secrets: () => [],
    allowWrite: options.allowWrite ?? false,
    demo: false,
    version: VERSION,
    concurrency: 1,
    toolTimeoutMs: options.toolTimeoutMs,
    ...modeDeps(options, defaultProjectId),
    unconfigured: problems,
    bundle: !!options.bundle,
  };
  return withServers(deps, { describe: "not configured", close: async () => {} });
}
