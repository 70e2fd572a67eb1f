/**
 * AK/SK request signing as the Open Telekom Cloud API gateway checks it ("SDK-HMAC-SHA256"):
 * canonical request -> string to sign -> HMAC-SHA256 keyed with the secret key.
 */
import { createHash, createHmac } from "node:crypto";
import { canonicalQueryString, percentDecodeOrKeep, percentEncode } from "../http/query.js";
import type { Authenticator, OutgoingRequest } from "./types.js";

export const ALGORITHM = "SDK-HMAC-SHA256";

export interface SigningInput {
  method: string;
  url: URL;
  /** Header names in any case; the ones to sign must be present. */
  headers: Record<string, string>;
  body: string;
  signedHeaders: string[];
}

/** `YYYYMMDDTHHmmssZ` in UTC. */
export function sdkDate(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

function canonicalUri(url: URL): string {
  const segments = url.pathname.split("/").map((s) => percentEncode(percentDecodeOrKeep(s)));
  const path = segments.join("/");
  return path.endsWith("/") ? path : `${path}/`;
}

/** The same string the HTTP layer sends (http/query.ts), rebuilt from the URL as signed. */
function canonicalQuery(url: URL): string {
  return canonicalQueryString(url.searchParams);
}

export function canonicalRequest(input: SigningInput): string {
  const lower = Object.fromEntries(
    Object.entries(input.headers).map(([k, v]) => [k.toLowerCase(), v]),
  );
  const names = [...input.signedHeaders].map((h) => h.toLowerCase()).sort();
  const headerLines = names.map((name) => `${name}:${(lower[name] ?? "").trim()}\n`).join("");
  return [
    input.method.toUpperCase(),
    canonicalUri(input.url),
    canonicalQuery(input.url),
    headerLines,
    names.join(";"),
    sha256Hex(input.body),
  ].join("\n");
}

/** The Authorization header value for a request. */
export function authorization(input: SigningInput, accessKey: string, secretKey: string): string {
  const date = Object.entries(input.headers).find(([k]) => k.toLowerCase() === "x-sdk-date")?.[1];
  if (!date) throw new Error("X-Sdk-Date must be set before signing");
  const stringToSign = `${ALGORITHM}\n${date}\n${sha256Hex(canonicalRequest(input))}`;
  const signature = createHmac("sha256", secretKey).update(stringToSign).digest("hex");
  const signed = [...input.signedHeaders]
    .map((h) => h.toLowerCase())
    .sort()
    .join(";");
  return `${ALGORITHM} Access=${accessKey}, SignedHeaders=${signed}, Signature=${signature}`;
}

export interface AkskOptions {
  accessKey: string;
  secretKey: string;
  securityToken?: string;
  now?: () => Date;
}

/**
 * Signs every request. X-Project-Id (needed for sub-projects) is taken from the request path
 * and always sent and signed, with X-Security-Token for temporary credentials.
 */
export function akskAuthenticator(options: AkskOptions): Authenticator {
  const now = options.now ?? (() => new Date());
  return {
    async authorize(request: OutgoingRequest) {
      const headers: Record<string, string> = {
        host: request.url.host,
        "x-sdk-date": sdkDate(now()),
      };
      const projectId = /^\/v1\/([0-9a-f]{32})(?:\/|$)/.exec(request.url.pathname)?.[1];
      if (projectId) headers["x-project-id"] = projectId;
      if (options.securityToken) headers["x-security-token"] = options.securityToken;
      const input = {
        method: request.method,
        url: request.url,
        headers: { ...request.headers, ...headers },
        body: request.body,
        signedHeaders: Object.keys(headers),
      };
      return {
        ...headers,
        authorization: authorization(input, options.accessKey, options.secretKey),
      };
    },
    // A signature does not expire like a token: a 401 will not go away by signing again.
    invalidate: () => false,
    kind: "aksk",
  };
}

function sha256Hex(data: string): string {
  return createHash("sha256").update(data, "utf8").digest("hex");
}
