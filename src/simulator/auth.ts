import { type AkskOptions, isAkskRequest, verifyAksk } from "./aksk.js";
import { unauthorized } from "./errors.js";
import type { SimResponse } from "./responses.js";
import type { TokenStore } from "./tokens.js";

/**
 * Decides whether a request is authenticated. Kept to one small function type so IAM-issued
 * tokens or AK/SK signature checks can replace the static token without touching the router.
 */
export type Authenticate = (request: {
  method: string;
  url: URL;
  headers: Record<string, string | string[] | undefined>;
}) => boolean;

/** What the SDRS routes are guarded by: undefined lets the request through, else the refusal. */
export type Guard = (request: GuardedRequest) => SimResponse | undefined;

export interface GuardedRequest {
  method: string;
  url: URL;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
  requestId: string;
}

/** Accepts exactly one token in X-Auth-Token (Node lower-cases header names). */
export function staticTokenAuthenticator(token: string): Authenticate {
  return ({ headers }) => headers["x-auth-token"] === token;
}

/** Accepts a token IAM issued, scoped to a project and not expired on the simulator clock. */
export function issuedTokenAuthenticator(tokens: TokenStore, now: () => number): Authenticate {
  return ({ headers }) => {
    const token = headers["x-auth-token"];
    return typeof token === "string" && typeof tokens.projectOf(token, now()) === "string";
  };
}

/**
 * An SDK-HMAC-SHA256 Authorization is judged by its signature alone, as the gateway does;
 * anything else must carry a token one of the authenticators accepts.
 */
export function createGuard(tokenChecks: readonly Authenticate[], aksk: AkskOptions): Guard {
  return (request) => {
    if (isAkskRequest(request.headers)) return verifyAksk(request, aksk);
    return tokenChecks.some((accepts) => accepts(request)) ? undefined : unauthorized();
  };
}
