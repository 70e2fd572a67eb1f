/**
 * The one HTTP exchange every upstream request goes through, IAM's token request and every SDRS
 * call alike: user agent, one deadline for connect, headers and body (a timer cleared at the
 * end, not a timeout signal, so nothing of a finished request waits for the timer to fire),
 * redirects refused, the body read under the size cap and the process-wide byte budget, proxies
 * named in failures. Callers turn a TransportError into their own error type.
 */
import type { Dispatcher } from "undici";
import { utf8Text } from "../text/utf8.js";
import { type ByteBudget, sharedBodyBudget } from "./byte-budget.js";
import { Deadline, untilAborted } from "./deadline.js";
import { type ProxySettings, proxyFor, proxyUrlFor } from "./proxy.js";
import { type CertificateError, findCertificateError } from "./tls.js";
import { type DispatcherSource, loadUndici, resolveDispatcher } from "./undici.js";

const DEFAULT_MAX_BODY_BYTES = 20 * 1024 * 1024;

export interface Transport {
  dispatcher: DispatcherSource;
  timeoutMs: number;
  userAgent: string;
  maxBodyBytes?: number;
  /** Shared by every request of the process unless a test brings its own. */
  bodyBudget?: ByteBudget;
  /** Only to name the proxy in failures; the dispatcher does the proxying. */
  proxy?: ProxySettings;
  /**
   * The proxies that refused their credentials, shared by every request that goes through the
   * same proxy settings (IAM's and SDRS's alike; createApp makes one). Without it nothing is
   * remembered between requests.
   */
  proxyRefusals?: ProxyRefusals;
}

export interface Outgoing {
  method: "GET" | "POST" | "DELETE";
  url: URL;
  headers?: Record<string, string>;
  body?: string;
  signal?: AbortSignal;
}

export interface Incoming {
  status: number;
  header(name: string): string | undefined;
  body: string;
  /** The body's bytes as received; `body` is their UTF-8 decoding. */
  bytes: Buffer;
}

export type TransportFailure =
  | "network"
  | "timeout"
  | "aborted"
  | "too-large"
  | "redirect"
  /** The proxy answered CONNECT with 407: its credentials were refused. */
  | "proxy-refused"
  /** A server certificate Node does not trust (or that names another host, or has expired). */
  | "certificate";

export class TransportError extends Error {
  constructor(
    readonly kind: TransportFailure,
    message: string,
    /** The proxy the request went through (host:port), when one was used. */
    readonly proxy?: string,
    readonly status?: number,
    /** For kind "certificate": whose certificate, why refused, its issuer. */
    readonly certificate?: Pick<CertificateError, "host" | "reason" | "issuer">,
  ) {
    super(message);
    this.name = "TransportError";
  }
}

/**
 * Sends one request and hands the answer to `read`, which runs while the body's bytes are
 * still counted against the budget (parse there, so the parsed copy is counted too).
 */
export async function exchange<T>(
  t: Transport,
  out: Outgoing,
  read: (answer: Incoming) => T,
): Promise<T> {
  const { answer, release } = await receive(t, out);
  try {
    return read(answer);
  } finally {
    release();
  }
}

/**
 * Proxy URLs (credentials included) whose proxy refused those credentials, and the error it
 * gave: like IAM, a corporate proxy may lock the account after repeated failures, so the same
 * credentials are never offered to it again by the requests that share this object.
 */
export class ProxyRefusals {
  private readonly refused = new Map<string, TransportError>();

  get(proxyUrl: string): TransportError | undefined {
    return this.refused.get(proxyUrl);
  }

  remember(proxyUrl: string, error: TransportError): void {
    this.refused.set(proxyUrl, error);
  }
}

