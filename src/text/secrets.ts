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

/**
 * What stands for a secret: never longer than the secret itself. Results are scrubbed after the
 * output budget is applied, so a scrubbed answer must not grow past it (a reason full of short
 * "X-Auth-Token:a" once made a 40,000-character page 46,051).
 */
function mask(secret: string): string {
  return secret.length >= REDACTED.length ? REDACTED : "*".repeat(Math.min(3, secret.length));
}

export function scrubText(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join(mask(secret));
  }
  for (const pattern of TOKEN_PATTERNS) {
    out = out.replace(pattern, (match, prefix?: string) =>
      typeof prefix === "string" ? `${prefix}${mask(match.slice(prefix.length))}` : mask(match),
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
    // Keys may be upstream strings ("__proto__" among them): own properties, never a prototype.
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, secrets)])) as T;
  }
  return value;
}
