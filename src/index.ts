#!/usr/bin/env node
/**
 * Entry point: the only module that reads argv and the environment, builds config, logger and
 * client, and connects stdio. stdout carries JSON-RPC frames only; everything else goes to stderr.
 */
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { Agent } from "undici";
import { type Authenticator, tokenAuthenticator } from "./auth/types.js";
import { type Config, loadConfig } from "./config.js";
import { createLogger } from "./logger.js";
import { RawResponseStore } from "./resources/raw-store.js";
import { createSdrsClient } from "./sdrs/client.js";
import { createServer } from "./server.js";
import { VERSION } from "./version.js";

const USAGE = `sdrs-mcp ${VERSION}: MCP server (stdio) for failed tasks of Open Telekom Cloud SDRS

Usage: sdrs-mcp [--demo] [--allow-write]
  --demo         serve an embedded SDRS simulator with sample data; no credentials needed
  --allow-write  also offer the tools that delete failed-task records
  --help, -h     this text        --version, -v   the version

Credentials (first found wins): OS_AUTH_TOKEN; OS_ACCESS_KEY + OS_SECRET_KEY;
OS_USERNAME + OS_PASSWORD + OS_USER_DOMAIN_NAME. Project: OS_PROJECT_ID or OS_PROJECT_NAME.
Also: OS_REGION_NAME, OS_AUTH_URL, SDRS_ENDPOINT, SDRS_MCP_LOG_LEVEL, SDRS_MCP_TIMEOUT_MS,
SDRS_MCP_ALLOW_WRITE. See README.md.
`;

// stdout is reserved for JSON-RPC, so even help and version go to stderr.
const say = (text: string): void => {
  process.stderr.write(text.endsWith("\n") ? text : `${text}\n`);
};

async function main(): Promise<void> {
  const result = loadConfig(process.env, process.argv.slice(2));
  if (result.kind === "help") return say(USAGE);
  if (result.kind === "version") return say(VERSION);
  if (result.kind === "invalid") {
    say(
      `sdrs-mcp: cannot start:\n${result.problems.map((p) => `  - ${p}`).join("\n")}\nRun sdrs-mcp --help for the options.`,
    );
    process.exitCode = 2;
    return;
  }
  await serve(result.config);
}

async function serve(config: Config): Promise<void> {
  const logger = createLogger(config.logLevel);
  const closers: Array<() => Promise<unknown>> = [];
  const upstream = await connectUpstream(config);
  if (!upstream) {
    say(
      `sdrs-mcp: cannot start:\n  - ${config.credentials.kind} authentication is not supported by this version; use OS_AUTH_TOKEN`,
    );
    process.exitCode = 2;
    return;
  }
  if (upstream.close) closers.push(upstream.close);
  const dispatcher = new Agent({
    keepAliveTimeout: 30_000,
    connect: { timeout: config.timeoutMs },
  });
  closers.push(() => dispatcher.close());

  const client = createSdrsClient({
    dispatcher,
    endpoint: async () => upstream.endpoint,
    auth: upstream.auth,
    timeoutMs: config.timeoutMs,
    userAgent: `sdrs-mcp/${VERSION}`,
    logger,
  });
  const server = createServer({
    client,
    ...(upstream.projectId && { defaultProjectId: upstream.projectId }),
    rawStore: new RawResponseStore(),
    logger,
    secrets: secretsOf(config),
    allowWrite: config.allowWrite,
    version: VERSION,
  });

  let closing = false;
  const shutdown = async (reason: string) => {
    if (closing) return;
    closing = true;
    logger.info({ reason }, "shutting down");
    await server.close().catch(() => {});
    await Promise.allSettled(closers.map((close) => close()));
    process.exit(0);
  };
  process.stdin.on("end", () => void shutdown("stdin closed"));
  process.stdin.on("close", () => void shutdown("stdin closed"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("unhandledRejection", (reason) => {
    logger.error(
      {
        error:
          reason instanceof Error
            ? { message: reason.message, stack: reason.stack }
            : String(reason),
      },
      "unhandled rejection",
    );
  });

  await server.connect(new StdioServerTransport());
  logger.info(
    {
      version: VERSION,
      demo: config.demo,
      auth: config.credentials.kind,
      endpoint: upstream.endpoint,
      allowWrite: config.allowWrite,
    },
    "sdrs-mcp ready on stdio",
  );
}

interface Upstream {
  endpoint: string;
  auth: Authenticator;
  projectId?: string;
  close?: () => Promise<unknown>;
}

async function connectUpstream(config: Config): Promise<Upstream | undefined> {
  const credentials = config.credentials;
  if (credentials.kind === "demo") {
    // Loaded only here: production code never imports the simulator.
    const { startSimulator } = await import("./simulator/index.js");
    const simulator = await startSimulator();
    return {
      endpoint: simulator.url,
      auth: tokenAuthenticator(simulator.token),
      projectId: simulator.projectId,
      close: () => simulator.close(),
    };
  }
  if (credentials.kind === "token") {
    return {
      endpoint: config.endpoint ?? `https://sdrs.${config.region}.otc.t-systems.com`,
      auth: tokenAuthenticator(credentials.token),
      ...(config.projectId && { projectId: config.projectId }),
    };
  }
  return undefined;
}

function secretsOf(config: Config): string[] {
  const c = config.credentials;
  switch (c.kind) {
    case "token":
      return [c.token];
    case "aksk":
      return [c.secretKey, ...(c.securityToken ? [c.securityToken] : [])];
    case "password":
      return [c.password];
    case "demo":
      return [];
  }
}

main().catch((error: unknown) => {
  say(`sdrs-mcp: fatal: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