async function receive(
  t: Transport,
  out: Outgoing,
): Promise<{ answer: Incoming; release: () => void }> {
  const proxyUrl = proxyUrlFor(t.proxy, out.url);
  const refused = proxyUrl === undefined ? undefined : t.proxyRefusals?.get(proxyUrl);
  if (refused) throw refused;
  const deadline = new Deadline(t.timeoutMs);
  const signal = out.signal ? AbortSignal.any([out.signal, deadline.signal]) : deadline.signal;
  const fail = (kind: TransportFailure, message: string, status?: number) =>
    new TransportError(kind, message, proxyFor(t.proxy, out.url), status);
  const maxBytes = t.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  let response: Dispatcher.ResponseData | undefined;
  let release: (() => void) | undefined;
  try {
    const { request } = await loadUndici();
    response = await untilAborted(
      request(out.url, {
        method: out.method,
        headers: { accept: "application/json", "user-agent": t.userAgent, ...out.headers },
        ...(out.body !== undefined && { body: out.body }),
        signal,
        dispatcher: await resolveDispatcher(t.dispatcher),
      }),
      signal,
    );
    const headers = response.headers;
    const header = (name: string) => first(headers[name]);
    if (response.statusCode >= 300 && response.statusCode < 400) {
      throw fail("redirect", "a redirect, which sdrs-mcp does not follow", response.statusCode);
    }
    const declared = Number(header("content-length") ?? Number.NaN);
    if (declared > maxBytes) throw fail("too-large", tooLarge(maxBytes));
    // Waiting for room in the budget is local queueing, not upstream slowness: the deadline
    // pauses meanwhile (the caller's own signal still ends the wait).
    deadline.pause();
    release = await (t.bodyBudget ?? sharedBodyBudget).reserve(
      Number.isFinite(declared) ? declared : maxBytes,
      out.signal,
    );
    deadline.resume();
    const bytes = await readCapped(response.body, declared, maxBytes, () =>
      fail("too-large", tooLarge(maxBytes)),
    );
    const body = utf8Text(bytes);
    return { answer: { status: response.statusCode, header, body, bytes }, release };
  } catch (error) {
    release?.();
    // Unread bodies are dropped; the listener keeps the abort it raises from going unhandled.
    if (response && !response.body.destroyed) response.body.on("error", () => {}).destroy();
    if (error instanceof TransportError) throw error;
    if (out.signal?.aborted) throw fail("aborted", "the request was cancelled");
    if (deadline.signal.aborted)
      throw fail("timeout", `no complete answer within ${t.timeoutMs} ms`);
    const refusedCertificate = findCertificateError(error);
    if (refusedCertificate) {
      const { host, reason, issuer } = refusedCertificate;
      throw new TransportError(
        "certificate",
        refusedCertificate.message,
        proxyFor(t.proxy, out.url),
        undefined,
        { host, reason, ...(issuer && { issuer }) },
      );
    }
    if (proxyUrl !== undefined && isProxyRefusal(error)) {
      const refusal = fail("proxy-refused", PROXY_REFUSED, 407);
      t.proxyRefusals?.remember(proxyUrl, refusal);
      throw refusal;
    }
    throw fail("network", networkMessage(error));
  } finally {
    deadline.clear();
  }
}

const tooLarge = (maxBytes: number) => `the response body exceeds ${maxBytes} bytes`;

const PROXY_REFUSED =
  "the proxy refused its credentials (HTTP 407 Proxy Authentication Required): check the user and password in HTTPS_PROXY / HTTP_PROXY, then restart sdrs-mcp; they are not offered to the proxy again until then";

/** undici's tunnel failure for a 407 answer to CONNECT. */
function isProxyRefusal(error: unknown): boolean {
  return error instanceof Error && /^Proxy response \(407\)/.test(error.message);
}

/**
 * The body's bytes in a buffer of their own (the chunks may be views of the socket's reads),
 * refused past `maxBytes`. With a declared length each chunk is copied into place as it
 * arrives, while the next is still on its way, rather than all of them at the end.
 */
async function readCapped(
  body: Dispatcher.ResponseData["body"],
  declared: number,
  maxBytes: number,
  tooLargeError: () => Error,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let into = declared > 0 && declared <= maxBytes ? Buffer.allocUnsafe(declared) : undefined;
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    if (size + chunk.length > maxBytes) throw tooLargeError();
    if (into && size + chunk.length <= into.length) {
      into.set(chunk, size);
    } else {
      // More than declared (undici refuses such a body; were one to pass): chunks after all.
      if (into) chunks.push(into.subarray(0, size));
      into = undefined;
      chunks.push(chunk);
    }
    size += chunk.length;
  }
  // Never a view past `size`: allocUnsafe leaves what lies beyond it as the memory was.
  if (into) return size === into.length ? into : Buffer.from(into.subarray(0, size));
  return Buffer.concat(chunks, size);
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function networkMessage(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (typeof code === "string" && code.startsWith("UND_ERR"))
    return `${code}: ${(error as Error).message}`;
  return typeof code === "string" ? code : error instanceof Error ? error.message : "network error";
}
