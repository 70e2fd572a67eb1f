import { type CloudsDocument, cloudVariables } from "./auth/clouds.js";

/**
 * Configuration: one pure function from environment + argv to a config or every problem found.
 * Nothing here reads process.env or touches the file system; src/index.ts passes them in.
 */

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export const DEFAULT_TIMEOUT_MS = 15_000;
/** Under the ~60 s after which desktop hosts give up on a tool call. */
export const DEFAULT_TOOL_TIMEOUT_MS = 30_000;
export const DEFAULT_CONCURRENCY = 8;
export const DEFAULT_RETRIES = 2;
export const DEFAULT_REGION = "eu-de";

export type Credentials =
  | { kind: "token"; token: string }
  | { kind: "aksk"; accessKey: string; secretKey: string; securityToken?: string }
  | {
      kind: "password";
      username: string;
      password: string;
      userDomainName?: string;
      userDomainId?: string;
    }
  /** --demo: the embedded simulator issues its own token. */
  | { kind: "demo" };

export interface Config {
  credentials: Credentials;
  /** Default project for tool calls; a call may name another one. */
  projectId?: string;
  projectName?: string;
  region: string;
  /** Explicit SDRS base URL (SDRS_ENDPOINT); otherwise derived from the catalog or region. */
  endpoint?: string;
  authUrl: string;
  logLevel: LogLevel;
  timeoutMs: number;
  toolTimeoutMs: number;
  concurrency: number;
  /** Retries of a read after the first attempt. */
  retries: number;
  allowWrite: boolean;
  demo: boolean;
}

export type ConfigResult =
  | { kind: "serve"; config: Config }
  | { kind: "help" }
  | { kind: "version" }
  | { kind: "invalid"; problems: string[] };

export type Env = Readonly<Record<string, string | undefined>>;

const FLAGS = ["--demo", "--allow-write", "--help", "-h", "--version", "-v"] as const;
export const PROJECT_ID_PATTERN = /^[0-9a-f]{32}$/;

/**
 * Reads a variable, treating blanks and unset MCP Bundle fields (`${user_config.x}`, which a
 * host passes through literally when the user left the field empty) as unset.
 */
export function readVar(env: Env, ...names: string[]): string | undefined {
  for (const name of names) {
    const value = env[name]?.trim();
    if (value && !/^\$\{user_config\.[^}]*\}$/.test(value)) return value;
  }
  return undefined;
}

/** Names that stand for the same setting: a file value yields to any of them in the environment. */
const ALIASES: Record<string, string[]> = {
  OS_AUTH_TOKEN: ["OS_TOKEN"],
  OS_PROJECT_ID: ["OS_TENANT_ID"],
  OS_PROJECT_NAME: ["OS_TENANT_NAME"],
  OS_USER_DOMAIN_NAME: ["OS_DOMAIN_NAME"],
  OS_DOMAIN_NAME: ["OS_USER_DOMAIN_NAME"],
};

/**
 * @param cloudsDocuments clouds.yaml and secure.yaml, parsed, least specific first; read by the
 *   caller only when OS_CLOUD is set.
 */
