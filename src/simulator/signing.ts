import { createHash, createHmac } from "node:crypto";

/**
 * The API gateway's "SDK-HMAC-SHA256" canonicalization, written from the API reference alone
 * (the client has its own signer; the two must not share code). The verifier rebuilds the
 * canonical request from what arrived on the wire, so every client encoding choice that means
 * the same request (a `+` or `%20` for a space, `%7E` or `~`) signs the same.
 */

export const ALGORITHM = "SDK-HMAC-SHA256";

/** What a request contributes to its signature, as the server received it. */
export interface SignedRequest {
  method: string;
  url: URL;
  /** Lower-case names, as node:http gives them. */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** RFC 3986: everything but A-Za-z0-9-_.~ is %XX of its UTF-8 bytes (uppercase hex). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** Each segment decoded then re-encoded; always ends with `/`. undefined: not valid UTF-8. */
export function canonicalUri(pathname: string): string | undefined {
  try {
    const path = pathname
      .split("/")
      .map((segment) => percentEncode(decodeURIComponent(segment)))
      .join("/");
    return path.endsWith("/") ? path : `${path}/`;
  } catch {
    return undefined;
  }
}

/**
 * Keys sorted (values of a repeated key too), then `k=v` joined by `&`. The reference signers
 * sort the raw strings as UTF-8 bytes (Go's sort.Strings), not the encoded forms, which order
 * differently once a key holds non-ASCII. Decoding goes through URLSearchParams, so a `+`
 * means a space, exactly as the handlers read the query.
 */
export function canonicalQuery(params: URLSearchParams): string {
  const byKey = new Map<string, string[]>();
  for (const [key, value] of params) byKey.set(key, [...(byKey.get(key) ?? []), value]);
  return [...byKey.keys()]
    .sort(byUtf8)
    .flatMap((key) =>
      (byKey.get(key) ?? [])
        .sort(byUtf8)
        .map((value) => `${percentEncode(key)}=${percentEncode(value)}`),
    )
    .join("&");
}

/** `name:trimmed value\n` per signed header; undefined when a signed header was not sent. */
export function canonicalHeaders(
  headers: SignedRequest["headers"],
  signed: readonly string[],
): string | undefined {
  let block = "";
  for (const name of signed) {
    const raw = headers[name];
    if (raw === undefined) return undefined;
    block += `${name}:${(Array.isArray(raw) ? raw.join(",") : raw).trim()}\n`;
  }
  return block;
}

/**
 * The six parts joined by `\n`. The header block ends with its own `\n`, so an empty line
 * precedes the signed-header list: the published test vectors only verify read this way.
 */
export function canonicalRequest(
  request: SignedRequest,
  signed: readonly string[],
): string | undefined {
  const uri = canonicalUri(request.url.pathname);
  const headers = canonicalHeaders(request.headers, signed);
  if (uri === undefined || headers === undefined) return undefined;
  return [
    request.method.toUpperCase(),
    uri,
    canonicalQuery(request.url.searchParams),
    headers,
    signed.join(";"),
    sha256Hex(request.body),
  ].join("\n");
}

export function stringToSign(sdkDate: string, canonical: string): string {
  return `${ALGORITHM}\n${sdkDate}\n${sha256Hex(canonical)}`;
}

/** Hex HMAC-SHA256 keyed with the secret key itself (no derived signing key). */
export function signature(secretKey: string, toSign: string): string {
  return createHmac("sha256", secretKey).update(toSign, "utf8").digest("hex");
}

/** The signature a correct client computes for this request; undefined if it cannot be built. */
export function expectedSignature(
  request: SignedRequest,
  signed: readonly string[],
  sdkDate: string,
  secretKey: string,
): string | undefined {
  const canonical = canonicalRequest(request, signed);
  return canonical === undefined
    ? undefined
    : signature(secretKey, stringToSign(sdkDate, canonical));
}

function sha256Hex(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

function byUtf8(a: string, b: string): number {
  return Buffer.compare(Buffer.from(a, "utf8"), Buffer.from(b, "utf8"));
}
