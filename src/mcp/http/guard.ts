/**
 * What a browser must not be able to do to a team-mode server. DNS rebinding: a page on
 * evil.example whose name resolves to the server's address reaches it with `Host:
 * evil.example` and `Origin: http://evil.example`, so both are checked: the Host must be one of
 * the server's names, and an Origin, when present, must be listed in SDRS_MCP_ALLOWED_ORIGINS.
 * CORS headers go only to listed origins; without the list there is no CORS at all.
 * X-Forwarded-Host is believed only with SDRS_MCP_TRUST_PROXY=true.
 */
import type { IncomingMessage, OutgoingHttpHeaders } from "node:http";
import { bracketed, type TeamSettings } from "../../config/team.js";

export interface HostPattern {
  host: string;
  /** Undefined: any port. */
  port?: string;
}

/**
 * The Host values served: the public URL's host, the listening address, SDRS_MCP_ALLOWED_HOSTS,
 * and on loopback localhost / 127.0.0.1 / [::1] with the port listened on.
 */
export function allowedHosts(settings: TeamSettings, port: number): HostPattern[] {
  const patterns: HostPattern[] = [];
  const add = (value: string) => {
    const parsed = parseHost(value);
    if (parsed) patterns.push(parsed);
  };
  if (settings.oauth) add(new URL(settings.oauth.publicUrl).host);
  add(`${bracketed(settings.listen.host)}:${port}`);
  if (settings.loopback) {
    for (const alias of ["localhost", "127.0.0.1", "[::1]"]) {
      add(`${alias}:${port}`);
      if (port === 80) add(alias);
    }
  }
  for (const entry of settings.allowedHosts) add(entry);
  return patterns;
}

/** `host[:port]` in lower case; an IPv6 address keeps its brackets. */
function parseHost(value: string): HostPattern | undefined {
  const match = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?$/.exec(value.trim().toLowerCase());
  if (!match?.[1]) return undefined;
  return match[2] === undefined ? { host: match[1] } : { host: match[1], port: match[2] };
}

export function hostAllowed(value: string | undefined, allowed: readonly HostPattern[]): boolean {
  const given = value === undefined ? undefined : parseHost(value);
  if (!given) return false;
  return allowed.some(
    (p) => p.host === given.host && (p.port === undefined || p.port === given.port),
  );
}

/** The Host the client used: X-Forwarded-Host from a trusted proxy, else Host. */
export function requestHost(req: IncomingMessage, trustProxy: boolean): string | undefined {
  const forwarded = trustProxy ? firstValue(req.headers["x-forwarded-host"]) : undefined;
  return forwarded ?? req.headers.host;
}

/** The client's address for the log: X-Forwarded-For's first hop from a trusted proxy. */
export function clientAddress(req: IncomingMessage, trustProxy: boolean): string | undefined {
  const forwarded = trustProxy ? firstValue(req.headers["x-forwarded-for"]) : undefined;
  return forwarded ?? req.socket.remoteAddress;
}

/** undefined: no Origin; else whether it is listed. */
export function originAllowed(req: IncomingMessage, allowed: readonly string[]): boolean {
  const origin = req.headers.origin;
  return origin === undefined || allowed.includes(origin.toLowerCase());
}

/** CORS headers for a listed Origin (none otherwise). */
export function corsHeaders(req: IncomingMessage, allowed: readonly string[]): OutgoingHttpHeaders {
  const origin = req.headers.origin?.toLowerCase();
  if (origin === undefined || !allowed.includes(origin)) return {};
  return {
    "access-control-allow-origin": origin,
    "access-control-expose-headers": "WWW-Authenticate, Mcp-Session-Id, Mcp-Protocol-Version",
    vary: "Origin",
  };
}

/** The answer to a CORS preflight from a listed origin. */
export const PREFLIGHT_HEADERS: OutgoingHttpHeaders = {
  "access-control-allow-methods": "GET, POST, OPTIONS",
  "access-control-allow-headers":
    "Authorization, Content-Type, Accept, Mcp-Protocol-Version, Mcp-Session-Id, Last-Event-ID",
  "access-control-max-age": "600",
};

function firstValue(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return value?.split(",")[0]?.trim() || undefined;
}
