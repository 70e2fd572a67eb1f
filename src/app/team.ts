/**
 * Team mode's start (`--http`), loaded by src/main.ts only then: the team settings, the seal,
 * the app with team wiring (sealed raw-resource URIs, the project allow-list, audit lines), the
 * HTTP server of src/mcp/http/, and the drain on SIGTERM. What must not start (no OAuth or no
 * state key off loopback, a bad team setting) is refused here; other configuration problems
 * keep the server up, unready, every tool call naming them.
 */
import type { Config, RunSettings } from "../config/config.js";
import { readProxySettings } from "../config/proxy-settings.js";
import { loadTeamSettings } from "../config/team.js";
import { type Env, proxyVariables } from "../config/values.js";
import { startTeamServer } from "../mcp/http/serve.js";
import { SealedRawQueries } from "../mcp/raw-queries.js";
import { StateSeal } from "../mcp/seal.js";
import { VERSION } from "../version.js";
import { appOfRun, type TeamWiring } from "./app.js";
import { AuditLog, createLogger, StderrSink } from "./logger.js";

export interface TeamRun {
  /** --http or SDRS_MCP_HTTP as given. */
  listen: string;
  settings: RunSettings;
  config?: Config;
  /** Configuration problems: the server starts unready and every call names them. */
  problems: readonly string[];
}

/** "started", or why it must not start (the caller prints it and exits 2). */
export async function serveTeam(run: TeamRun, env: Env, requestDeadlineMs: number) {
  const team = loadTeamSettings(env, run.listen);
  if ("problems" in team) {
    return `sdrs-mcp --http: refusing to start:\n${team.problems.map((p) => `  - ${p}`).join("\n")}`;
  }
  const { settings, config, problems } = run;
  // Diagnostics may be dropped (and counted) while stderr is not read; audit lines never are.
  const stderr = new StderrSink();
  const logger = createLogger(settings.logLevel, stderr);
  const audit = new AuditLog(stderr);
  const seal = team.settings.stateKey
    ? StateSeal.fromKey(team.settings.stateKey)
    : StateSeal.random();
  const wiring: TeamWiring = {
    seal,
    raw: new SealedRawQueries(seal),
    ...(team.settings.projects && { projects: team.settings.projects }),
    audit: (entry) => audit.record(entry),
  };
  if (!config) logger.warn({ problems }, "sdrs-mcp is not configured: /readyz answers 503");
  const app = await appOfRun(run, logger, wiring);
  const server = await startTeamServer({
    app,
    settings: team.settings,
    problems,
    proxy: config?.proxy ?? readProxySettings(proxyVariables(env)).settings,
    ...(config?.trust?.extraCa && { extraCa: config.trust.extraCa }),
    timeoutMs: settings.timeoutMs,
    requestDeadlineMs,
    userAgent: `sdrs-mcp/${VERSION}`,
    logger,
  });
  // The first signal stops accepting and answers what is in flight; a second one ends it now.
  let signalled = false;
  const exit = async () => {
    await stderr.flush();
    process.exit(0);
  };
  const onSignal = async (signal: string) => {
    if (signalled) return exit();
    signalled = true;
    logger.info({ signal }, "shutting down: answering the requests in flight");
    await server.drain();
    await app.close();
    await exit();
  };
  process.on("SIGINT", () => void onSignal("SIGINT"));
  process.on("SIGTERM", () => void onSignal("SIGTERM"));
  process.on("unhandledRejection", (reason) => app.logUnhandled(reason));
  logger.info(
    {
      version: VERSION,
      url: `${server.url}/mcp`,
      auth: config?.credentials.kind ?? "none",
      upstream: app.describe,
      oauth: team.settings.oauth?.issuer ?? "off (loopback: every request is the subject local)",
      allowWrite: settings.allowWrite,
    },
    `sdrs-mcp ready on ${server.url}/mcp`,
  );
  return "started";
}
