import { timingSafeEqual } from "node:crypto";
import { apigError, sdrsError } from "./errors.js";
import type { SimResponse } from "./responses.js";
import { ALGORITHM, expectedSignature, type SignedRequest } from "./signing.js";

/**
 * The API gateway's AK/SK check in front of SDRS. It answers in the gateway's own shape
 * (APIG.0301 / APIG.0303), not SDRS's, because that is what a client meets in production.
 */

export interface AccessKey {
  accessKey: string;
  secretKey: string;
  /** Temporary credentials: when set, X-Security-Token must be sent (signed) with this value. */
  securityToken?: string;
}

export interface AkskOptions {
  accessKeys: readonly AccessKey[];
  now: () => number;
}

export interface AkskRequest extends SignedRequest {
  requestId: string;
}

interface Authorization {
  accessKey: string;
  signedHeaders: string[];
  signature: string;
}

/** The gateway rejects clocks more than 15 minutes off, either way. */
const MAX_SKEW_MS = 15 * 60 * 1000;
const SDK_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** Only this scheme is AK/SK; any other Authorization leaves the request to the token check. */
export function isAkskRequest(headers: SignedRequest["headers"]): boolean {
  return headerValue(headers, "authorization")?.startsWith(`${ALGORITHM} `) === true;
}

/**
 * undefined when the signature holds. The date is checked before the key and the signature,
 * so a skewed clock is reported as such even when the signature would also fail.
 */
export function verifyAksk(request: AkskRequest, options: AkskOptions): SimResponse | undefined {
  const refuse = () => apigError("APIG.0301", request.requestId);
  const auth = parseAuthorization(headerValue(request.headers, "authorization"));
  if (auth === undefined) return refuse();
  const sdkDate = headerValue(request.headers, "x-sdk-date") ?? "";
  const dateMs = parseSdkDate(sdkDate);
  if (dateMs === undefined || Math.abs(dateMs - options.now()) > MAX_SKEW_MS) {
    return apigError("APIG.0303", request.requestId);
  }
  const key = options.accessKeys.find((candidate) => candidate.accessKey === auth.accessKey);
  if (key === undefined || !signsWhatItMust(auth.signedHeaders, request.headers, key)) {
    return refuse();
  }
  const expected = expectedSignature(request, auth.signedHeaders, sdkDate, key.secretKey);
  if (expected === undefined || !sameText(expected, auth.signature)) return refuse();
  return projectMismatch(request);
}

function parseAuthorization(value: string | undefined): Authorization | undefined {
  if (value === undefined || !value.startsWith(`${ALGORITHM} `)) return undefined;
  const fields = new Map<string, string>();
  for (const part of value.slice(ALGORITHM.length + 1).split(",")) {
    const eq = part.indexOf("=");
    if (eq < 0) return undefined;
    fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  const accessKey = fields.get("Access");
  const signedHeaders = fields.get("SignedHeaders");
  const signature = fields.get("Signature");
  if (!accessKey || !signedHeaders || !signature) return undefined;
  return { accessKey, signedHeaders: signedHeaders.split(";"), signature };
}

/** `YYYYMMDDTHHmmssZ` in UTC; a date that does not exist (month 13) is malformed too. */
function parseSdkDate(value: string): number | undefined {
  const parts = SDK_DATE.exec(value);
  if (parts === null) return undefined;
  const [year, month, day, hour, minute, second] = parts.slice(1).map(Number);
  const ms = Date.UTC(year ?? 0, (month ?? 0) - 1, day, hour, minute, second);
  const roundTrip = new Date(ms).toISOString().replace(/[-:]|\.\d{3}/g, "");
  return roundTrip === value ? ms : undefined;
}

/**
 * Strict on purpose: lower-case, sorted, no repeats (as the reference signers emit them), host
 * and x-sdk-date always, and the project and security-token headers whenever they are sent, so
 * an unsigned header cannot change what a signed request means.
 */
function signsWhatItMust(
  signed: readonly string[],
  headers: SignedRequest["headers"],
  key: AccessKey,
): boolean {
  const normalized = [...new Set(signed.map((name) => name.toLowerCase()))].sort();
  if (normalized.join(";") !== signed.join(";")) return false;
  const required = ["host", "x-sdk-date"];
  for (const name of ["x-project-id", "x-security-token"]) {
    if (headers[name] !== undefined) required.push(name);
  }
  if (!required.every((name) => signed.includes(name))) return false;
  const securityToken = headerValue(headers, "x-security-token");
  return key.securityToken === undefined || securityToken === key.securityToken;
}

/**
 * A signed X-Project-Id scopes the credentials to that project: another project in the path
 * is then refused as SDRS refuses a token of another project.
 */
function projectMismatch(request: AkskRequest): SimResponse | undefined {
  const projectId = headerValue(request.headers, "x-project-id");
  const [, version, pathProject] = request.url.pathname.split("/");
  if (projectId === undefined || version !== "v1" || pathProject === projectId) return undefined;
  return sdrsError("SDRS.0005");
}

function headerValue(headers: SignedRequest["headers"], name: string): string | undefined {
  const value = headers[name];
  return Array.isArray(value) ? value.join(",") : value;
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a, "utf8");
  const right = Buffer.from(b, "utf8");
  return left.length === right.length && timingSafeEqual(left, right);
}
