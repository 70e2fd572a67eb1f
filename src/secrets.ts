/**
 * Last line of defence for credentials: any string that leaves the server (tool results, error
 * texts) passes through here, so a token echoed back by an upstream body never reaches a model.
 */
const TOKEN_PATTERNS = [
  // Keystone/IAM PKI tokens start with MII and run for kilobytes.
  /MII[A-Za-z0-9+/=_-]{20,}/g,
  /(Signature=)[0-9a-fA-F]{16,}/g,
  /(X-(?:Auth|Subject|Security)-Token["']?\s*[:=]\s*["']?)[^\s"',}]+/gi,
];

/** The same patterns without the global flag, for a stateless yes/no test. */
const TOKEN_TESTS = TOKEN_PATTERNS.map((pattern) => new RegExp(pattern.source, "i"));

export const REDACTED = "[redacted]";

export function scrubText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(REDACTED);
  }
  for (const pattern of TOKEN_PATTERNS) {
    out = out.replace(pattern, (_match, prefix?: string) =>
      typeof prefix === "string" ? `${prefix}${REDACTED}` : REDACTED,
    );
  }
  return out;
}

/**
 * Scrubs every string inside a JSON-like value. One look at its JSON first: almost every result
 * holds nothing to scrub, and walking it costs more than the call's own work.
 */
export function scrubDeep<T>(value: T, secrets: readonly string[]): T {
  const text = JSON.stringify(value) ?? "";
  const suspicious =
    secrets.some(
      (secret) => secret.length >= 4 && text.includes(JSON.stringify(secret).slice(1, -1)),
    ) || TOKEN_TESTS.some((pattern) => pattern.test(text));
  return suspicious ? walk(value, secrets) : value;
}

function walk<T>(value: T, secrets: readonly string[]): T {
  if (typeof value === "string") return scrubText(value, secrets) as T;
  if (Array.isArray(value)) return value.map((v) => walk(v, secrets)) as T;
  if (value && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = walk(v, secrets);
    return out as T;
  }
  return value;
}
