/**
 * The code and message of an upstream error body (SDRS, the API gateway, IAM, a proxy's page),
 * cut and cleaned: the body is hostile by assumption, so it is cut before any pattern runs.
 */

import { cleanText } from "../text/clean.js";
import { scrubText } from "../text/secrets.js";
import { shapeProblem } from "./body-shape.js";

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
