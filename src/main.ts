/**
 * The command line, loaded by src/index.ts once the Node version is known to be good: the only
 * module that reads argv and the environment. It builds the configuration, then serves MCP on
 * stdio (or runs --check, or with --http serves team mode, loaded only then). stdout carries
 * JSON-RPC frames only; everything else goes to stderr.
 */
import { type App, appOfRun } from "./app/app.js";
import { runCheck } from "./app/check.js";
import { createLogger, StderrSink } from "./app/logger.js";
import { readCaFiles } from "./config/ca-files.js";
import { readCloudsFiles } from "./config/clouds-files.js";
import {
  type ConfigResult,
  loadConfig,
  type RunSettings,
  runSettingsOf,
  withTrust,
} from "./config/config.js";
import { endOutcome } from "./mcp/stdio/end.js";
import { StdioTransport } from "./mcp/stdio/transport.js";
import { VERSION } from "./version.js";

const USAGE = `sdrs-mcp ${VERSION}: MCP server (stdio) for failed tasks of Open Telekom Cloud SDRS

Usage: sdrs-mcp [--demo] [--allow-write] [--check] [--http [HOST:]PORT]
  --demo         serve an embedded SDRS simulator with sample data; no credentials needed
  --allow-write  also offer the tools that delete failed-task records
  --check        check the configuration: sign in, read one page, print the outcome, exit
                 (0 the read worked, 1 it failed, 2 the configuration is not usable)
  --http [HOST:]PORT
                 team mode: serve MCP over Streamable HTTP at /mcp (default host 127.0.0.1;
                 off loopback it needs SDRS_MCP_OAUTH_ISSUER, SDRS_MCP_PUBLIC_URL and
                 SDRS_MCP_STATE_KEY; see docs/team-mode.md)
  --help, -h     this text        --version, -v   the version

Credentials that last: OS_ACCESS_KEY + OS_SECRET_KEY; or OS_CLOUD (clouds.yaml in the
OpenStack tools' folders, e.g. ~/.config/openstack, or the file OS_CLIENT_CONFIG_FILE names);
or OS_USERNAME + OS_PASSWORD + OS_USER_DOMAIN_NAME. For a quick try: OS_AUTH_TOKEN (valid
24 hours). If several are set, the token wins, then AK/SK, then the password.
Project: OS_PROJECT_ID, or OS_PROJECT_NAME with password authentication.
Also: OS_REGION_NAME (eu-de, eu-ch2; eu-nl too, but SDRS is not in its official
endpoint list: set SDRS_ENDPOINT), OS_AUTH_URL, SDRS_ENDPOINT, OS_CACERT (CA file for
TLS-inspecting networks), HTTPS_PROXY, HTTP_PROXY, NO_PROXY, SDRS_MCP_LOG_LEVEL,
SDRS_MCP_TIMEOUT_MS, SDRS_MCP_TOOL_TIMEOUT_MS, SDRS_MCP_RETRIES, SDRS_MCP_CONCURRENCY,
SDRS_MCP_ALLOW_WRITE; team mode: SDRS_MCP_HTTP, SDRS_MCP_OAUTH_ISSUER, SDRS_MCP_PUBLIC_URL,
SDRS_MCP_STATE_KEY, SDRS_MCP_PROJECTS, SDRS_MCP_ALLOWED_ORIGINS, SDRS_MCP_ALLOWED_HOSTS,
SDRS_MCP_TRUST_PROXY.
A configuration problem does not stop the server: every tool call names it and the fix.
See README.md.
`;

/** stdout is reserved for JSON-RPC, so even help and version go to stderr. */
const say = (text: string): void => {
  process.stderr.write(text.endsWith("\n") ? text : `${text}\n`);
};

/** The configuration from the environment, the command line, clouds.yaml and the CA files. */
async function configure(): Promise<ConfigResult> {
  const clouds = await readCloudsFiles(process.env);
  const result = loadConfig(process.env, process.argv.slice(2), clouds);
  const caFiles =
    result.kind === "serve"
      ? result.config.caFiles
      : result.kind === "unconfigured"
        ? result.settings.caFiles
        : undefined;
  return withTrust(result, await readCaFiles(caFiles ?? []));
}

