/**
 * createApp(config): the one wiring from configuration to a ready MCP server (logger, HTTP
 * dispatcher, authentication, SDRS client, raw store). The entry point, the test harness and
 * the bench harness all build the server here, so what they exercise is what ships.
 */
import type { Logger } from "pino";
import type { Config } from "../config/config.js";
import { unlistedSdrsNote } from "../config/regions.js";
import { DEFAULT_RETRY, type RetryPolicy } from "../http/retry.js";
import { ProxyRefusals, type Transport } from "../http/transport.js";
import { type DispatcherSource, lazyAgent } from "../http/undici.js";
import { ConfirmTokens } from "../mcp/confirm/tokens.js";
import type { ServerDeps } from "../mcp/deps.js";
import { errorForLog, UnconfiguredError } from "../mcp/errors.js";
import { RawResponseStore } from "../mcp/raw-store.js";
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
  /** Seals confirm tokens; default a random key of this process (stdio: a restart voids them). */
  seal?: StateSeal;
}

export interface App {
  server: SdrsMcpServer;
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
    rawStore: options.rawStore ?? new RawResponseStore(),
    logger,
    secrets: upstream.secrets,
    allowWrite: config.allowWrite,
    demo: config.demo,
    ...(!config.demo && !config.endpoint && { endpointNote: unlistedSdrsNote(config.region) }),
    version: VERSION,
    concurrency: config.concurrency,
    toolTimeoutMs: config.toolTimeoutMs,
    ...confirmation(options.seal),
  };
  const server = createServer(deps);
  return {
    server,
    deps,
    describe: upstream.describe,
    endpoint: upstream.endpoint,
    close: async () => {
      await server.close().catch(() => {});
      await Promise.allSettled([upstream.close?.(), agent.close()]);
    },
    logUnhandled: unhandledLogger(deps),
  };
}

/**
 * A server for a configuration that could not be used: it lists its tools, and every call
 * answers with the problems and how to fix them, so the host shows the user what to do.
 */
export function createUnconfiguredApp(
  problems: readonly string[],
  options: { logger: Logger; allowWrite?: boolean; toolTimeoutMs: number; bundle?: boolean },
): App {
  const refuse = async () => {
    throw new UnconfiguredError(problems);
  };
  // Every client method refuses; the tools never get that far (the server answers first).
  const client = new Proxy({} as SdrsClient, { get: () => refuse });
  const deps: ServerDeps = {
    client,
    defaultProjectId: async () => undefined,
    rawStore: new RawResponseStore(),
    logger: options.logger,
    secrets: () => [],
    allowWrite: options.allowWrite ?? false,
    demo: false,
    version: VERSION,
    concurrency: 1,
    toolTimeoutMs: options.toolTimeoutMs,
    ...confirmation(),
    unconfigured: problems,
    bundle: !!options.bundle,
  };
  const server = createServer(deps);
  return {
    server,
    deps,
    describe: "not configured",
    close: async () => {
      await server.close().catch(() => {});
    },
    logUnhandled: unhandledLogger(deps),
  };
}

function unhandledLogger(deps: ServerDeps): App["logUnhandled"] {
  return (reason) => {
    deps.logger.error({ error: errorForLog(reason, deps.secrets()) }, "unhandled rejection");
  };
}

/**
 * The seal and the confirm tokens it signs. One process remembers the tokens it saw spent, so
 * each works once; a seal passed in (team mode, several replicas) is shared by processes that
 * do not share that memory, and there a replayed token finds its set already deleted.
 */
function confirmation(seal?: StateSeal): Pick<ServerDeps, "seal" | "confirmTokens"> {
  const used = seal ?? StateSeal.random();
  return { seal: used, confirmTokens: new ConfirmTokens(used, { rememberSpent: true }) };
}
