/**
 * Confirm tokens for hosts without elicitation: a preview hands one out, the confirming call
 * hands it back. A token is sealed (../seal.ts), not stored: it carries its expiry (5 minutes),
 * a random nonce, how many records there were, a digest of the exact set (identity.ts: each
 * record with where it is listed) and a digest of what it is bound to (the subject, the tool,
 * the project and the call's scope arguments). It does not carry where the records are: the
 * confirming call reads again what its own arguments name (the same search as the preview), so
 * a token has one size (207 characters) whatever the set. Redeeming, in this order:
 * - not openable (altered, from another server or from before a restart): refused;
 * - bound to other arguments or another subject: refused WITHOUT using the token up, so a slip
 *   (another record, another scope) does not cost the user's confirmation;
 * - expired: refused;
 * - already spent (where spends are remembered: stdio): refused;
 * then the caller re-reads the set; only a call that deletes, or that finds the set changed,
 * spends the token. Where no memory of spends is shared (team mode, several replicas), a replay
 * finds the set it names gone (it was deleted), so it deletes nothing.
 */
import { randomBytes } from "node:crypto";
import { z } from "zod";
import type { StateSeal } from "../seal.js";
import { sha256 } from "./identity.js";

const TOKEN_TTL_MS = 5 * 60_000;
const PURPOSE = "sdrs-mcp confirm token v1";
/** 2: the token no longer carries where the records are (the confirming call searches again). */
const VERSION = 2;
const NONCE_BYTES = 16;
const DIGEST_BYTES = 32;
const PAYLOAD_BYTES = 11 + NONCE_BYTES + 3 * DIGEST_BYTES;
/** Every token is 155 bytes sealed (207 base64url characters); the bound leaves room to grow. */
const MAX_TOKEN_LENGTH = 300;
const TOKEN_ERROR =
  "confirm_token must be the confirm_token (base64url text) a preview of this tool returned";

export const confirmTokenField = z
  .string({ error: TOKEN_ERROR })
  .regex(/^[A-Za-z0-9_-]+$/, { error: TOKEN_ERROR })
  .max(MAX_TOKEN_LENGTH, { error: TOKEN_ERROR })
  .describe(
    "The confirm_token of this tool's preview; pass it only after the user agreed to that preview.",
  );

/** What a token is bound to: the same values on the confirming call, or it is refused. */
export interface TokenBinding {
  /** Who asked: "local" in stdio; the token's `sub` in team mode. */
  subject: string;
  tool: string;
  projectId: string;
  /** The call's scope arguments in a fixed order (what "the same arguments" means). */
  args: string;
}

/** The set the user was shown. */
export interface ConfirmedSet {
  count: number;
  /** identity.ts setDigest of the records. */
  digest: Buffer;
}

export type Refusal = "foreign" | "other-user" | "other-arguments" | "expired" | "used";

export type Checked =
  | { ok: false; reason: Refusal }
  /** `spend()` is false when another call spent it meanwhile (then nothing may be deleted). */
  | { ok: true; set: ConfirmedSet; spend(): boolean };

export interface ConfirmTokenOptions {
  /**
   * Remember spent tokens until they expire, so each works once (stdio: one process). Team mode
   * has no shared memory across replicas; there a replay finds its set deleted.
   */
  rememberSpent: boolean;
  now?: () => number;
}

export class ConfirmTokens {
  private readonly spent = new Map<string, number>();
  private readonly now: () => number;

  constructor(
    private readonly seal: StateSeal,
    private readonly options: ConfirmTokenOptions,
  ) {
    this.now = options.now ?? (() => Date.now());
  }

  issue(binding: TokenBinding, set: ConfirmedSet): { token: string; expiresAt: number } {
    const expiresAt = this.now() + TOKEN_TTL_MS;
    const payload = encode({
      expiresAt,
      nonce: randomBytes(NONCE_BYTES),
      count: set.count,
      setDigest: set.digest,
      bindingDigest: bindingDigest(binding),
      subjectDigest: subjectDigest(binding.subject),
    });
    return { token: this.seal.seal(PURPOSE, payload), expiresAt };
  }

  check(token: string, binding: TokenBinding): Checked {
    const payload = this.seal.open(PURPOSE, token);
    const claims = payload && decode(payload);
    if (!claims) return { ok: false, reason: "foreign" };
    // Said apart from other arguments: another user's token is an access to audit, not a slip.
    if (!claims.subjectDigest.equals(subjectDigest(binding.subject))) {
      return { ok: false, reason: "other-user" };
    }
    if (!claims.bindingDigest.equals(bindingDigest(binding))) {
      return { ok: false, reason: "other-arguments" };
    }
    const now = this.now();
    if (now >= claims.expiresAt) return { ok: false, reason: "expired" };
    const nonce = claims.nonce.toString("hex");
    this.forgetExpired(now);
    if (this.spent.has(nonce)) return { ok: false, reason: "used" };
    const set = { count: claims.count, digest: claims.setDigest };
    return {
      ok: true,
      set,
      spend: () => {
        if (!this.options.rememberSpent) return true;
        if (this.spent.has(nonce)) return false;
        this.spent.set(nonce, claims.expiresAt);
        return true;
      },
    };
  }

  /**
   * A spent token needs remembering only while it could still be redeemed. Each entry came from
   * a confirmed delete call (its reads and its DELETE), so the map holds at most what one
   * process deletes in 5 minutes.
   */
  private forgetExpired(now: number): void {
    for (const [nonce, expiresAt] of this.spent) if (now >= expiresAt) this.spent.delete(nonce);
  }
}

function bindingDigest(b: TokenBinding): Buffer {
  return sha256(JSON.stringify([b.subject, b.tool, b.projectId, b.args]));
}

function subjectDigest(subject: string): Buffer {
  return sha256(JSON.stringify(["subject", subject]));
}

interface Claims {
  expiresAt: number;
  nonce: Buffer;
  count: number;
  setDigest: Buffer;
  bindingDigest: Buffer;
  subjectDigest: Buffer;
}

/**
 * version (1) | expiresAt ms (6) | count (4) | nonce (16) | setDigest (32) | bindingDigest (32) |
 * subjectDigest (32): 123 bytes, whatever the set.
 */
function encode(c: Claims): Buffer {
  const head = Buffer.alloc(1 + 6 + 4);
  head.writeUInt8(VERSION, 0);
  head.writeUIntBE(c.expiresAt, 1, 6);
  head.writeUInt32BE(c.count, 7);
  return Buffer.concat([head, c.nonce, c.setDigest, c.bindingDigest, c.subjectDigest]);
}

/** Only what encode() makes; anything else (it was sealed by this key, so never) is undefined. */
function decode(p: Buffer): Claims | undefined {
  if (p.length !== PAYLOAD_BYTES || p.readUInt8(0) !== VERSION) return undefined;
  let at = 11;
  const take = (n: number) => {
    const bytes = p.subarray(at, at + n);
    at += n;
    return bytes;
  };
  return {
    expiresAt: p.readUIntBE(1, 6),
    count: p.readUInt32BE(7),
    nonce: take(NONCE_BYTES),
    setDigest: take(DIGEST_BYTES),
    bindingDigest: take(DIGEST_BYTES),
    subjectDigest: take(DIGEST_BYTES),
  };
}
