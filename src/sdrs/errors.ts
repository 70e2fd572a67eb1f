/**
 * One error type for everything that can go wrong talking to SDRS: HTTP errors in each of the
 * documented body shapes, non-JSON bodies from proxies, network failures, timeouts and bodies
 * that do not match the documented schema. It carries what a person needs to act (status,
 * code, a short upstream message, the request line) and never a credential.
 */
import { scrubText } from "../secrets.js";
import { cleanText } from "../text.js";
import { shapeProblem } from "./body-shape.js";

export type SdrsErrorKind = "http" | "network" | "timeout" | "malformed" | "aborted";

export interface SdrsErrorDetails {
  kind: SdrsErrorKind;
  method: string;
  path: string;
  status?: number;
  code?: string;
  upstreamMessage?: string;
  /**
   * The message is text from the upstream body (not sdrs-mcp's own words): shown as a JSON
   * string, so that it cannot close its quotes and pose as part of the answer.
   */
  quoted?: boolean;
  requestId?: string;
  /** Retry-After header of a 429/503, kept for the retry policy. */
  retryAfter?: string;
  /** The proxy (host:port, never its credentials) a network failure went through. */
  proxy?: string;
}

export class SdrsError extends Error {
  readonly kind: SdrsErrorKind;
  readonly method: string;
  readonly path: string;
  readonly status: number | undefined;
  readonly code: string | undefined;
  readonly upstreamMessage: string | undefined;
  readonly requestId: string | undefined;
  readonly retryAfter: string | undefined;
  readonly proxy: string | undefined;

  constructor(details: SdrsErrorDetails) {
    super(describe(details));
    this.name = "SdrsError";
    this.kind = details.kind;
    this.method = details.method;
    this.path = details.path;
    this.status = details.status;
    this.code = details.code;
    this.upstreamMessage = details.upstreamMessage;
    this.requestId = details.requestId;
    this.retryAfter = details.retryAfter;
    this.proxy = details.proxy;
  }
}

function describe(d: SdrsErrorDetails): string {
  const head = d.status ? `HTTP ${d.status}` : d.kind;
  // OpenStack-style bodies repeat the status as their code ({"itemNotFound":{"code":404}}).
  const code = d.code && d.code !== String(d.status) ? ` ${d.code}` : "";
  const text = d.quoted ? JSON.stringify(d.upstreamMessage) : d.upstreamMessage;
  const message = d.upstreamMessage ? `: ${text}` : "";
  const via = d.proxy ? ` via proxy ${d.proxy}` : "";
  return `${head}${code}${message} (${d.method} ${d.path}${via})`;
}

const MAX_UPSTREAM_MESSAGE = 300;
/** What of a non-JSON body is looked at: its beginning and its end, before any pattern runs. */
const EXCERPT_CHARS = 2_000;

/**
 * Finds code and message in any documented error body:
 * `{"error":{"code","message"}}`, `{"badrequest":{...}}`, `{"itemNotFound":{...}}` (any single
 * wrapper key), the API gateway's `{"error_code","error_msg","request_id"}`, the job API's
 * top-level `{"code","message"}`; anything else (HTML from a proxy, plain text) becomes a
 * cleaned excerpt. The body can be as large as the body cap and is hostile by assumption: it is
 * cut before any pattern runs, and the patterns are linear (`<[^<>]*>` cannot rescan a run of
 * `<`, the quadratic trap of `<[^>]*>`). `secrets` (and token patterns) are redacted from the
 * text before anything cuts it, so an echoed credential leaves no fragment.
 */
export function parseErrorBody(
  body: string,
  secrets: readonly string[] = [],
): {
  code?: string;
  message?: string;
  requestId?: string;
} {
  const clean = (text: string, length: number) => cleanText(scrubText(text, secrets), length);
  const json = parseJson(body);
  if (json === NOT_JSON) {
    const text = clean(
      excerpt(scrubText(body, secrets)).replace(/<[^<>]*>/g, " "),
      MAX_UPSTREAM_MESSAGE,
    );
    return text ? { message: text } : {};
  }
  if (!isRecord(json)) return {};
  const gateway = pick(json, "error_code", "error_msg", clean);
  if (gateway) {
    const requestId = typeof json.request_id === "string" ? json.request_id : undefined;
    return { ...gateway, ...(requestId && { requestId: clean(requestId, 64) }) };
  }
  const direct = pick(json, "code", "message", clean);
  if (direct) return direct;
  for (const value of Object.values(json)) {
    if (isRecord(value)) {
      const wrapped = pick(value, "code", "message", clean);
      if (wrapped) return wrapped;
    }
  }
  return {};
}

const NOT_JSON = Symbol("not JSON");

/** A body too costly to parse (see body-shape) is read as text, like a proxy's page. */
function parseJson(body: string): unknown {
  if (shapeProblem(body)) return NOT_JSON;
  try {
    return JSON.parse(body);
  } catch {
    return NOT_JSON;
  }
}

/** The first and last EXCERPT_CHARS characters: a proxy's page says what it is at both ends. */
function excerpt(body: string): string {
  if (body.length <= 2 * EXCERPT_CHARS) return body;
  return `${body.slice(0, EXCERPT_CHARS)} … ${body.slice(-EXCERPT_CHARS)}`;
}

function pick(
  record: Record<string, unknown>,
  codeKey: string,
  messageKey: string,
  clean: (text: string, length: number) => string,
): { code?: string; message?: string } | undefined {
  const code = record[codeKey];
  const message = record[messageKey];
  const hasCode = typeof code === "string" || typeof code === "number";
  if (!hasCode && typeof message !== "string") return undefined;
  return {
    ...(hasCode && { code: clean(String(code), 40) }),
    ...(typeof message === "string" && { message: clean(message, MAX_UPSTREAM_MESSAGE) }),
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
