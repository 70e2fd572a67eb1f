import type { SdrsErrorCode } from "./catalogue.js";
import { sdrsError } from "./errors.js";
import { Rejection } from "./responses.js";
import type { HandlerContext, ServerGroup, SimulatorData } from "./types.js";

/** Query validation shared by the list endpoints, answering with SDRS's own error codes. */

const MAX_LIMIT = 1000;
/** SDRS is a Java service: an offset past Integer.MAX_VALUE does not parse. */
const MAX_OFFSET = 2_147_483_647;
/** "A maximum of 30 server_group_id values can be queried" (likewise protected_instance_ids). */
const MAX_LISTED_IDS = 30;
const DIGITS = /^\d+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Paging {
  limit: number;
  offset: number;
}

/**
 * limit: the docs say "0 to 1000, default 1000", SDRS.0221's text "greater than 0 or less than
 * 1000". 0 is refused (the error's own description: "must be greater than 0"); 1000 is
 * accepted unless the simulator is told to read the error text literally (rejectLimit1000).
 * offset >= 0 (default 0) else SDRS.0222.
 */
export function readPaging(query: URLSearchParams, context: HandlerContext): Paging {
  const maxLimit = context.rejectLimit1000 ? MAX_LIMIT - 1 : MAX_LIMIT;
  const limit = readInteger(query.get("limit"), MAX_LIMIT, 1, maxLimit, "SDRS.0221");
  return {
    limit: Math.min(limit, context.maxPageSize),
    offset: readInteger(query.get("offset"), 0, 0, MAX_OFFSET, "SDRS.0222"),
  };
}

/** A present value must be one of `allowed` (an empty value too); else SDRS.0201. */
export function readEnum(
  query: URLSearchParams,
  name: string,
  allowed: readonly string[],
): string | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  if (!allowed.includes(value)) reject("SDRS.0201");
  return value;
}

/** "Fuzzy search is supported": read as a case-insensitive substring. */
export function fuzzyMatcher(query: URLSearchParams, name: string): (value: string) => boolean {
  const wanted = query.get(name)?.toLowerCase();
  return (value) => wanted === undefined || value.toLowerCase().includes(wanted);
}

/** One ID: absent is undefined, not a UUID is `code`. */
export function readId(
  query: URLSearchParams,
  name: string,
  code: SdrsErrorCode,
): string | undefined {
  const value = query.get(name);
  if (value === null) return undefined;
  if (!isUuid(value)) reject(code);
  return value;
}

/**
 * An ID list, documented as `server_group_ids=['id1','id2',...]` URL-encoded (the example
 * sends `["id1","id2"]`): either quote, brackets required (else SDRS.0201), at most 30 (else
 * SDRS.0226). "All ... with valid IDs in the list are returned": IDs that are not UUIDs are
 * dropped, not refused.
 */
export function readIdList(query: URLSearchParams, name: string): Set<string> | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const text = raw.trim();
  if (!text.startsWith("[") || !text.endsWith("]")) reject("SDRS.0201");
  const inner = text.slice(1, -1).trim();
  const items = inner === "" ? [] : inner.split(",").map((item) => unquote(item.trim()));
  if (items.length > MAX_LISTED_IDS) reject("SDRS.0226");
  return new Set(items.filter(isUuid));
}

function unquote(item: string): string {
  const first = item.charAt(0);
  return (first === "'" || first === '"') && item.endsWith(first) && item.length >= 2
    ? item.slice(1, -1)
    : item;
}

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function reject(code: SdrsErrorCode): never {
  throw new Rejection(sdrsError(code));
}

/** The group a server_group_id names: SDRS.0207 when it is not a UUID, SDRS.1013 when unknown. */
export function findServerGroup(id: string, data: SimulatorData): ServerGroup {
  if (!isUuid(id)) reject("SDRS.0207");
  const group = data.serverGroups.find((g) => g.id === id);
  if (!group) reject("SDRS.1013");
  return group;
}

function readInteger(
  raw: string | null,
  fallback: number,
  min: number,
  max: number,
  code: SdrsErrorCode,
): number {
  if (raw === null) return fallback;
  if (!DIGITS.test(raw)) reject(code);
  const value = Number(raw);
  if (value < min || value > max) reject(code);
  return value;
}
