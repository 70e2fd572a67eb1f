import type { ServerResponse } from "node:http";

/** What a handler answers; server.ts turns it into bytes, faults may cut or delay them. */
export interface SimResponse {
  status: number;
  /** undefined: no body (204); a string is sent as is; anything else as JSON. */
  body?: unknown;
  headers?: Record<string, string>;
}

export const JSON_CONTENT_TYPE = "application/json;charset=UTF-8";

/** Thrown by handlers to answer early (validation); the router turns it into its response. */
export class Rejection extends Error {
  constructor(readonly response: SimResponse) {
    super(`request rejected with HTTP ${response.status}`);
  }
}

export function json(status: number, body: unknown, headers?: Record<string, string>): SimResponse {
  return { status, body, headers };
}

export function noContent(): SimResponse {
  return { status: 204 };
}

export interface Serialized {
  status: number;
  headers: Record<string, string>;
  payload: Buffer;
}

export function serialize(response: SimResponse, requestId: string): Serialized {
  const headers: Record<string, string> = { "X-Request-Id": requestId };
  let payload = Buffer.alloc(0);
  if (typeof response.body === "string") {
    headers["Content-Type"] = "text/plain;charset=UTF-8";
    payload = Buffer.from(response.body, "utf8");
  } else if (response.body !== undefined) {
    headers["Content-Type"] = JSON_CONTENT_TYPE;
    payload = Buffer.from(JSON.stringify(response.body), "utf8");
  }
  // Given headers win, so a fault can set its own Content-Type or Retry-After.
  Object.assign(headers, response.headers);
  if (response.status !== 204) headers["Content-Length"] = String(payload.length);
  return { status: response.status, headers, payload };
}

export function send(res: ServerResponse, response: SimResponse, requestId: string): void {
  const { status, headers, payload } = serialize(response, requestId);
  res.writeHead(status, headers);
  res.end(status === 204 ? undefined : payload);
}
