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

/** What ends a URL inside a text: whitespace, quotes and angle brackets. */
const URL_END = /[\s"'<>`]/;

/**
 * A text as an answer or a log may show it: in every URL, what stands between "://" and the
 * last "@" before the URL ends (the user info; a password may hold "#", "/", "?" or "@" and
 * then the value is not a valid URL at all) becomes "…". The one redaction of URL user info,
 * for text that parses as a URL or not. Linear: each character is looked at a bounded number of
 * times.
 */
export function withoutUserInfo(text: string): string {
  let out = "";
  let from = 0;
  for (let at = text.indexOf("://"); at >= 0; at = text.indexOf("://", from)) {
    const start = at + 3;
    let end = start;
    let lastAt = -1;
    for (; end < text.length && !URL_END.test(text.charAt(end)); end++) {
      if (text.charAt(end) === "@") lastAt = end;
    }
    if (lastAt > start) {
      out += `${text.slice(from, start)}…`;
      from = lastAt;
    }
    out += text.slice(from, end);
    from = end;
    if (end >= text.length) break;
  }
  return out + text.slice(from);
}

/** Whether withoutUserInfo would change the text (a cheap look first). */
function hasUserInfo(text: string): boolean {
  return text.includes("://") && text.includes("@") && withoutUserInfo(text) !== text;
}

export function scrubText(text: string, secrets: readonly string[]): string {
  let out = hasUserInfo(text) ? withoutUserInfo(text) : text;
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
    ) ||
    TOKEN_TESTS.some((pattern) => pattern.test(text)) ||
    hasUserInfo(text);
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
