/**
 * The answers team mode gives itself (the SDK's transport gives the MCP ones): JSON bodies,
 * JSON-RPC errors in the shape the SDK uses, and the OAuth challenges of RFC 6750 / RFC 9728.
 */
import type { OutgoingHttpHeaders, ServerResponse } from "node:http";

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: OutgoingHttpHeaders = {},
): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...headers,
    "content-type": "application/json",
    "cache-control": "no-store",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

/** A JSON-RPC error not tied to a request id (the transport's own refusals look the same). */
export function sendRpcError(
  res: ServerResponse,
  status: number,
  code: number,
  message: string,
  headers: OutgoingHttpHeaders = {},
): void {
  sendJson(res, status, { jsonrpc: "2.0", error: { code, message }, id: null }, headers);
}

export interface Challenge {
  resourceMetadata?: string;
  /** RFC 6750 error code; absent when no token was sent at all (section 3.1). */
  error?: "invalid_token" | "insufficient_scope";
  description: string;
  scope?: string;
}

/** 401 or 403 with `WWW-Authenticate: Bearer …` and the same facts in a JSON body. */
export function sendChallenge(
  res: ServerResponse,
  status: 401 | 403,
  challenge: Challenge,
  headers: OutgoingHttpHeaders = {},
): void {
  const params = [
    challenge.error && `error="${challenge.error}"`,
    challenge.scope && `scope="${challenge.scope}"`,
    challenge.resourceMetadata && `resource_metadata="${challenge.resourceMetadata}"`,
    `error_description="${quotable(challenge.description)}"`,
  ].filter(Boolean);
  sendJson(
    res,
    status,
    {
      error: challenge.error ?? "invalid_token",
      error_description: challenge.description,
      ...(challenge.scope && { scope: challenge.scope }),
      ...(challenge.resourceMetadata && { resource_metadata: challenge.resourceMetadata }),
    },
    { ...headers, "www-authenticate": `Bearer ${params.join(", ")}` },
  );
}

/** RFC 6750 allows %x20-21 / %x23-5B / %x5D-7E inside error_description. */
function quotable(text: string): string {
  return text.replace(/[^\x20\x21\x23-\x5b\x5d-\x7e]/g, "");
}
