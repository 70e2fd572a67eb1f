/**
 * One error type for everything that can go wrong talking to SDRS: HTTP errors in each of the
 * documented body shapes, non-JSON bodies from proxies, network failures, timeouts and bodies
 * that do not match the documented schema. It carries what a person needs to act (status,
 * code, a short upstream message, the request line) and never a credential.
 */

export type SdrsErrorKind =
  | "http"
  | "network"
  | "timeout"
  | "malformed"
  | "aborted"
  /** A server certificate that could not be verified: never retried. */
  | "certificate";

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
  /** For kind "certificate": Node's verification code (e.g. CERT_HAS_EXPIRED). */
  certificateReason?: string;
  /**
   * Which credentials SDRS refused, for a 401: a fixed token expires, keys do not; the advice
   * differs.
   */
  credential?: "token" | "aksk" | "iam";
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
  readonly certificateReason: string | undefined;
  readonly credential: SdrsErrorDetails["credential"];

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
    this.certificateReason = details.certificateReason;
    this.credential = details.credential;
  }
}

function describe(d: SdrsErrorDetails): string {
  const head = d.status ? `HTTP ${d.status}` : d.kind === "certificate" ? "TLS" : d.kind;
  // OpenStack-style bodies repeat the status as their code ({"itemNotFound":{"code":404}}).
  const code = d.code && d.code !== String(d.status) ? ` ${d.code}` : "";
  const text = d.quoted ? JSON.stringify(d.upstreamMessage) : d.upstreamMessage;
  const message = d.upstreamMessage ? `: ${text}` : "";
  const via = d.proxy ? ` via proxy ${d.proxy}` : "";
  return `${head}${code}${message} (${d.method} ${d.path}${via})`;
}
