/**
 * `sdrs-mcp --check`: the configuration tried once, without an assistant in the loop. Prints on
 * stderr what it uses (never a secret), signs in and reads one page of failed tasks
 * (`failure-jobs?limit=1`), then the outcome and the next step.
 * Exit code: 0 the read worked, 1 it failed, 2 the configuration is not usable.
 */

import type { Config, RunSettings } from "../config/config.js";
import type { Credentials } from "../config/credentials.js";
import { regionHosts } from "../config/regions.js";
import { describeSource, describeSources, type Source } from "../config/sources.js";
import { describeError, refusedByIam, ToolDeadlineError } from "../mcp/errors.js";
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
  const sources = config.sources;
  // "(from OS_TOKEN)", "(from clouds.yaml entry …)"; a default says what it is: "(the default region)".
  const from = (source: Source | undefined) =>
    !source
      ? ""
      : source.from === "default"
        ? ` (${source.what})`
        : ` (from ${describeSource(source)})`;
  const credentialsFrom = sources?.credentials.length
    ? ` from ${describeSources(sources.credentials)}`
    : "";
  print(`  auth:     ${authKind(config.credentials)}${credentialsFrom}`);
  const demo = config.credentials.kind === "demo";
  if (!demo) print(`  region:   ${config.region}${from(sources?.region)}`);
  if (config.credentials.kind === "password") {
    print(`  IAM:      ${config.authUrl}${from(sources?.authUrl)}`);
  }
  for (const file of config.trust?.files ?? []) {
    // A few certificates are named; a system bundle of a hundred is only counted.
    const count = `${file.certificates} certificate${file.certificates === 1 ? "" : "s"}`;
    const names = file.certificates <= 3 ? `: ${file.subjects.join("; ")}` : "";
    print(`  CA file:  ${file.path} (${count}${names})${from(file.ref.source)}`);
  }
  if (config.trust?.extraCa) print("            trusted on top of Node's default roots");
  // Logs stay quiet unless asked for: the lines here are the report.
  const verbose = config.logLevel === "debug" || config.logLevel === "trace";
  const signal = AbortSignal.timeout(config.toolTimeoutMs);
  const app = await createApp(config, {
    logger: createLogger(verbose ? config.logLevel : "fatal"),
  });
  const projectFrom = demo ? "" : from(sources?.project);
  // eu-nl: its SDRS host is not in the official endpoint list (config/regions.ts).
  const printNote = () => {
    if (app.deps.endpointNote) print(`  note:     ${app.deps.endpointNote}`);
  };
  try {
    let endpoint: string | undefined;
    let projectId: string | undefined;
    try {
      // For password sign-in this signs in first: the token's catalog names the endpoint and,
      // with a project name, the project's ID.
      endpoint = app.endpoint ? await app.endpoint() : undefined;
      projectId = await app.deps.defaultProjectId();
    } catch (error) {
      // The lines --check always prints, with what the configuration itself names.
      const why = signInFailure(error);
      const configured = config.endpoint && `${config.endpoint}${from(sources?.endpoint)}`;
      print(`  SDRS:     ${configured || `(not known: ${why})`}`);
      printNote();
      const project = config.projectId
        ? `${config.projectId}${config.projectName ? ` (${config.projectName})` : ""}`
        : `${config.projectName ?? "(none)"} (ID not known: ${why})`;
      print(`  project:  ${project}${projectFrom}`);
      throw error;
    }
    print(
      `  SDRS:     ${endpoint ?? app.describe}${demo ? "" : from(endpointSource(config, endpoint))}`,
    );
    printNote();
    const project = config.projectName ? ` (${config.projectName})` : "";
    print(`  project:  ${projectId ?? "(none)"}${project}${projectFrom}`);
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
    const unreached = app.deps.endpointNote;
    print(`FAILED: ${scrubText(describeError(failure, unreached), app.deps.secrets())}`);
    print("Then run sdrs-mcp --check again.");
    return 1;
  } finally {
    await app.close();
  }
}

/** Why what IAM would have said is not known: it answered with a refusal, or not at all. */
function signInFailure(error: unknown): string {
  return refusedByIam(error) ? "IAM refused the sign-in" : "the sign-in to IAM failed";
}

/** The kind of credentials, never their value; where they came from is said beside it. */
function authKind(credentials: Credentials): string {
  switch (credentials.kind) {
    case "token":
      return "IAM token (valid 24 hours after it was issued)";
    case "aksk":
      return `AK/SK request signing${credentials.securityToken ? " (temporary keys)" : ""}`;
    case "password":
      return `password sign-in of user ${credentials.username}`;
    case "demo":
      return "demo: the embedded SDRS simulator, no account";
  }
}

/**
 * SDRS_ENDPOINT, else for password sign-in the IAM catalog, else the region's default. The
 * catalog and the default are told apart by the host they give.
 */
function endpointSource(config: Config, endpoint: string | undefined): Source | undefined {
  const source = config.sources?.endpoint;
  if (source?.from !== "default" || config.credentials.kind !== "password") return source;
  const regional = regionHosts(config.region)?.sdrsEndpoint;
  return {
    from: "default",
    what: endpoint === regional ? "the region's default" : "from the IAM token's catalog",
  };
}
