/**
 * The query string exactly as the AK/SK signature canonicalises it, for every request whatever
 * the authentication: RFC 3986 percent-encoding of the UTF-8 bytes (space is %20, `*` is %2A,
 * `~` stays), pairs sorted. The official SDKs send the very string they sign; a form-encoded
 * query (`+`, `%7E`) would be a different string from the signed one, which a gateway that
 * compares bytes rejects.
 */

/** decodeURIComponent, or the value as it is where it is not valid percent-encoding. */
export function percentDecodeOrKeep(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/**
 * RFC 3986: only A-Za-z0-9-_.~ stay as they are, everything else is %XX (upper-case hex) of its
 * UTF-8 bytes. A lone surrogate becomes U+FFFD first (as the URL parser does) instead of making
 * encodeURIComponent throw.
 */
export function percentEncode(value: string): string {
  const wellFormed = Buffer.from(value, "utf8").toString("utf8");
  return encodeURIComponent(wellFormed).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** `k=v` pairs, encoded, sorted by key then value, joined by `&`. */
export function canonicalQueryString(pairs: Iterable<readonly [string, string]>): string {
  const encoded = [...pairs].map(([k, v]) => [percentEncode(k), percentEncode(v)] as const);
  encoded.sort(([ak, av], [bk, bv]) => compare(ak, bk) || compare(av, bv));
  return encoded.map(([k, v]) => `${k}=${v}`).join("&");
}

/** The query of a request from its parameters; undefined values are left out. */
export function encodeQuery(query: Record<string, string | number | undefined> = {}): string {
  return canonicalQueryString(
    Object.entries(query)
      .filter((entry): entry is [string, string | number] => entry[1] !== undefined)
      .map(([k, v]) => [k, String(v)] as const),
  );
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