export function loadConfig(
  processEnv: Env,
  argv: readonly string[],
  cloudsDocuments: readonly CloudsDocument[] = [],
): ConfigResult {
  const problems: string[] = [];
  const env = withCloud(processEnv, cloudsDocuments, problems);
  const flags = new Set<string>();
  for (const arg of argv) {
    if ((FLAGS as readonly string[]).includes(arg)) flags.add(arg);
    else problems.push(`unknown argument "${arg}": allowed are ${FLAGS.join(", ")}`);
  }
  if (problems.length === 0 && (flags.has("--help") || flags.has("-h"))) return { kind: "help" };
  if (problems.length === 0 && (flags.has("--version") || flags.has("-v"))) {
    return { kind: "version" };
  }

  const demo = flags.has("--demo");
  const projectId = readVar(env, "OS_PROJECT_ID", "OS_TENANT_ID");
  const projectName = readVar(env, "OS_PROJECT_NAME", "OS_TENANT_NAME");
  if (projectId !== undefined && !PROJECT_ID_PATTERN.test(projectId)) {
    problems.push("OS_PROJECT_ID must be 32 lowercase hexadecimal characters");
  }
  const region = readVar(env, "OS_REGION_NAME") ?? regionFromProjectName(projectName);
  if (!/^[a-z]{2}-[a-z0-9]+$/.test(region)) {
    problems.push(`OS_REGION_NAME "${region}" is not a region name such as eu-de or eu-nl`);
  }

  const endpoint = parseEndpoint(readVar(env, "SDRS_ENDPOINT"), "SDRS_ENDPOINT", problems);
  const authUrl =
    parseEndpoint(readVar(env, "OS_AUTH_URL"), "OS_AUTH_URL", problems, false) ??
    `https://iam.${region}.otc.t-systems.com/v3`;
  const logLevel = parseLogLevel(readVar(env, "SDRS_MCP_LOG_LEVEL"), problems);
  const timeoutMs = parseWhole(
    env,
    "SDRS_MCP_TIMEOUT_MS",
    100,
    300_000,
    DEFAULT_TIMEOUT_MS,
    problems,
  );
  const toolTimeoutMs = parseWhole(
    env,
    "SDRS_MCP_TOOL_TIMEOUT_MS",
    1_000,
    600_000,
    DEFAULT_TOOL_TIMEOUT_MS,
    problems,
  );
  const concurrency = parseWhole(env, "SDRS_MCP_CONCURRENCY", 1, 32, DEFAULT_CONCURRENCY, problems);
  const retries = parseWhole(env, "SDRS_MCP_RETRIES", 0, 10, DEFAULT_RETRIES, problems);
  const allowWrite = flags.has("--allow-write") || parseAllowWrite(env, problems);
  const credentials: Credentials | undefined = demo
    ? { kind: "demo" }
    : pickCredentials(env, problems);
  if (credentials?.kind === "password" && !projectId && !projectName) {
    problems.push("no project: set OS_PROJECT_ID (32 hex characters) or OS_PROJECT_NAME");
  }
  // Only IAM can turn a project name into an ID, and only the password method talks to IAM.
  if ((credentials?.kind === "token" || credentials?.kind === "aksk") && !projectId) {
    problems.push(
      `no project: set OS_PROJECT_ID (32 hex characters)${projectName ? "; OS_PROJECT_NAME alone is enough only with password authentication" : ""}`,
    );
  }

  if (problems.length > 0 || !credentials) return { kind: "invalid", problems };
  return {
    kind: "serve",
    config: {
      credentials,
      ...(projectId && { projectId }),
      ...(projectName && { projectName }),
      region,
      ...(endpoint && { endpoint }),
      authUrl,
      logLevel,
      timeoutMs,
      toolTimeoutMs,
      concurrency,
      retries,
      allowWrite,
      demo,
    },
  };
}

/** The selected clouds.yaml entry as a layer of variables beneath the real environment. */
function withCloud(env: Env, documents: readonly CloudsDocument[], problems: string[]): Env {
  const cloud = readVar(env, "OS_CLOUD");
  if (!cloud) return env;
  const layered: Record<string, string | undefined> = { ...env };
  for (const [name, value] of Object.entries(cloudVariables(cloud, documents, problems))) {
    if (readVar(env, name, ...(ALIASES[name] ?? [])) === undefined) layered[name] = value;
  }
  return layered;
}

