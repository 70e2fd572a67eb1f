/**
 * Reading one environment variable at a time: blanks and unset MCP Bundle fields count as unset,
 * and a bad value becomes a problem that names the variable and its bundle setting.
 */
import { checkEndpoint } from "./endpoint.js";
import { named } from "./settings.js";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export type Env = Readonly<Record<string, string | undefined>>;

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

/** The proxy variables as readVar sees them (an unset bundle field is no proxy). */
export function proxyVariables(env: Env): Env {
  const names = ["HTTPS_PROXY", "HTTP_PROXY", "NO_PROXY"].flatMap((n) => [n, n.toLowerCase()]);
  return Object.fromEntries(names.map((name) => [name, readVar(env, name)]));
}

/** SDRS_ENDPOINT / OS_AUTH_URL through the one endpoint rule (https, loopback-only http). */
export function endpointVar(
  env: Env,
  name: "SDRS_ENDPOINT" | "OS_AUTH_URL",
  problems: string[],
): string | undefined {
  const value = readVar(env, name);
  if (value === undefined) return undefined;
  const checked = checkEndpoint(value, named(name), { stripApiPath: name === "SDRS_ENDPOINT" });
  if (checked.problem !== undefined) problems.push(checked.problem);
  return checked.url;
}

export function parseLogLevel(value: string | undefined, problems: string[]): LogLevel {
  if (value === undefined) return "info";
  const level = value.toLowerCase();
  if ((LOG_LEVELS as readonly string[]).includes(level)) return level as LogLevel;
  problems.push(
    `${named("SDRS_MCP_LOG_LEVEL")} "${value}" must be one of ${LOG_LEVELS.join(", ")}`,
  );
  return "info";
}

export function parseWhole(
  env: Env,
  name:
    | "SDRS_MCP_TIMEOUT_MS"
    | "SDRS_MCP_TOOL_TIMEOUT_MS"
    | "SDRS_MCP_CONCURRENCY"
    | "SDRS_MCP_RETRIES",
  [min, max]: [number, number],
  fallback: number,
  problems: string[],
): number {
  const value = readVar(env, name);
  if (value === undefined) return fallback;
  const n = Number(value);
  if (/^\d+$/.test(value) && n >= min && n <= max) return n;
  problems.push(`${named(name)} "${value}" must be a whole number from ${min} to ${max}`);
  return fallback;
}

export function parseAllowWrite(env: Env, problems: string[]): boolean {
  return readBoolean(env, "SDRS_MCP_ALLOW_WRITE", problems, named("SDRS_MCP_ALLOW_WRITE"));
}

/**
 * A switch: true or 1, false or 0 (any case), absent is false. Anything else is a problem that
 * names it as `label` and quotes at most `quoted` characters of the value.
 */
export function readBoolean(
  env: Env,
  name: string,
  problems: string[],
  label = name,
  quoted = Number.POSITIVE_INFINITY,
): boolean {
  const value = readVar(env, name)?.toLowerCase();
  if (value === undefined || value === "false" || value === "0") return false;
  if (value === "true" || value === "1") return true;
  problems.push(`${label} "${value.slice(0, quoted)}" must be true or false`);
  return false;
}
