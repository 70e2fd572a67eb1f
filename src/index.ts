#!/usr/bin/env node
import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
/**
 * Entry point: the only module that reads argv and the environment, builds config, logger and
 * client, and connects stdio. stdout carries JSON-RPC frames only; everything else goes to stderr.
 */
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { createApp } from "./app.js";
import { CLOUDS_DIRECTORIES, type CloudsDocument, readCloudsDocument } from "./auth/clouds.js";
import { type Config, loadConfig, readVar } from "./config.js";
import { commonJsExports } from "./interop.js";
import { VERSION } from "./version.js";

const USAGE = `sdrs-mcp ${VERSION}: MCP server (stdio) for failed tasks of Open Telekom Cloud SDRS

Usage: sdrs-mcp [--demo] [--allow-write]
  --demo         serve an embedded SDRS simulator with sample data; no credentials needed
  --allow-write  also offer the tools that delete failed-task records
  --help, -h     this text        --version, -v   the version

Credentials (first found wins): OS_AUTH_TOKEN; OS_ACCESS_KEY + OS_SECRET_KEY;
OS_USERNAME + OS_PASSWORD + OS_USER_DOMAIN_NAME; or OS_CLOUD (clouds.yaml).
Project: OS_PROJECT_ID, or OS_PROJECT_NAME with password authentication.
Also: OS_REGION_NAME, OS_AUTH_URL, SDRS_ENDPOINT, SDRS_MCP_LOG_LEVEL, SDRS_MCP_TIMEOUT_MS,
SDRS_MCP_TOOL_TIMEOUT_MS, SDRS_MCP_RETRIES, SDRS_MCP_CONCURRENCY, SDRS_MCP_ALLOW_WRITE.
See README.md.
`;

// stdout is reserved for JSON-RPC, so even help and version go to stderr.
const say = (text: string): void => {
  process.stderr.write(text.endsWith("\n") ? text : `${text}\n`);
};

async function main(): Promise<void> {
  const unreadable: string[] = [];
  const result = loadConfig(process.env, process.argv.slice(2), await readCloudsFiles(unreadable));
  if (result.kind === "help") return say(USAGE);
  if (result.kind === "version") return say(VERSION);
  if (result.kind === "invalid" || unreadable.length > 0) {
    const problems = [...unreadable, ...(result.kind === "invalid" ? result.problems : [])];
    const list = problems.map((p) => `  - ${p}`).join("\n");
    say(`sdrs-mcp: cannot start:\n${list}\nRun sdrs-mcp --help for the options.`);
    process.exitCode = 2;
    return;
  }
  await serve(result.config);
}

async function serve(config: Config): Promise<void> {
  const app = await createApp(config);
  const logger = app.deps.logger;

  let closing = false;
  const shutdown = async (reason: string) => {
    if (closing) return;
    closing = true;
    logger.info({ reason }, "shutting down");
    await app.close();
    process.exit(0);
  };
  process.stdin.on("end", () => void shutdown("stdin closed"));
  process.stdin.on("close", () => void shutdown("stdin closed"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("unhandledRejection", (reason) => {
    const error =
      reason instanceof Error ? { message: reason.message, stack: reason.stack } : String(reason);
    logger.error({ error }, "unhandled rejection");
  });

  await app.server.connect(new StdioServerTransport());
  logger.info(
    {
      version: VERSION,
      auth: config.credentials.kind,
      upstream: app.describe,
      allowWrite: config.allowWrite,
    },
    "sdrs-mcp ready on stdio",
  );
}

/** clouds.yaml and secure.yaml, least specific first; read only when OS_CLOUD asks for them. */
async function readCloudsFiles(problems: string[]): Promise<CloudsDocument[]> {
  if (!readVar(process.env, "OS_CLOUD")) return [];
  // Loaded only here, so a start without OS_CLOUD does not pay for the YAML parser.
  const { parse } = commonJsExports<typeof import("yaml")>(await import("yaml"), "parse");
  const documents: CloudsDocument[] = [];
  for (const dir of CLOUDS_DIRECTORIES) {
    const folder = dir.startsWith("~") ? join(homedir(), dir.slice(1)) : resolve(dir);
    for (const kind of ["clouds", "secure"] as const) {
      for (const ext of ["yaml", "yml"]) {
        const path = join(folder, `${kind}.${ext}`);
        if (!existsSync(path)) continue;
        const shown = path.replace(homedir(), "~");
        try {
          documents.push(readCloudsDocument(shown, kind, readFileSync(path, "utf8"), parse));
        } catch (error) {
          problems.push(
            `cannot read ${shown}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
          );
        }
        break;
      }
    }
  }
  return documents;
}

main().catch((error: unknown) => {
  say(`sdrs-mcp: fatal: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
