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

/**
 * What every match of TOKEN_PATTERNS begins with, in any case (a superset, so text without it
 * holds no token shape), for the one-pass tests below.
 */
const TOKEN_START =
  "MII[A-Za-z0-9+/=_-]{20}|Signature=[0-9a-fA-F]{16}|X-(?:Auth|Subject|Security)-Token";

export const REDACTED = "[redacted]";

/**
 * What stands for a secret: never longer than the secret itself. Results are scrubbed after the
 * output budget is applied, so a scrubbed answer must not grow past it (a reason full of short
 * "X-Auth-Token:a" once made a 40,000-character page 46,051).
 */
function mask(secret: string): string {
  return secret.length >= REDACTED.length ? REDACTED : "*".repeat(Math.min(3, secret.length));
}

/** What ends a URL's token in free text: whitespace, quotes and angle brackets. */
const TOKEN_END = /[\s"'<>`]/g;
const ENDS_TOKEN = new RegExp(TOKEN_END.source);
/** What ends a line: user info in free text never runs past one. */
const LINE_END = /[\n\r\v\f\u0085\u2028\u2029]/g;
/**
 * An authority that reads as one without user info: a dotted host name, localhost or an [IPv6]
 * address, then at most a port. ("admin:pass" is no host and port; neither is "admin:123",
 * as "admin" has no dot.)
 */
const PLAIN_AUTHORITY =
  /^(?:[\p{L}\p{N}_~%!$&()*+,;=-]+(?:\.[\p{L}\p{N}_~%!$&()*+,;=-]+)+\.?|localhost|\[[\p{N}A-Fa-f:.]*\])(?::\d*)?$/iu;
const SCHEME_CHAR = /[A-Za-z0-9+.-]/;
/** Longer "schemes" are read as part of the text before them (never as a new URL). */
const MAX_SCHEME = 32;

/**
 * How far user info may reach: `value` for one configuration value (SDRS_ENDPOINT, a proxy,
 * clouds.yaml's auth_url), where everything from the first "://" (from its start without one)
 * to the value's last "@" is user info whatever it holds; `text` for free text (errors, logs,
 * upstream bodies) that may name URLs among prose.
 */
export type UserInfoScope = "value" | "text";

/**
 * A text as an answer or a log may show it: the user info of every URL becomes "…". The one
 * redaction of URL user info, for text that parses as a URL or not: a password may hold " ",
 * "#", "/", "?", "@" or quotes, and then the value is not a valid URL at all.
 *
 * In free text a URL whose token (up to whitespace or a quote) holds an "@", or whose authority
 * is no plain `host[:port]` (`https://admin:pass word@host` reads `admin:pass`), has user info
 * reaching from "://" to the last "@" before the next URL or the end of its line: a password
 * with a space or a quote is hidden whole, at the price of hiding prose up to a later "@" on
 * that line ("https://…@corp" for "https://u:p@host refused, ask admin@corp"). A URL that
 * starts as a plain host and port is taken as it reads ("https://a.example:443 failed at
 * a.B@1f" is left alone); a free text that quotes a configuration value verbatim could
 * therefore show a password of digits after a dotted user name (`https://a.b:123 4@host`),
 * which is why the configuration quotes its own values with the `value` scope.
 *
 * Linear: every search goes forward from where the last one of its kind stopped, and the scheme
 * before a "://" is read back at most MAX_SCHEME characters.
 */
export function withoutUserInfo(text: string, scope: UserInfoScope = "text"): string {
  const first = text.indexOf("://");
  if (scope === "value") {
    // Without a scheme ("user:pass@proxy:3128") the user info starts with the value.
    const start = first < 0 ? 0 : first + 3;
    const lastAt = text.lastIndexOf("@");
    return lastAt > start ? `${text.slice(0, start)}…${text.slice(lastAt)}` : text;
  }
  if (first < 0 || text.lastIndexOf("@") <= first + 3) return text;
  const nextAt = forward((from) => text.indexOf("@", from), text.length);
  const lineEnd = forward((from) => search(LINE_END, text, from), text.length);
  const tokenEnd = forward((from) => search(TOKEN_END, text, from), text.length);
  const nextUrl = forward((from) => urlStart(text, from), text.length);
  let out = "";
  let copied = 0;
  let from = 0;
  for (let at = first; at >= 0; at = text.indexOf("://", from)) {
    const start = at + 3;
    const line = lineEnd(start);
    const firstAt = nextAt(start);
    from = line; // no "@" on the rest of the line: nothing to hide
    if (firstAt >= line) continue;
    const token = Math.min(tokenEnd(start), line);
    from = token;
    if (firstAt >= token && PLAIN_AUTHORITY.test(authority(text.slice(start, token)))) continue;
    const lastAt = text.lastIndexOf("@", Math.min(nextUrl(firstAt), line) - 1);
    from = lastAt + 1;
    if (lastAt === start) continue; // "https://@host": no user info
    out += `${text.slice(copied, start)}…`;
    copied = lastAt;
  }
  return out + text.slice(copied);
}

/**
 * A search for "the next index at or after `from`" asked with `from` never decreasing: the last
 * answer stands while it is still ahead, so the text is read once in all.
 */
function forward(find: (from: number) => number, none: number): (from: number) => number {
  let found = -1;
  return (from) => {
    if (found < from) {
      const index = find(from);
      found = index < 0 ? none : index;
    }
    return found;
  };
}

function search(pattern: RegExp, text: string, from: number): number {
  pattern.lastIndex = from;
  return pattern.exec(text)?.index ?? -1;
}

/** A URL's authority: its token up to the first "/", "?" or "#". */
function authority(token: string): string {
  const end = token.search(/[/?#]/);
  return end < 0 ? token : token.slice(0, end);
}

/**
 * Where the next URL of the text starts at or after `from`: a scheme before "://" that starts a
 * token of its own (after whitespace or a quote, or at the start). A "://" inside a token
 * ("pa://ss") starts none: it may be part of a password.
 */
function urlStart(text: string, from: number): number {
  for (let at = text.indexOf("://", from); at >= 0; at = text.indexOf("://", at + 3)) {
    let scheme = at;
    while (scheme > 0 && at - scheme < MAX_SCHEME && SCHEME_CHAR.test(text.charAt(scheme - 1)))
      scheme--;
    if (scheme < at && (scheme === 0 || ENDS_TOKEN.test(text.charAt(scheme - 1)))) return scheme;
  }
  return -1;
}

/**
 * Whether withoutUserInfo may change the text: an "@" after its first "://". Conservative (the
 * JSON of a value joins its lines and strings), so scrubDeep never skips a value to scrub.
 */
function hasUserInfo(text: string): boolean {
  // The "@" first, searched forwards: one character is the fastest search (lastIndexOf reads
  // back at a fraction of the speed), and most texts have none.
  if (text.indexOf("@") < 0) return false;
  const url = text.indexOf("://");
  return url >= 0 && text.indexOf("@", url + 4) >= 0;
}

/**
 * Whether scrubText could change `text`: a secret of 4 or more characters in it, the beginning
 * of a token shape, or URL user info. False means scrubText would return it unchanged.
 */
function mayHoldSecret(text: string, secrets: readonly string[]): boolean {
  return testsFor(secrets).text.test(text) || hasUserInfo(text);
}

interface SecretTests {
  /** The list last asked with: upstream hands out one array per list and never changes it. */
  list: readonly string[];
  key: string;
  /** A secret or the beginning of a token shape, in one pass (case aside: a superset). */
  text: RegExp;
  /** The same, or a `\u` or `\/` escape, in a JSON text where secrets may stand escaped. */
  json: RegExp;
}

/** The tests for the last list of secrets seen: the list changes only when a token is issued. */
let lastTests: SecretTests | undefined;

function testsFor(secrets: readonly string[]): SecretTests {
  if (lastTests?.list === secrets) return lastTests;
  const plain = secrets.filter((s) => s.length >= 4);
  const key = plain.join("\0");
  if (lastTests?.key === key) {
    lastTests.list = secrets;
    return lastTests;
  }
  const escaped = plain.map((s) => JSON.stringify(s).slice(1, -1));
  const literal = (list: string[]) => [...new Set(list)].map(escapeRegExp);
  const text = [...literal(plain), TOKEN_START].join("|");
  const json = ["\\\\[u/]", ...literal([...plain, ...escaped]), TOKEN_START].join("|");
  lastTests = { list: secrets, key, text: new RegExp(text, "i"), json: new RegExp(json, "i") };
  return lastTests;
}

function escapeRegExp(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/-]/g, "\\$&");
}

export function scrubText(text: string, secrets: readonly string[]): string {
  if (!mayHoldSecret(text, secrets)) return text;
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
  return jsonMayHoldSecret(text, secrets) ? walk(value, secrets) : value;
}

/**
 * Whether any string of the JSON document `json` (a key or a value, once parsed) may hold
 * something scrubText would change, decided on the text itself, without parsing it. False
 * means no string of it holds a secret, a token shape or URL user info, and neither does the
 * text.
 *
 * Sound because of how JSON writes strings: without `\u` and `\/` escapes in the text, every
 * escape left is one JSON.stringify writes too (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`), so a
 * string holding a secret holds it in the text in its JSON-escaped form; the token shapes begin
 * with characters that are never escaped; and "://" and "@" are never escaped either, so a
 * string with user info gives its text an "@" after a "://" (hasUserInfo's test). Text with
 * those escapes (they can spell any character) is left to the caller's closer look.
 */
export function jsonMayHoldSecret(json: string, secrets: readonly string[]): boolean {
  return testsFor(secrets).json.test(json) || hasUserInfo(json);
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
