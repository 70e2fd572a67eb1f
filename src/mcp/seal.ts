/**
 * State that outlives a request and comes back from a client (confirm tokens; in team mode also
 * raw-resource URIs) is sealed, not stored: `token = base64url(payload || HMAC-SHA256(key,
 * purpose || 0 || payload))`. Any server holding the key can check a token without a shared
 * store, and a token changed in any character, sealed for another purpose or by another key is
 * refused. The payload is not secret (it is readable in the token); what it binds to is.
 * stdio uses a fresh random key per process, so a restart invalidates every token: the safe way
 * to fail. Team mode builds the seal from SDRS_MCP_STATE_KEY, the same on every replica.
 */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** RFC 2104: a key shorter than the hash output (32 bytes for SHA-256) weakens the MAC. */
export const MIN_KEY_BYTES = 32;
const TAG_BYTES = 32;
const BASE64URL = /^[A-Za-z0-9_-]+$/;

export class StateSeal {
  private readonly key: Buffer;

  private constructor(key: Uint8Array) {
    this.key = Buffer.from(key);
  }

  /** A key of this process only (stdio, loopback HTTP without a configured key). */
  static random(): StateSeal {
    return new StateSeal(randomBytes(MIN_KEY_BYTES));
  }

  /** A configured key (SDRS_MCP_STATE_KEY, decoded); shorter than 32 bytes is refused. */
  static fromKey(key: Uint8Array): StateSeal {
    if (key.length < MIN_KEY_BYTES) {
      throw new RangeError(`a state key needs at least ${MIN_KEY_BYTES} bytes, got ${key.length}`);
    }
    return new StateSeal(key);
  }

  seal(purpose: string, payload: Uint8Array): string {
    return Buffer.concat([payload, this.tag(purpose, payload)]).toString("base64url");
  }

  /** The payload of a token this key sealed for `purpose`; undefined for anything else. */
  open(purpose: string, token: string): Buffer | undefined {
    if (!BASE64URL.test(token)) return undefined;
    const bytes = Buffer.from(token, "base64url");
    // Only the canonical spelling: base64 can spell the same bytes with other last characters,
    // and "one character changed" must never still open.
    if (bytes.length <= TAG_BYTES || bytes.toString("base64url") !== token) return undefined;
    const payload = bytes.subarray(0, bytes.length - TAG_BYTES);
    const tag = bytes.subarray(bytes.length - TAG_BYTES);
    return timingSafeEqual(tag, this.tag(purpose, payload)) ? payload : undefined;
  }

  private tag(purpose: string, payload: Uint8Array): Buffer {
    return createHmac("sha256", this.key).update(purpose).update("\0").update(payload).digest();
  }
}
