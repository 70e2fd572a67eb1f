/**
 * Team mode's settings (`--http [HOST:]PORT`): where to listen, OAuth, the state key, the
 * browser-facing checks and the project allow-list. Pure, like loadConfig: src/main.ts passes
 * the environment in. Every problem here stops the server (exit 2): a shared server that
 * listened without authentication, or with state no other replica can read, must not start.
 */

import { withoutUserInfo } from "../text/secrets.js";
import { PROJECT_ID_PATTERN } from "./config.js";
import { checkEndpoint, isLoopbackHost } from "./endpoint.js";
import { type Env, readBoolean, readVar } from "./values.js";

export interface ListenAddress {
  /** As `listen()` takes it: an IPv6 address without brackets. */
  host: string;
  /** 0 lets the system pick a free port (tests); the start-up line names the one it got. */
  port: number;
}

export interface OAuthSettings {
  /** Exactly as configured: compared with the tokens' `iss`. */
  issuer: string;
  /** The MCP endpoint as clients reach it: the resource identifier and the tokens' audience. */
  publicUrl: string;
}

export interface TeamSettings {
  listen: ListenAddress;
  loopback: boolean;
  /** Absent only on loopback: then every request is the subject "local". */
  oauth?: OAuthSettings;
  /** SDRS_MCP_STATE_KEY; absent only on loopback, where a random key is made at start. */
  stateKey?: Buffer;
  /** Origins a browser may call from (SDRS_MCP_ALLOWED_ORIGINS); CORS only for these. */
  allowedOrigins: string[];
  /** Host header values served besides the public URL's host and the listening address. */
  allowedHosts: string[];
  /** SDRS_MCP_TRUST_PROXY=true: X-Forwarded-* headers are believed. */
  trustProxy: boolean;
  /** SDRS_MCP_PROJECTS; absent: the configured project only. */
  projects?: string[];
}

export type TeamSettingsResult = { settings: TeamSettings } | { problems: string[] };

const DEFAULT_HOST = "127.0.0.1";
/** The shortest state key: HMAC-SHA256 is as strong as its 256-bit key, no stronger. */
const MIN_STATE_KEY_BYTES = 32;
const KEY_HINT = `at least ${MIN_STATE_KEY_BYTES} bytes, written as 64 hexadecimal characters (openssl rand -hex 32) or in base64 (openssl rand -base64 32), the same on every replica`;

export function loadTeamSettings(env: Env, listenSpec: string): TeamSettingsResult {
  const problems: string[] = [];
  const listen = parseListen(listenSpec, problems);
  const loopback = listen ? isLoopbackHost(bracketed(listen.host)) : false;
  const oauth = readOAuth(env, problems);
  const keyValue = readVar(env, "SDRS_MCP_STATE_KEY");
  const stateKey = keyValue === undefined ? undefined : parseStateKey(keyValue);
  if (keyValue !== undefined && !stateKey) {
    problems.push(`SDRS_MCP_STATE_KEY is not a usable key: it must be ${KEY_HINT}`);
  }
  if (listen && !loopback) {
    const where = `${bracketed(listen.host)}:${listen.port}`;
    if (!oauth && !problems.some((p) => p.startsWith("SDRS_MCP_OAUTH_ISSUER"))) {
      problems.push(
        `refusing to listen on ${where} (not a loopback address) without OAuth: set SDRS_MCP_OAUTH_ISSUER (the authorization server) and SDRS_MCP_PUBLIC_URL (this server's MCP endpoint as clients reach it, e.g. https://dr.example.com/mcp); see docs/team-mode.md`,
      );
    }
    if (keyValue === undefined) {
      problems.push(
        `refusing to listen on ${where} (not a loopback address) without SDRS_MCP_STATE_KEY: set it to ${KEY_HINT}`,
      );
    }
  }
  const allowedOrigins = listOf(env, "SDRS_MCP_ALLOWED_ORIGINS").flatMap((value) =>
    origin(value, problems),
  );
  const allowedHosts = listOf(env, "SDRS_MCP_ALLOWED_HOSTS").flatMap((value) =>
    hostEntry(value, problems),
  );
  const trustProxy = readBoolean(env, "SDRS_MCP_TRUST_PROXY", problems, undefined, 20);
  const projects = readProjects(env, problems);
  if (problems.length > 0 || !listen) return { problems };
  return {
    settings: {
      listen,
      loopback,
      ...(oauth && { oauth }),
      ...(stateKey && { stateKey }),
      allowedOrigins,
      allowedHosts,
      trustProxy,
      ...(projects && { projects }),
    },
  };
}

