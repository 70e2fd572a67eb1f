import type { SdrsErrorCode } from "./catalogue.js";
import { sdrsError } from "./errors.js";
import { Rejection } from "./responses.js";

/** Query validation shared by the list endpoints, answering with SDRS's own error codes. */

const MAX_LIMIT = 1000;
/** SDRS is a Java service: an offset past Integer.MAX_VALUE does not parse. */
const MAX_OFFSET = 2_147_483_647;
const DIGITS = /^\d+$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface Paging {
  limit: number;
  offset: number;
}

/** limit 1..1000 (default 1000) else SDRS.0221; offset >= 0 (default 0) else SDRS.0222. */
export function readPaging(query: URLSearchParams): Paging {
  return {
    limit: readInteger(query.get("limit"), MAX_LIMIT, 1, MAX_LIMIT, "SDRS.0221"),
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

export function isUuid(value: string): boolean {
  return UUID.test(value);
}

export function reject(code: SdrsErrorCode): never {
  throw new Rejection(sdrsError(code));
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
