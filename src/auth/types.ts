/** What the SDRS client needs from any authentication method (token, AK/SK, password). */

export interface OutgoingRequest {
  method: string;
  url: URL;
  /** Headers already set, lower-case names; signing methods sign some of them. */
  headers: Record<string, string>;
  body: string;
}

export interface Authenticator {
  /**
   * What SDRS is shown: a fixed token (expires, cannot be renewed), AK/SK signing, or a token
   * renewed from IAM with the password. Read by the advice after a 401.
   */
  kind?: "token" | "aksk" | "iam";
  /** The headers that authenticate this request. */
  authorize(request: OutgoingRequest, signal?: AbortSignal): Promise<Record<string, string>>;
  /**
   * Called after SDRS answered 401: drop cached credentials. Returns true when a retry with
   * fresh credentials may succeed (a renewable IAM token), false when it cannot (a fixed token).
   */
  invalidate(): boolean;
}

/** A fixed, ready project-scoped IAM token (OS_AUTH_TOKEN), sent as X-Auth-Token. */
export function tokenAuthenticator(token: string): Authenticator {
  return {
    kind: "token",
    authorize: async () => ({ "x-auth-token": token }),
    invalidate: () => false,
  };
}
