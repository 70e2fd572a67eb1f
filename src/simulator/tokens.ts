import { createHash } from "node:crypto";

/**
 * Tokens IAM issued: what they are scoped to and when they expire on the simulator clock.
 * Token text is a pure function of (salt, counter, user), so runs repeat, while the counter keeps
 * every token distinct, revoked ones included.
 */

export interface IssuedToken {
  token: string;
  issuedAt: number;
  expiresAt: number;
  /** null: unscoped, which SDRS refuses. */
  projectId: string | null;
}

export class TokenStore {
  #live = new Map<string, IssuedToken>();
  #issued = 0;

  constructor(
    private readonly salt: string,
    private readonly ttlMs: number,
  ) {
    if (!(ttlMs > 0)) throw new RangeError(`tokenTtlMs must be positive, got ${ttlMs}`);
  }

  issue(userId: string, projectId: string | null, nowMs: number): IssuedToken {
    this.#issued += 1;
    const hex = createHash("sha256")
      .update(`${this.salt}\n${this.#issued}\n${userId}`)
      .digest("hex");
    const issued: IssuedToken = {
      // "MII" like the PKI tokens real IAM hands out, so log scrubbers see a familiar prefix.
      token: `MIIsim${this.#issued}-${hex}`,
      issuedAt: nowMs,
      expiresAt: nowMs + this.ttlMs,
      projectId,
    };
    this.#live.set(issued.token, issued);
    return issued;
  }

  /** The project the token is good for right now; undefined if unknown, revoked or expired. */
  projectOf(token: string, nowMs: number): string | null | undefined {
    const issued = this.#live.get(token);
    // Kept after expiry: the answer stays a function of the clock tests drive, either way.
    if (issued === undefined || nowMs >= issued.expiresAt) return undefined;
    return issued.projectId;
  }

  revokeAll(): void {
    this.#live.clear();
  }

  get issuedCount(): number {
    return this.#issued;
  }
}
