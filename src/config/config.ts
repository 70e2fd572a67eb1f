import type { ProxySettings } from "../http/proxy.js";
import {
  type CaFileRef,
  type FileRead,
  type TrustSettings,
  trustSettings,
} from "./certificates.js";
import { type CloudsFiles, type CloudValue, cloudVariables, NO_CLOUDS_FILES } from "./clouds.js";
import { type Credentials, pickCredentials } from "./credentials.js";
import { parseFlags } from "./flags.js";
import { readProxySettings } from "./proxy-settings.js";
import { DEFAULT_REGION, describeRegions, regionHosts, regionOfProjectName } from "./regions.js";
import { named } from "./settings.js";
import type { Source } from "./sources.js";
import {
  type Env,
  endpointVar,
  type LogLevel,
  parseAllowWrite,
  parseLogLevel,
  parseWhole,
  proxyVariables,
  readVar,
} from "./values.js";

/**
 * Configuration: one pure function from environment + argv to what to run. A bad command line
 * stops the process (exit 2); a configuration problem does not: the server starts and every tool
 * call reports it, so the host shows the user what to fix. Nothing here reads process.env or
 * touches the file system; src/main.ts passes them in.
 */

export const DEFAULT_TIMEOUT_MS = 15_000;
/** Under the ~60 s after which desktop hosts give up on a tool call. */
export const DEFAULT_TOOL_TIMEOUT_MS = 30_000;
export const DEFAULT_CONCURRENCY = 8;
export const DEFAULT_RETRIES = 2;

/** What the process needs even when the cloud settings have problems. */
export interface RunSettings {
  logLevel: LogLevel;
  timeoutMs: number;
  toolTimeoutMs: number;
  concurrency: number;
  /** Retries of a read after the first attempt. */
  retries: number;
  allowWrite: boolean;
  demo: boolean;
  /** --check: check the configuration with one read, then exit. */
  check: boolean;
  /** Started as an MCP Bundle (its manifest sets SDRS_MCP_BUNDLE=1): no flags, settings by title. */
  bundle: boolean;
  /** The CA files OS_CACERT, clouds.yaml `cacert` and NODE_EXTRA_CA_CERTS name; read at start. */
  caFiles: readonly CaFileRef[];
  /** --http or SDRS_MCP_HTTP: serve MCP over Streamable HTTP at [HOST:]PORT (team mode). */
  http?: string;
}

/** Where each setting --check prints came from. */
export interface ConfigSources {
  /** One per variable or file the credentials were taken from. */
  credentials: readonly Source[];
  region: Source;
  project?: Source;
  endpoint: Source;
  authUrl: Source;
}

export interface Config extends Omit<RunSettings, "check" | "bundle" | "caFiles"> {
  check?: boolean;
  bundle?: boolean;
  caFiles?: readonly CaFileRef[];
  credentials: Credentials;
  /** Default project for tool calls; a call may name another one. */
  projectId?: string;
  projectName?: string;
  region: string;
  /** Explicit SDRS base URL (SDRS_ENDPOINT); otherwise derived from the catalog or region. */
  endpoint?: string;
  authUrl: string;
  /** HTTPS_PROXY, HTTP_PROXY, NO_PROXY (lower-case first); absent: no proxy. */
  proxy?: ProxySettings;
  /** The CA files read at start (withTrust); absent: Node's default roots alone. */
  trust?: TrustSettings;
  /** Where the settings came from (loadConfig records it; a configuration built in code may not). */
  sources?: ConfigSources;
}

export type ConfigResult =
  | { kind: "serve"; config: Config }
  /** Configuration problems: serve anyway, every tool call answers with these. */
  | { kind: "unconfigured"; settings: RunSettings; problems: string[] }
  | { kind: "help" }
  | { kind: "version" }
  /** A bad command line: print the problems, exit 2. */
  | { kind: "invalid"; problems: string[] };

export const PROJECT_ID_PATTERN = /^[0-9a-f]{32}$/;

/** Names that stand for the same setting: a file value yields to any of them in the environment. */
const ALIASES: Record<string, string[]> = {
  OS_AUTH_TOKEN: ["OS_TOKEN"],
  OS_PROJECT_ID: ["OS_TENANT_ID"],
  OS_PROJECT_NAME: ["OS_TENANT_NAME"],
  OS_USER_DOMAIN_NAME: ["OS_DOMAIN_NAME"],
  OS_DOMAIN_NAME: ["OS_USER_DOMAIN_NAME"],
};

/**
 * @param clouds clouds.yaml and secure.yaml as readCloudsFiles gives them (read only when
 *   OS_CLOUD is set).
 */