async function main(): Promise<void> {
  const result = await configure();
  if (result.kind === "help") return say(USAGE);
  if (result.kind === "version") return say(VERSION);
  if (result.kind === "invalid") {
    const list = result.problems.map((p) => `  - ${p}`).join("\n");
    say(`sdrs-mcp: bad command line:\n${list}\nRun sdrs-mcp --help for the options.`);
    process.exitCode = 2;
    return;
  }
  const config = result.kind === "serve" ? result.config : undefined;
  const problems = result.kind === "unconfigured" ? result.problems : [];
  const settings: RunSettings =
    result.kind === "serve" ? runSettingsOf(result.config) : result.settings;
  if (settings.check) {
    process.exitCode = await runCheck({ ...(config && { config }), settings, problems }, say);
    return;
  }
  if (settings.http !== undefined) {
    // Loaded only here: stdio never pays for team mode's HTTP server, OAuth and transport.
    const { serveTeam } = await import("./app/team.js");
    const run = { listen: settings.http, settings, ...(config && { config }), problems };
    const started = await serveTeam(run, process.env, drainTimeoutMs(settings));
    if (started !== "started") {
      say(started);
      process.exitCode = 2;
    }
    return;
  }
  // A person who started it in a terminal reads this first, before any JSON log line.
  if (process.stdin.isTTY) say(terminalHint(settings, problems.length > 0));
  const stderr = new StderrSink();
  const logger = createLogger(settings.logLevel, stderr);
  if (!config) {
    // The server still starts: the host lists the tools, and every call shows these problems.
    logger.warn(
      { problems },
      "sdrs-mcp is not configured: every tool call will answer with how to fix it",
    );
  }
  const app = await appOfRun({ config, problems, settings }, logger);
  await serve(app, settings, config?.credentials.kind ?? "none", stderr);
}

/** What an upstream call may take at most: the tool deadline, or a read with its retries. */
function drainTimeoutMs(settings: RunSettings): number {
  return Math.max(settings.toolTimeoutMs, 3 * settings.timeoutMs) + 5_000;
}

async function serve(
  app: App,
  settings: RunSettings,
  auth: string,
  stderr: StderrSink,
): Promise<void> {
  const logger = app.deps.logger;
  const transport = new StdioTransport({ logger, drainTimeoutMs: drainTimeoutMs(settings) });

  let closing = false;
  const shutdown = async (reason: string, exitCode: number) => {
    if (closing) return;
    closing = true;
    logger.info({ reason }, "shutting down");
    await app.close();
    // Never waits for a host that does not read stderr longer than this.
    await stderr.flush();
    process.exit(exitCode);
  };
  let signalled: string | undefined;
  void transport.ended.then((end) => {
    const { reason, exitCode } = endOutcome(end);
    if (signalled) return void shutdown(signalled, 0);
    if (exitCode !== 0) logger.error({ error: end.error?.message }, reason);
    void shutdown(reason, exitCode);
  });
  // The first signal stops reading and answers what is in flight; a second one ends it now.
  const onSignal = (signal: string) => {
    if (signalled) return void shutdown(signal, 0);
    signalled = signal;
    logger.info({ signal }, "answering the calls in flight, then exiting");
    transport.stop();
  };
  process.on("SIGINT", () => onSignal("SIGINT"));
  process.on("SIGTERM", () => onSignal("SIGTERM"));
  process.on("unhandledRejection", (reason) => app.logUnhandled(reason));

  await app.server.connect(transport);
  logger.info(
    {
      version: VERSION,
      auth,
      upstream: app.describe,
      allowWrite: settings.allowWrite,
    },
    "sdrs-mcp ready on stdio",
  );
}

/** The one human line for a start in a terminal: what this is, and what to run instead. */
function terminalHint(settings: RunSettings, unconfigured: boolean): string {
  const tryIt = settings.bundle ? "" : " To try it by hand: sdrs-mcp --demo;";
  const check = unconfigured
    ? " It is not configured yet: sdrs-mcp --check lists what to set."
    : " To test your configuration: sdrs-mcp --check.";
  return `sdrs-mcp speaks MCP on stdin/stdout and is waiting for an MCP client (a host such as Claude Desktop starts it).${tryIt}${check} Ctrl+C ends it.`;
}

main().catch((error: unknown) => {
  say(`sdrs-mcp: fatal: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
