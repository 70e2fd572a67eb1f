/**
 * The forms a credential takes when an upstream body echoes it back: as it is, JSON-escaped (an
 * echo of the request body inside a JSON string, `"` as `\"`, maybe `/` as `\/`) and
 * percent-encoded (an echo of a URL or a form). Scrubbing looks for every one of them.
 */
function secretForms(secret: string): string[] {
  const escaped = JSON.stringify(secret).slice(1, -1);
  const encoded = encodeURIComponent(secret);
  return [
    ...new Set([
      secret,
      escaped,
      escaped.replaceAll("/", "\\/"),
      encoded,
      encoded.replaceAll("%20", "+"),
    ]),
  ];
}

/** The forms of the last list asked for: the credentials change only when a token is issued. */
let last: { key: string; forms: readonly string[] } | undefined;

/**
 * Every form of every secret, once each. The same list asked again gets the same array back, so
 * the scrubber's compiled tests (text/secrets.ts) are found by identity.
 */
export function allSecretForms(secrets: readonly string[]): readonly string[] {
  const key = secrets.join("\0");
  if (last?.key !== key) last = { key, forms: [...new Set(secrets.flatMap(secretForms))] };
  return last.forms;
}
