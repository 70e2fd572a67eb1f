/**
 * Confirm tokens for hosts without elicitation: a preview hands one out, the confirming call
 * hands it back. A token is bound to the tool, the project, the scope's arguments and the exact
 * set of record IDs the user was shown; it lives 5 minutes, works once, is 144 random bits and
 * exists only in this process's memory (a restart forgets every token, which is the safe way to
 * fail).
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";

const TOKEN_TTL_MS = 5 * 60_000;
/** 18 random bytes in base64url. */
const CONFIRM_TOKEN = /^[A-Za-z0-9_-]{24}$/;
const TOKEN_ERROR =
  "confirm_token must be the confirm_token (24 characters) a preview of this tool returned";

export const confirmTokenField = z
  .string({ error: TOKEN_ERROR })
  .regex(CONFIRM_TOKEN, { error: TOKEN_ERROR })
  .describe(
    "The confirm_token of this tool's preview; pass it only after the user agreed to that preview.",
  );

/** Live tokens kept at most; past it the oldest is forgotten (a model looping on previews). */
const MAX_TOKENS = 256;

export interface TokenBinding {
  tool: string;
  projectId: string;
  /** The call's scope arguments in a fixed order (what "the same arguments" means). */
  args: string;
  /** The record IDs (job_id) the preview showed, sorted. */
  ids: readonly string[];
  /** Where the records were found (a protection group, or null for group level): re-read there. */
  where: string | null;
}

export type Redeemed =
  | { ok: true; binding: TokenBinding }
  | { ok: false; reason: "unknown" | "expired" | "used" | "other-arguments" };

interface Entry {
  binding: TokenBinding;
  expiresAt: number;
  used: boolean;
}

export class ConfirmTokens {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number = () => Date.now()) {}

  issue(binding: TokenBinding): { token: string; expiresAt: number } {
    this.prune();
    if (this.entries.size >= MAX_TOKENS) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    const token = randomBytes(18).toString("base64url");
    const expiresAt = this.now() + TOKEN_TTL_MS;
    this.entries.set(token, {
      binding: { ...binding, ids: sortedIds(binding.ids) },
      expiresAt,
      used: false,
    });
    return { token, expiresAt };
  }

  /**
   * Spends the token whatever the outcome but "unknown": a token shown with other arguments is
   * burnt too, so a confused model has to preview (and ask the user) again.
   */
  redeem(token: string, tool: string, projectId: string, args: string): Redeemed {
    this.prune();
    const entry = this.entries.get(token);
    if (!entry) return { ok: false, reason: "unknown" };
    if (entry.used) return { ok: false, reason: "used" };
    entry.used = true;
    if (this.now() >= entry.expiresAt) return { ok: false, reason: "expired" };
    const b = entry.binding;
    if (b.tool !== tool || b.projectId !== projectId || b.args !== args) {
      return { ok: false, reason: "other-arguments" };
    }
    return { ok: true, binding: b };
  }

  /** Spent and expired tokens are remembered for one more lifetime, to say why they fail. */
  private prune(): void {
    const now = this.now();
    for (const [token, entry] of this.entries) {
      if (now >= entry.expiresAt + TOKEN_TTL_MS) this.entries.delete(token);
    }
  }
}

function sortedIds(ids: readonly string[]): string[] {
  return [...ids].sort();
}

export function sameIds(a: readonly string[], b: readonly string[]): boolean {
  const x = sortedIds(a);
  const y = sortedIds(b);
  return x.length === y.length && x.every((id, i) => id === y[i]);
}