/** Precedence as in the Terraform provider: token, then AK/SK, then password. */
function pickCredentials(env: Env, problems: string[]): Credentials | undefined {
  const token = readVar(env, "OS_AUTH_TOKEN", "OS_TOKEN");
  if (token) return { kind: "token", token };

  const accessKey = readVar(env, "OS_ACCESS_KEY");
  const secretKey = readVar(env, "OS_SECRET_KEY");
  if (accessKey || secretKey) {
    if (!accessKey || !secretKey) {
      problems.push("AK/SK signing needs both OS_ACCESS_KEY and OS_SECRET_KEY");
      return undefined;
    }
    const securityToken = readVar(env, "OS_SECURITY_TOKEN");
    return { kind: "aksk", accessKey, secretKey, ...(securityToken && { securityToken }) };
  }

  const username = readVar(env, "OS_USERNAME");
  const password = readVar(env, "OS_PASSWORD");
  if (username || password) {
    const userDomainName = readVar(env, "OS_USER_DOMAIN_NAME", "OS_DOMAIN_NAME");
    const userDomainId = readVar(env, "OS_USER_DOMAIN_ID");
    if (!username) problems.push("password authentication needs OS_USERNAME");
    if (!password) problems.push("password authentication needs OS_PASSWORD");
    if (!userDomainName && !userDomainId) {
      problems.push("password authentication needs OS_USER_DOMAIN_NAME or OS_USER_DOMAIN_ID");
    }
    if (!username || !password || (!userDomainName && !userDomainId)) return undefined;
    return {
      kind: "password",
      username,
      password,
      ...(userDomainName && { userDomainName }),
      ...(userDomainId && { userDomainId }),
    };
  }

  problems.push(
    "no credentials: set OS_AUTH_TOKEN, or OS_ACCESS_KEY and OS_SECRET_KEY, or OS_USERNAME, " +
      "OS_PASSWORD and OS_USER_DOMAIN_NAME, or OS_CLOUD; or run with --demo to try it without an account",
  );
  return undefined;
}

/** `eu-de_myproject` is a sub-project of region eu-de. */
export function regionFromProjectName(projectName: string | undefined): string {
  const prefix = projectName?.split("_")[0];
  return prefix && /^[a-z]{2}-[a-z0-9]+$/.test(prefix) ? prefix : DEFAULT_REGION;
}

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/**
 * An https URL, or http for loopback hosts only (the simulator, tests): anything else would
 * send credentials in clear text.
 */
function parseEndpoint(
  value: string | undefined,
  name: string,
  problems: string[],
  stripApiPath = true,
): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    problems.push(`${name} "${value}" is not a URL; expected https://host[:port]`);
    return undefined;
  }
  const loopback = LOOPBACK_HOSTS.test(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    problems.push(`${name} must use https:// (http:// is accepted only for localhost/127.0.0.1)`);
    return undefined;
  }
  if (url.username || url.password || url.search || url.hash) {
    problems.push(`${name} must not carry credentials, a query or a fragment`);
    return undefined;
  }
  // The token catalog lists SDRS as https://host/v1/<project_id>; accept that form too.
  const path = stripApiPath ? url.pathname.replace(/\/v1(\/[0-9a-f]{32})?\/?$/, "") : url.pathname;
  return `${url.origin}${path.replace(/\/+$/, "")}`;
}

function parseLogLevel(value: string | undefined, problems: string[]): LogLevel {
  if (value === undefined) return "info";
  const level = value.toLowerCase();
  if ((LOG_LEVELS as readonly string[]).includes(level)) return level as LogLevel;
  problems.push(`SDRS_MCP_LOG_LEVEL "${value}" must be one of ${LOG_LEVELS.join(", ")}`);
  return "info";
}

function parseWhole(
  env: Env,
  name: string,
  min: number,
  max: number,
  fallback: number,
  problems: string[],
): number {
  const value = readVar(env, name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (/^\d+$/.test(value) && n >= min && n <= max) return n;
  problems.push(`${name} "${value}" must be a whole number from ${min} to ${max}`);
  return fallback;
}

function parseAllowWrite(env: Env, problems: string[]): boolean {
  const value = readVar(env, "SDRS_MCP_ALLOW_WRITE")?.toLowerCase();
  if (value === undefined || value === "false" || value === "0") return false;
  if (value === "true" || value === "1") return true;
  problems.push(`SDRS_MCP_ALLOW_WRITE "${value}" must be true or false`);
  return false;
}