export function loadConfig(
  processEnv: Env,
  argv: readonly string[],
  clouds: CloudsFiles = NO_CLOUDS_FILES,
): ConfigResult {
  const flags = parseFlags(argv);
  if (flags.problems.length > 0) return { kind: "invalid", problems: flags.problems };
  if (flags.help) return { kind: "help" };
  if (flags.version) return { kind: "version" };

  const problems: string[] = [];
  const { env, sourceOf } = withCloud(processEnv, clouds, problems);
  // A clouds.yaml problem already says why there are no credentials.
  const cloudFailed = problems.length > 0;
  const settings: RunSettings = {
    logLevel: parseLogLevel(readVar(env, "SDRS_MCP_LOG_LEVEL"), problems),
    timeoutMs: parseWhole(env, "SDRS_MCP_TIMEOUT_MS", [100, 300_000], DEFAULT_TIMEOUT_MS, problems),
    toolTimeoutMs: parseWhole(
      env,
      "SDRS_MCP_TOOL_TIMEOUT_MS",
      [1_000, 600_000],
      DEFAULT_TOOL_TIMEOUT_MS,
      problems,
    ),
    concurrency: parseWhole(env, "SDRS_MCP_CONCURRENCY", [1, 32], DEFAULT_CONCURRENCY, problems),
    retries: parseWhole(env, "SDRS_MCP_RETRIES", [0, 10], DEFAULT_RETRIES, problems),
    allowWrite: flags.allowWrite || parseAllowWrite(env, problems),
    demo: flags.demo,
    check: flags.check,
    bundle: readVar(env, "SDRS_MCP_BUNDLE") === "1",
    caFiles: caFileRefs(env, sourceOf, flags.check),
  };
  const http = flags.http ?? readVar(env, "SDRS_MCP_HTTP");
  if (http !== undefined) settings.http = http;

  // IDs are hexadecimal whatever the case they were copied in; SDRS wants them lower-case.
  const projectId = readVar(env, "OS_PROJECT_ID", "OS_TENANT_ID")?.toLowerCase();
  const projectName = readVar(env, "OS_PROJECT_NAME", "OS_TENANT_NAME");
  if (projectId !== undefined && !PROJECT_ID_PATTERN.test(projectId)) {
    problems.push(`${named("OS_PROJECT_ID")} must be 32 hexadecimal characters`);
  }
  const endpoint = endpointVar(env, "SDRS_ENDPOINT", problems);
  const explicitAuthUrl = endpointVar(env, "OS_AUTH_URL", problems);
  const region = pickRegion(env, projectName, !!(endpoint && explicitAuthUrl), problems);
  const regionSource =
    sourceOf("OS_REGION_NAME") ??
    (regionOfProjectName(projectName)
      ? { from: "default" as const, what: `the prefix of the project name "${projectName}"` }
      : { from: "default" as const, what: "the default region" });
  const authUrl = explicitAuthUrl ?? regionHosts(region)?.authUrl ?? "";
  const proxy = readProxySettings(proxyVariables(env));
  problems.push(...proxy.problems);
  const credentials = flags.demo
    ? ({ kind: "demo" } as const)
    : pickCredentials(env, cloudFailed ? [] : problems, settings.bundle);
  if (credentials?.kind === "password" && !projectId && !projectName) {
    problems.push(`no project: set ${named("OS_PROJECT_ID")} or ${named("OS_PROJECT_NAME")}`);
  }
  // Without credentials the project is needed all the same: say so now, not after the next try.
  if (!flags.demo && !cloudFailed && !credentials && !projectId && !projectName) {
    problems.push(
      `no project: set ${named("OS_PROJECT_ID")} (32 hex characters; with a password ${named("OS_PROJECT_NAME")} is enough)`,
    );
  }
  // Only IAM can turn a project name into an ID, and only the password method talks to IAM.
  if ((credentials?.kind === "token" || credentials?.kind === "aksk") && !projectId) {
    problems.push(
      `no project: set ${named("OS_PROJECT_ID")} (32 hex characters)${projectName ? `; ${named("OS_PROJECT_NAME")} alone is enough only with password authentication` : ""}`,
    );
  }

  if (problems.length > 0 || !credentials) return { kind: "unconfigured", settings, problems };
  return {
    kind: "serve",
    config: {
      ...settings,
      credentials,
      ...(projectId && { projectId }),
      ...(projectName && { projectName }),
      region,
      ...(endpoint && { endpoint }),
      authUrl,
      proxy: proxy.settings,
      sources: {
        credentials: credentialSources(credentials, sourceOf),
        region: regionSource,
        ...(projectId
          ? { project: sourceOf("OS_PROJECT_ID", "OS_TENANT_ID") }
          : projectName && { project: sourceOf("OS_PROJECT_NAME", "OS_TENANT_NAME") }),
        endpoint: sourceOf("SDRS_ENDPOINT") ?? {
          from: "default",
          what:
            credentials.kind === "password"
              ? "the IAM catalog, else the region's default"
              : "the region's default",
        },
        authUrl: sourceOf("OS_AUTH_URL") ?? { from: "default", what: "the region's default" },
      },
    },
  };
}

/** Finds which variable, or which clouds.yaml entry, gave a setting read under these names. */
type SourceOf = (...names: string[]) => Source | undefined;

/**
 * The selected clouds.yaml entry as a layer of variables beneath the real environment, and
 * where each value came from.
 */
