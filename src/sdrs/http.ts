/**
 * One request to SDRS over undici with the dispatcher injected: authentication, deadline,
 * bounded body, retries for reads, and every failure turned into an SdrsError.
 */
import type { Logger } from "pino";
import type { Dispatcher } from "undici";
import type { z } from "zod";
import type { Authenticator } from "../auth/types.js";
import { parseErrorBody, SdrsError, type SdrsErrorDetails, type SdrsErrorKind } from "./errors.js";
import { backoffDelay, DEFAULT_RETRY, RETRYABLE_STATUS, type RetryPolicy, sleep } from "./retry.js";
import { type DispatcherSource, loadUndici, resolveDispatcher } from "./undici.js";

export interface HttpContext {
  dispatcher: DispatcherSource;
  /** SDRS base URL (scheme, host, optional port); resolved lazily for catalog discovery. */
  endpoint: () => Promise<string>;
  auth: Authenticator;
  timeoutMs: number;
  userAgent: string;
  logger?: Logger;
  retry?: RetryPolicy;
  maxBodyBytes?: number;
}

export interface RequestSpec<T> {
  method: "GET" | "DELETE";
  /** Already encoded, from apiPath(). */
  path: string;
  query?: Record<string, string | number | undefined>;
  schema?: z.ZodType<T>;
  signal?: AbortSignal;
}

export interface SdrsResponse<T> {
  data: T;
  /** The upstream body exactly as received. */
  body: string;
  status: number;
}

export const DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024;

export async function sdrsRequest<T>(
  ctx: HttpContext,
  spec: RequestSpec<T>,
): Promise<SdrsResponse<T>> {
  const policy =
    spec.method === "GET" ? (ctx.retry ?? DEFAULT_RETRY) : { ...DEFAULT_RETRY, retries: 0 };
  let renewed = false;
  let timeouts = 0;
  for (let attempt = 0; ; attempt++) {
    try {
      return await attemptOnce(ctx, spec);
    } catch (error) {
      if (!(error instanceof SdrsError)) throw error;
      if (error.status === 401 && !renewed && ctx.auth.invalidate()) {
        renewed = true;
        continue;
      }
      if (error.kind === "timeout") timeouts++;
      // A request that timed out is retried at most once, so a stalled upstream ends the call
      // within about three deadlines.
      const retryable =
        error.kind === "network" ||
        (error.kind === "timeout" && timeouts <= 1) ||
        (error.status !== undefined && RETRYABLE_STATUS.has(error.status));
      if (!retryable || attempt >= policy.retries || spec.signal?.aborted) throw error;
      const delay = backoffDelay(policy, attempt + 1, error.retryAfter);
      ctx.logger?.debug({ path: spec.path, attempt: attempt + 1, delay }, "retrying SDRS request");
      await sleep(delay, spec.signal);
    }
  }
}

async function attemptOnce<T>(ctx: HttpContext, spec: RequestSpec<T>): Promise<SdrsResponse<T>> {
  const url = new URL(`${await ctx.endpoint()}${spec.path}`);
  for (const [key, value] of Object.entries(spec.query ?? {})) {
    if (value !== undefined) url.searchParams.set(key, String(value));
  }
  const fail = (kind: SdrsErrorKind, extra: Partial<SdrsErrorDetails> = {}) =>
    new SdrsError({ kind, method: spec.method, path: spec.path, ...extra });

  // Connect, headers and body share one deadline; a timer cleared at the end, not a timeout
  // signal, so nothing of a finished request waits for the timer to fire.
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(), ctx.timeoutMs);
  const signal = spec.signal ? AbortSignal.any([spec.signal, deadline.signal]) : deadline.signal;
  const headers: Record<string, string> = {
    accept: "application/json",
    "user-agent": ctx.userAgent,
  };
  const started = performance.now();
  try {
    Object.assign(
      headers,
      await ctx.auth.authorize({ method: spec.method, url, headers, body: "" }, signal),
    );
    const { request } = await loadUndici();
    const response = await request(url, {
      method: spec.method,
      headers,
      signal,
      dispatcher: await resolveDispatcher(ctx.dispatcher),
    });
    const body = await readBody(response.body, ctx.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
    ctx.logger?.debug(
      {
        method: spec.method,
        path: spec.path,
        status: response.statusCode,
        ms: Math.round(performance.now() - started),
      },
      "SDRS response",
    );
    if (response.statusCode >= 300) {
      const parsed = parseErrorBody(body);
      const retryAfter = header(response.headers, "retry-after");
      const requestId = parsed.requestId ?? header(response.headers, "x-request-id");
      throw fail("http", {
        status: response.statusCode,
        ...(parsed.code && { code: parsed.code }),
        ...(parsed.message && { upstreamMessage: parsed.message }),
        ...(requestId && { requestId }),
        ...(retryAfter && { retryAfter }),
      });
    }
    return { data: parseBody(spec, body, fail), body, status: response.statusCode };
  } catch (error) {
    if (error instanceof SdrsError) throw error;
    if (spec.signal?.aborted)
      throw fail("aborted", { upstreamMessage: "the request was cancelled" });
    if (deadline.signal.aborted) {
      throw fail("timeout", { upstreamMessage: `no complete answer within ${ctx.timeoutMs} ms` });
    }
    if (error instanceof BodyTooLargeError)
      throw fail("malformed", { upstreamMessage: error.message });
    throw fail("network", { upstreamMessage: networkMessage(error) });
  } finally {
    clearTimeout(timer);
  }
}

function parseBody<T>(
  spec: RequestSpec<T>,
  body: string,
  fail: (kind: SdrsErrorKind, extra: Partial<SdrsErrorDetails>) => SdrsError,
): T {
  if (!spec.schema) return undefined as T;
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    throw fail("malformed", { upstreamMessage: "the response body is not JSON" });
  }
  const result = spec.schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue?.path.length ? ` at ${issue.path.join(".")}` : "";
    throw fail("malformed", {
      upstreamMessage: `the response does not match the documented shape${where}: ${issue?.message ?? "invalid"}`,
    });
  }
  return result.data;
}

class BodyTooLargeError extends Error {}

async function readBody(body: Dispatcher.ResponseData["body"], maxBytes: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.length;
    if (size > maxBytes) {
      body.destroy();
      throw new BodyTooLargeError(`the response body exceeds ${maxBytes} bytes`);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function header(headers: Dispatcher.ResponseData["headers"], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function networkMessage(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && code.startsWith("UND_ERR"))
    return `${code}: ${(error as Error).message}`;
  return typeof code === "string" ? code : error instanceof Error ? error.message : "network error";
}
