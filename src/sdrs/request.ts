/**
 * One request to SDRS: authentication, the shared HTTP exchange (http/transport.ts), retries for
 * reads, and every failure turned into an SdrsError. The query sent is the query an AK/SK
 * signature covers, byte for byte (http/query.ts).
 */
import type { Logger } from "pino";
import type { z } from "zod";
import type { Authenticator } from "../auth/types.js";
import { readJson } from "../http/body-shape.js";
import { parseErrorBody } from "../http/error-body.js";
import { encodeQuery } from "../http/query.js";
import { DEFAULT_RETRY, type RetryPolicy, retriesSpent, withRetries } from "../http/retry.js";
import { exchange, type Incoming, type Transport, TransportError } from "../http/transport.js";
import { cleanText } from "../text/clean.js";
import { jsonMayHoldSecret, scrubDeep, scrubText } from "../text/secrets.js";
import { SdrsError, type SdrsErrorDetails, type SdrsErrorKind } from "./errors.js";

export interface HttpContext extends Transport {
  /** SDRS base URL (scheme, host, optional port); resolved lazily for catalog discovery. */
  endpoint: () => Promise<string>;
  auth: Authenticator;
  /**
   * The credentials in use: redacted from every answer as it arrives, before anything cuts or
   * cleans it (a cut can leave half a token that no later scrub recognises): from an error
   * body's text, and from the string values (never the keys) of a parsed answer.
   */
  secrets?: () => readonly string[];
  logger?: Logger;
  retry?: RetryPolicy;
}

/** A request's query parameters; undefined ones are left out. */
export type Query = Record<string, string | number | undefined>;

export interface RequestSpec<T> {
  method: "GET" | "DELETE";
  /** Already encoded, from apiPath(). */
  path: string;
  query?: Query;
  schema?: z.ZodType<T>;
  signal?: AbortSignal;
}

export interface SdrsResponse<T> {
  data: T;
  /** The upstream body as received, credentials redacted (what the raw resource serves). */
  body: string;
  /**
   * The body's bytes as received, when nothing in it was redacted: `body` in UTF-8 without
   * encoding it again (they decode to `body`).
   */
  bytes?: Uint8Array;
  status: number;
}

export async function sdrsRequest<T>(
  ctx: HttpContext,
  spec: RequestSpec<T>,
): Promise<SdrsResponse<T>> {
  // Deletes are never retried: a delete that timed out may have been applied.
  const policy =
    spec.method === "GET" ? (ctx.retry ?? DEFAULT_RETRY) : { ...DEFAULT_RETRY, retries: 0 };
  const attempt = () =>
    withRetries(policy, () => attemptOnce(ctx, spec), {
      signal: spec.signal,
      onRetry: (n, delay) =>
        ctx.logger?.debug({ path: spec.path, attempt: n, delay }, "retrying SDRS request"),
    });
  try {
    return await attempt();
  } catch (error) {
    // A 401 drops a renewable IAM token; one more try with a fresh one.
    if (error instanceof SdrsError && error.status === 401 && ctx.auth.invalidate()) {
      return attempt();
    }
    throw error;
  }
}

/** A read of `path`, its answer checked against `schema`. */
export function sdrsGet<T>(
  ctx: HttpContext,
  path: string,
  schema: z.ZodType<T>,
  query: Query = {},
  signal?: AbortSignal,
): Promise<SdrsResponse<T>> {
  return sdrsRequest(ctx, { method: "GET", path, query, schema, signal });
}

