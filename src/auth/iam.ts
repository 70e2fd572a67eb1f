/**
 * IAM password authentication: a project-scoped token from `POST {auth_url}/auth/tokens`, cached
 * in memory, renewed a few minutes before it expires, fetched once for concurrent callers, and
 * dropped after SDRS answers 401 (IAM revokes tokens within 30 min of a permission change).
 * A password IAM refused (401) is never sent again: IAM locks accounts after repeated failures,
 * so every later call gets the same error at once.
 */

import { readJson } from "../http/body-shape.js";
import { DEFAULT_RETRY, retriesSpent, withRetries } from "../http/retry.js";
import { exchange, type Incoming } from "../http/transport.js";
import { AuthError } from "./errors.js";
import {
  catalogEndpoint,
  type IamOptions,
  iamFailure,
  requestBody,
  tokenAnswer,
  unreachable,
} from "./iam-wire.js";
import type { Authenticator } from "./types.js";

export interface IssuedToken {
  token: string;
  expiresAt: number;
  /** When to fetch the next one: a few minutes before expiry, or half-way for short-lived tokens. */
  renewAt: number;
  projectId: string;
  /** SDRS base URL from the catalog (type sdrs, interface public, the region), if listed. */
  sdrsEndpoint?: string;
}

const DEFAULT_RENEW_BEFORE_MS = 5 * 60_000;
/**
 * Tokens kept for scrubbing, newest first: every unexpired one can still be echoed back, but
 * beyond this many the older ones were all replaced after SDRS refused them.
 */
const MAX_KEPT_TOKENS = 32;

export class IamTokenSource {
  private current: IssuedToken | undefined;
  private pending: Promise<IssuedToken> | undefined;
  /** Issued tokens and when they expire, oldest first. */
  private readonly tokens = new Map<string, number>();
  /** IAM refused the password: the error every later call gets, without asking IAM again. */
  private refused: AuthError | undefined;
  /** How many token requests were sent: a test reads it to check single-flight. */
  issued = 0;

  constructor(private readonly options: IamOptions) {}

  /** A valid token; concurrent callers share one IAM request. */
  get(): Promise<IssuedToken> {
    if (this.refused) return Promise.reject(this.refused);
    if (this.current && this.current.renewAt > this.now()) return Promise.resolve(this.current);
    this.pending ??= this.issue().finally(() => {
      this.pending = undefined;
    });
    return this.pending;
  }

  invalidate(): void {
    this.current = undefined;
  }

  /** The issued tokens that can still appear in an output: the unexpired ones. */
  issuedTokens(): string[] {
    this.forgetExpired();
    return [...this.tokens.keys()];
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }

  private forgetExpired(): void {
    const now = this.now();
    for (const [token, expiresAt] of this.tokens) {
      if (expiresAt <= now || this.tokens.size > MAX_KEPT_TOKENS) this.tokens.delete(token);
    }
  }

  private async issue(): Promise<IssuedToken> {
    try {
      return await withRetries(this.options.retry ?? DEFAULT_RETRY, () => this.requestToken());
    } catch (error) {
      if (error instanceof AuthError && error.status === 401) this.refused = error;
      throw retriesSpent(error);
    }
  }

  private async requestToken(): Promise<IssuedToken> {
    const o = this.options;
    this.issued++;
    const url = new URL(`${o.authUrl}/auth/tokens`);
    // Read inside the exchange: the body counts against the byte budget until it is parsed.
    return exchange(
      o,
      {
        method: "POST",
        url,
        headers: { "content-type": "application/json" },
        body: JSON.stringify(requestBody(o)),
      },
      (answer) => {
        if (answer.status !== 201 && answer.status !== 200) {
          throw new AuthError(iamFailure(answer.status, answer.body, o), answer.status, "http");
        }
        return this.accept(answer);
      },
    ).catch((error: unknown) => {
      throw unreachable(error, o);
    });
  }

  private accept(answer: Incoming): IssuedToken {
    const o = this.options;
    const token = answer.header("x-subject-token");
    const parsed = readJson(answer.body, tokenAnswer);
    if (token === undefined || "problem" in parsed) {
      throw new AuthError(
        `IAM at ${o.authUrl} answered without a usable token: check OS_AUTH_URL points at IAM (…/v3).`,
      );
    }
    const body = parsed.data.token;
    const projectId = body.project?.id ?? o.projectId;
    if (!projectId) {
      throw new AuthError(
        "IAM issued a token without a project: set OS_PROJECT_ID or OS_PROJECT_NAME.",
      );
    }
    const sdrsEndpoint = catalogEndpoint(body.catalog ?? [], o.region);
    const now = this.now();
    const expiresAt = Date.parse(body.expires_at);
    this.tokens.set(token, Number.isNaN(expiresAt) ? Number.POSITIVE_INFINITY : expiresAt);
    this.forgetExpired();
    const margin = Math.min(
      o.renewBeforeMs ?? DEFAULT_RENEW_BEFORE_MS,
      Math.max(0, expiresAt - now) / 2,
    );
    this.current = {
      token,
      expiresAt,
      renewAt: expiresAt - margin,
      projectId,
      ...(sdrsEndpoint && { sdrsEndpoint }),
    };
    return this.current;
  }
}

/** X-Auth-Token from the cache; a 401 from SDRS drops it so the retry gets a fresh one. */
export function iamAuthenticator(source: IamTokenSource): Authenticator {
  return {
    kind: "iam",
    authorize: async () => ({ "x-auth-token": (await source.get()).token }),
    invalidate: () => {
      source.invalidate();
      return true;
    },
  };
}
