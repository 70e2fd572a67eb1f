/**
 * `sdrs-mcp --check`: the configuration tried once, without an assistant in the loop. Prints on
 * stderr what it uses (never a secret), signs in and reads one page of failed tasks
 * (`failure-jobs?limit=1`), then the outcome and the next step.
 * Exit code: 0 the read worked, 1 it failed, 2 the configuration is not usable.
 */

import type { Config, RunSettings } from "../config/config.js";
import type { Credentials } from "../config/credentials.js";
import { describeError, ToolDeadlineError } from "../mcp/errors.js";
import { scrubText } from "../text/secrets.js";
import { createApp } from "./app.js";
import { createLogger } from "./logger.js";

export interface CheckInput {
  /** Absent when the configuration has problems. */
  config?: Config;
  settings: RunSettings;
  problems: readonly string[];
}

export type CheckExit = 0 | 1 | 2;

export async function runCheck(
  input: CheckInput,
  print: (line: string) => void,
): Promise<CheckExit> {
  const { config, problems } = input;
  if (!config || problems.length > 0) {
    print(`sdrs-mcp --check: the configuration is not usable (${problems.length} problem(s)):`);
    for (const problem of problems) print(`  - ${problem}`);
    print(
      "Next: fix these (environment variables or MCP Bundle settings), then run sdrs-mcp --check again.",
    );
    return 2;
  }
  print("sdrs-mcp --check");
  print(`  auth:     ${authKind(config.credentials)}`);
  if (config.credentials.kind !== "demo") print(`  region:   ${config.region}`);
  if (config.credentials.kind === "password") print(`  IAM:      ${config.authUrl}`);
  // Logs stay quiet unless asked for: the lines here are the report.
  const verbose = config.logLevel === "debug" || config.logLevel === "trace";
  const signal = AbortSignal.timeout(config.toolTimeoutMs);
  const app = await createApp(config, {
    logger: createLogger(verbose ? config.logLevel : "fatal"),
  });
  try {
    // For password sign-in this signs in first: the token's catalog names the endpoint.
    print(`  SDRS:     ${app.endpoint ? await app.endpoint() : app.describe}`);
    const projectId = await app.deps.defaultProjectId();
    print(
      `  project:  ${projectId ?? "(none)"}${config.projectName ? ` (${config.projectName})` : ""}`,
    );
    if (!projectId) {
      print(
        "Next: set OS_PROJECT_ID (32 hexadecimal characters), then run sdrs-mcp --check again.",
      );
      return 2;
    }
    const page = await app.deps.client.listFailureJobs(projectId, { limit: 1 }, signal);
    const first = page.data.failure_jobs.length;
    print(
      `OK: signed in and read the failed tasks of the project (HTTP ${page.status}, ${first} record(s) on a page of 1).`,
    );
    print(
      "Next: add sdrs-mcp to your MCP host (README, Install) with the same settings; the assistant can then use its tools.",
    );
    return 0;
  } catch (error) {
    const failure = signal.aborted ? new ToolDeadlineError(config.toolTimeoutMs) : error;
    print(`FAILED: ${scrubText(describeError(failure), app.deps.secrets())}`);
    print("Then run sdrs-mcp --check again.");
    return 1;
  } finally {
    await app.close();
  }
}

/** The kind of credentials and the variable that gave them, never their value. */
function authKind(credentials: Credentials): string {
  switch (credentials.kind) {
    case "token":
      return "IAM token (OS_AUTH_TOKEN)";
    case "aksk":
      return `AK/SK request signing (OS_ACCESS_KEY${credentials.securityToken ? ", temporary keys" : ""})`;
    case "password":
      return `password sign-in of user ${credentials.username} (OS_USERNAME, OS_PASSWORD)`;
    case "demo":
      return "demo: the embedded SDRS simulator, no account";
  }
}
