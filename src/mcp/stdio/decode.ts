/**
 * One stdin line to a JSON-RPC message, or to the reason it is not one and the ids that can be
 * answered (JSON-RPC: -32700 for text that is not JSON, -32600 for JSON that is not a valid
 * message). MCP 2025-06-18 has no batches: each request of a batch is answered with -32600.
 */
import {
  ErrorCode,
  type JSONRPCMessage,
  JSONRPCMessageSchema,
  type RequestId,
} from "@modelcontextprotocol/sdk/types.js";
import { isReadableId, leadingId } from "./jsonrpc-id.js";
import { OVERSIZED_HEAD_BYTES } from "./lines.js";

export type Decoded =
  | { kind: "message"; message: JSONRPCMessage }
  | { kind: "blank" }
  | { kind: "rejected"; code: number; reason: string; ids: RequestId[] };

/**
 * The messages of one stdin line. Two leniencies, each only where the strict reading finds no
 * JSON at all:
 * - a UTF-8 byte-order mark before the message (some Windows tools write one first) is not
 *   part of it (RFC 8259 8.1 lets a parser ignore it);
 * - a lone CR is read as a line end too. The SDK's own ReadBuffer splits at LF only and drops a
 *   CR just before it, so "{a}\r{b}\n" loses both messages there. A CR inside a line that is
 *   JSON as a whole is whitespace and stays so; only a line that does not parse is split.
 */
export function decodeLines(text: string): Decoded[] {
  const line = withoutBom(text);
  const decoded = decodeLine(line);
  if (decoded.kind !== "rejected" || decoded.code !== ErrorCode.ParseError) return [decoded];
  if (!line.includes("\r")) return [decoded];
  return line.split("\r").map((part) => decodeLine(withoutBom(part)));
}

function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function decodeLine(text: string): Decoded {
  if (text.trim() === "") return { kind: "blank" };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const id = leadingId(text.slice(0, OVERSIZED_HEAD_BYTES));
    return rejected(ErrorCode.ParseError, "Parse error: the line is not valid JSON", id);
  }
  if (Array.isArray(value)) {
    const ids = value.filter(isRequestLike).map((m) => m.id);
    return {
      kind: "rejected",
      code: ErrorCode.InvalidRequest,
      reason:
        "Invalid Request: batches are not supported (MCP 2025-06-18); send one message per line",
      ids: ids.filter(isReadableId),
    };
  }
  const parsed = JSONRPCMessageSchema.safeParse(value);
  if (parsed.success) return { kind: "message", message: parsed.data };
  // Only requests are answered: a malformed response or notification has nobody waiting.
  const id = isRequestLike(value) ? value.id : undefined;
  return rejected(ErrorCode.InvalidRequest, `Invalid Request: ${whatIsWrong(value)}`, id);
}

export function oversizedLine(head: Buffer, bytes: number, limit: number): Decoded {
  const id = leadingId(head.toString("utf8"));
  return rejected(
    ErrorCode.InvalidRequest,
    `Invalid Request: the message is ${bytes} bytes, over the limit of ${limit} bytes per line`,
    id,
  );
}

function rejected(code: number, reason: string, id: unknown): Decoded {
  return { kind: "rejected", code, reason, ids: isReadableId(id) ? [id] : [] };
}

/** An object with an id that is not a response: a request, however malformed. */
function isRequestLike(value: unknown): value is { id: unknown } {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return false;
  return "id" in value && !("result" in value) && !("error" in value);
}

/** The first thing wrong, in the words of the JSON-RPC 2.0 specification. */
function whatIsWrong(value: unknown): string {
  if (typeof value !== "object" || value === null) return "a message must be a JSON object";
  const m = value as Record<string, unknown>;
  if (m.jsonrpc !== "2.0") return 'jsonrpc must be "2.0"';
  if ("id" in m && !(typeof m.id === "string" || Number.isInteger(m.id))) {
    return "id must be a string or an integer";
  }
  if (!("method" in m) && ("result" in m || "error" in m)) {
    return "a response needs a string or integer id and exactly one of result or error";
  }
  if (typeof m.method !== "string") return "method must be a string";
  if (
    "params" in m &&
    (typeof m.params !== "object" || m.params === null || Array.isArray(m.params))
  ) {
    return "params must be an object";
  }
  return "not a valid JSON-RPC 2.0 message (unexpected or malformed members)";
}