async function attemptOnce<T>(ctx: HttpContext, spec: RequestSpec<T>): Promise<SdrsResponse<T>> {
  const url = new URL(`${await ctx.endpoint()}${spec.path}`);
  url.search = encodeQuery(spec.query);
  const fail = (kind: SdrsErrorKind, extra: Partial<SdrsErrorDetails> = {}) =>
    new SdrsError({ kind, method: spec.method, path: spec.path, ...extra });
  // Authentication failures (IAM refusing the password, IAM unreachable) propagate as they are:
  // they are not SDRS errors, and IAM's token request has spent its own retries already.
  const headers = await ctx.auth.authorize(
    { method: spec.method, url, headers: { "user-agent": ctx.userAgent }, body: "" },
    spec.signal,
  );
  const started = performance.now();
  try {
    return await exchange(
      ctx,
      { method: spec.method, url, headers, signal: spec.signal },
      (answer) => {
        ctx.logger?.debug(
          {
            method: spec.method,
            path: spec.path,
            status: answer.status,
            ms: Math.round(performance.now() - started),
          },
          "SDRS response",
        );
        const secrets = ctx.secrets?.() ?? [];
        if (answer.status >= 300) throw httpError(answer, secrets, fail, ctx.auth.kind);
        // One look at the text decides: a body that holds no credential (nearly every one) is
        // parsed, validated and kept as it is; one that may is redacted value by value before
        // validation, and its text once for the raw resource.
        if (!jsonMayHoldSecret(answer.body, secrets)) {
          const data = parseBody(spec, answer.body, fail);
          return { data, body: answer.body, bytes: answer.bytes, status: answer.status };
        }
        const data = parseBody(spec, answer.body, fail, secrets);
        return { data, body: redactedBody(spec, answer.body, secrets), status: answer.status };
      },
    );
  } catch (error) {
    if (!(error instanceof TransportError)) throw error;
    const failure = fail(sdrsKind(error), {
      upstreamMessage: error.message,
      ...(error.kind !== "proxy-refused" && error.status && { status: error.status }),
      ...(error.proxy && { proxy: error.proxy }),
      ...(error.certificate && { certificateReason: error.certificate.reason }),
    });
    // Retrying would offer the refused proxy credentials again.
    throw error.kind === "proxy-refused" ? retriesSpent(failure) : failure;
  }
}

function sdrsKind(error: TransportError): SdrsErrorKind {
  switch (error.kind) {
    case "too-large":
      return "malformed";
    case "redirect":
      return "http";
    case "proxy-refused":
      return "network";
    default:
      return error.kind;
  }
}

function httpError(
  answer: Incoming,
  secrets: readonly string[],
  fail: (kind: SdrsErrorKind, extra: Partial<SdrsErrorDetails>) => SdrsError,
  credential: SdrsErrorDetails["credential"],
): SdrsError {
  const parsed = parseErrorBody(answer.body, secrets);
  const retryAfter = answer.header("retry-after");
  const header = answer.header("x-request-id");
  const requestId = parsed.requestId ?? (header && cleanText(scrubText(header, secrets), 64));
  return fail("http", {
    status: answer.status,
    ...(parsed.code && { code: parsed.code }),
    ...(parsed.message && { upstreamMessage: parsed.message, quoted: true }),
    ...(requestId && { requestId }),
    ...(retryAfter && { retryAfter }),
    ...(answer.status === 401 && credential && { credential }),
  });
}

/** `\u` and `\/` escapes: they can spell a credential that no search of the text finds. */
const ESCAPES = /\\[u/]/;

/**
 * A body that may hold credentials, redacted for the raw resource: its text as it came, the
 * credentials masked; or, when escapes could spell one, written out again from its parsed
 * strings, each redacted. Runs after parseBody, so the body is known to be plausible JSON.
 */
function redactedBody(spec: RequestSpec<unknown>, text: string, secrets: readonly string[]) {
  if (!spec.schema || !ESCAPES.test(text)) return scrubText(text, secrets);
  return scrubText(JSON.stringify(scrubDeep(JSON.parse(text), secrets)), secrets);
}

/** The body checked against the schema; with `redact`, its values are scrubbed of those first. */
function parseBody<T>(
  spec: RequestSpec<T>,
  body: string,
  fail: (kind: SdrsErrorKind, extra: Partial<SdrsErrorDetails>) => SdrsError,
  redact?: readonly string[],
): T {
  if (!spec.schema) return undefined as T;
  const read = readJson(body, spec.schema, redact && ((json) => scrubDeep(json, redact)));
  if ("problem" in read) throw fail("malformed", { upstreamMessage: read.problem });
  return read.data;
}