/** `PORT`, `HOST:PORT` or `[IPv6]:PORT`; the host defaults to 127.0.0.1. */
export function parseListen(spec: string, problems: string[]): ListenAddress | undefined {
  const match = /^(?:(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+):)?(\d{1,5})$/.exec(spec.trim());
  const port = Number(match?.[2]);
  if (!match || port > 65_535) {
    problems.push(
      `--http (or SDRS_MCP_HTTP) "${spec.slice(0, 80)}" must be [HOST:]PORT, e.g. 8080, 127.0.0.1:8080 or 0.0.0.0:8080 (a port from 0 to 65535)`,
    );
    return undefined;
  }
  const host = match[1]?.replace(/^\[(.*)\]$/, "$1") ?? DEFAULT_HOST;
  return { host, port };
}

/** An IPv6 address in brackets, as URLs and Host headers write it. */
export function bracketed(host: string): string {
  return host.includes(":") ? `[${host}]` : host;
}

/**
 * Hexadecimal (64 characters or more), else base64 (standard or URL-safe); at least 32 bytes.
 * A value of hex digits only is read as hex: a hex key cut short must not pass as base64.
 */
export function parseStateKey(value: string): Buffer | undefined {
  const text = value.trim();
  if (/^[0-9a-fA-F]+$/.test(text)) {
    const whole = text.length % 2 === 0 && text.length >= 2 * MIN_STATE_KEY_BYTES;
    return whole ? Buffer.from(text, "hex") : undefined;
  }
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) return undefined;
  const bytes = Buffer.from(text.replace(/-/g, "+").replace(/_/g, "/"), "base64");
  return bytes.length >= MIN_STATE_KEY_BYTES ? bytes : undefined;
}

function readOAuth(env: Env, problems: string[]): OAuthSettings | undefined {
  const issuer = readVar(env, "SDRS_MCP_OAUTH_ISSUER");
  const publicUrl = readVar(env, "SDRS_MCP_PUBLIC_URL");
  if (issuer === undefined && publicUrl === undefined) return undefined;
  if (issuer === undefined || publicUrl === undefined) {
    const missing = issuer === undefined ? "SDRS_MCP_OAUTH_ISSUER" : "SDRS_MCP_PUBLIC_URL";
    problems.push(
      `SDRS_MCP_OAUTH_ISSUER and SDRS_MCP_PUBLIC_URL go together: ${missing} is not set`,
    );
    return undefined;
  }
  const before = problems.length;
  for (const [name, value] of [
    ["SDRS_MCP_OAUTH_ISSUER", issuer],
    ["SDRS_MCP_PUBLIC_URL", publicUrl],
  ] as const) {
    const checked = checkEndpoint(value, name);
    if (checked.problem !== undefined) problems.push(checked.problem);
  }
  return problems.length === before ? { issuer, publicUrl } : undefined;
}

function listOf(env: Env, name: string): string[] {
  return (readVar(env, name) ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** `scheme://host[:port]`, as browsers send it in the Origin header. */
function origin(value: string, problems: string[]): string[] {
  try {
    const url = new URL(value);
    const bare = url.pathname === "/" && !url.search && !url.hash && !url.username;
    if ((url.protocol === "http:" || url.protocol === "https:") && bare) return [url.origin];
  } catch {}
  problems.push(
    `SDRS_MCP_ALLOWED_ORIGINS entry "${withoutUserInfo(value, "value").slice(0, 80)}" must be an origin like https://app.example.com (scheme, host and port only; no wildcard)`,
  );
  return [];
}

/** `host` (any port) or `host:port`, as the Host header carries it. */
function hostEntry(value: string, problems: string[]): string[] {
  if (/^(\[[0-9a-fA-F:.]+\]|[A-Za-z0-9.-]+)(:\d{1,5})?$/.test(value)) return [value.toLowerCase()];
  problems.push(
    `SDRS_MCP_ALLOWED_HOSTS entry "${withoutUserInfo(value, "value").slice(0, 80)}" must be a host name or address, optionally with :port`,
  );
  return [];
}

function readProjects(env: Env, problems: string[]): string[] | undefined {
  // Either case, as OS_PROJECT_ID: a call's project_id is lower-cased before it is compared.
  const ids = listOf(env, "SDRS_MCP_PROJECTS").map((id) => id.toLowerCase());
  if (ids.length === 0) return undefined;
  const bad = ids.filter((id) => !PROJECT_ID_PATTERN.test(id));
  if (bad.length > 0) {
    problems.push(
      `SDRS_MCP_PROJECTS must list project IDs (32 hexadecimal characters), comma-separated; not: ${bad
        .slice(0, 3)
        .map((id) => JSON.stringify(id.slice(0, 40)))
        .join(", ")}`,
    );
  }
  return ids;
}