function withCloud(
  env: Env,
  clouds: CloudsFiles,
  problems: string[],
): { env: Env; sourceOf: SourceOf } {
  const cloud = readVar(env, "OS_CLOUD");
  const fromCloud = new Map<string, CloudValue>();
  const layered: Record<string, string | undefined> = { ...env };
  if (cloud) {
    for (const [name, found] of Object.entries(cloudVariables(cloud, clouds, problems))) {
      if (readVar(env, name, ...(ALIASES[name] ?? [])) !== undefined) continue;
      layered[name] = found.value;
      fromCloud.set(name, found);
    }
  }
  const sourceOf: SourceOf = (...names) => {
    const name = names.find((n) => readVar(layered, n) !== undefined);
    if (name === undefined) return undefined;
    const found = fromCloud.get(name);
    if (!found || !cloud) return { from: "variable", name };
    return { from: "clouds", cloud, file: found.file, kind: found.kind, key: found.key };
  };
  return { env: layered, sourceOf };
}

/** The variables each kind of credentials reads, for the sources --check names. */
function credentialSources(credentials: Credentials, sourceOf: SourceOf): Source[] {
  const sources = (() => {
    switch (credentials.kind) {
      case "token":
        return [sourceOf("OS_AUTH_TOKEN", "OS_TOKEN")];
      case "aksk":
        return [sourceOf("OS_ACCESS_KEY"), sourceOf("OS_SECRET_KEY")];
      case "password":
        return [sourceOf("OS_USERNAME"), sourceOf("OS_PASSWORD")];
      case "demo":
        return [];
    }
  })();
  return sources.filter((s): s is Source => s !== undefined);
}

/**
 * OS_CACERT (or clouds.yaml `cacert`, relative to that file's folder) and NODE_EXTRA_CA_CERTS,
 * in the order their certificates are added. NODE_EXTRA_CA_CERTS is read only when it must go
 * into OS_CACERT's list, or for --check to show it: otherwise Node has applied it already, and
 * reading a system bundle of a hundred certificates would only slow the start.
 */
function caFileRefs(env: Env, sourceOf: SourceOf, check: boolean): CaFileRef[] {
  const refs: CaFileRef[] = [];
  const caFile = readVar(env, "OS_CACERT");
  const nodeExtra = readVar(env, "NODE_EXTRA_CA_CERTS");
  if (nodeExtra && (caFile || check)) {
    refs.push({
      variable: "NODE_EXTRA_CA_CERTS",
      path: nodeExtra,
      source: { from: "variable", name: "NODE_EXTRA_CA_CERTS" },
    });
  }
  const source = sourceOf("OS_CACERT");
  if (caFile && source) {
    const folder = source.from === "clouds" ? source.file.replace(/[\\/][^\\/]*$/, "") : undefined;
    refs.push({
      variable: "OS_CACERT",
      path: caFile,
      ...(folder && { relativeTo: folder }),
      source,
    });
  }
  return refs;
}

/**
 * The configuration with the CA files read (ca-files.ts): their certificates become the trust
 * settings; a file that cannot be read or holds no certificate is one more problem.
 */
export function withTrust(
  result: ConfigResult,
  read: readonly { ref: CaFileRef; path: string; file: FileRead }[],
): ConfigResult {
  if (read.length === 0) return result;
  if (result.kind === "unconfigured") {
    const problems = [...result.problems];
    trustSettings(read, problems);
    return { ...result, problems };
  }
  if (result.kind !== "serve") return result;
  const problems: string[] = [];
  const trust = trustSettings(read, problems);
  if (problems.length === 0) return { kind: "serve", config: { ...result.config, trust } };
  return { kind: "unconfigured", settings: runSettingsOf(result.config), problems };
}

/** What the process runs with, from a full configuration: its run settings and nothing else. */
export function runSettingsOf(c: Config): RunSettings {
  return {
    logLevel: c.logLevel,
    timeoutMs: c.timeoutMs,
    toolTimeoutMs: c.toolTimeoutMs,
    concurrency: c.concurrency,
    retries: c.retries,
    allowWrite: c.allowWrite,
    demo: c.demo,
    check: !!c.check,
    bundle: !!c.bundle,
    caFiles: c.caFiles ?? [],
    ...(c.http !== undefined && { http: c.http }),
  };
}

/**
 * OS_REGION_NAME, else the project name's prefix, else eu-de. A region outside the table has no
 * default hosts: it is a problem unless both hosts are given explicitly.
 */
function pickRegion(
  env: Env,
  projectName: string | undefined,
  hostsGiven: boolean,
  problems: string[],
): string {
  // Region names are matched without regard to case (EU-DE is eu-de).
  const explicit = readVar(env, "OS_REGION_NAME")?.toLowerCase();
  const region = explicit ?? regionOfProjectName(projectName) ?? DEFAULT_REGION;
  if (regionHosts(region) || hostsGiven) return region;
  const source = explicit
    ? `${named("OS_REGION_NAME")} "${region}"`
    : `region "${region}" (from ${named("OS_PROJECT_NAME")})`;
  problems.push(
    `${source} is not a region sdrs-mcp knows: known are ${describeRegions()}. ` +
      `For another region set both ${named("SDRS_ENDPOINT")} and ${named("OS_AUTH_URL")}` +
      (explicit ? "" : `, or set ${named("OS_REGION_NAME")}`),
  );
  return region;
}
