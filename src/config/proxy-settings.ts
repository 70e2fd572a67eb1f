/**
 * HTTPS_PROXY / HTTP_PROXY / NO_PROXY as curl and the OpenStack tools read them, once, from the
 * environment the entry point passes in (nothing reads process.env behind its back).
 */
import { type ProxySettings, parseProxyUrl } from "../http/proxy.js";
import { named } from "./settings.js";
import type { Env } from "./values.js";

/** Lower-case first, as undici and curl do; an empty value counts as unset. */
function pick(env: Env, name: string): string | undefined {
  return env[name.toLowerCase()] || env[name] || undefined;
}

/** The proxy variables, each checked: a URL with scheme http(s), host and nothing else. */
export function readProxySettings(env: Env): { settings: ProxySettings; problems: string[] } {
  const problems: string[] = [];
  const settings: ProxySettings = {};
  for (const [name, key] of [
    ["HTTP_PROXY", "httpProxy"],
    ["HTTPS_PROXY", "httpsProxy"],
  ] as const) {
    const given = pick(env, name);
    if (given === undefined) continue;
    // No scheme means http://, as curl and Python's requests (the OpenStack tools) read it.
    const value = /^[a-z][a-z0-9+.-]*:\/\//i.test(given) ? given : `http://${given}`;
    const url = parseProxyUrl(value);
    if (!url) {
      problems.push(
        `${named(name)} must be a URL like http://proxy.example.com:3128 (optionally with user:password@)`,
      );
    } else if (!decodable(url.username) || !decodable(url.password)) {
      // The URL parser lets it through, undici's Proxy-Authorization does not: every call
      // would fail as if the proxy were down.
      problems.push(
        `${named(name)}: its user name or password holds a % that does not start a %XX escape; write a literal % as %25 (and @ as %40, : as %3A)`,
      );
    } else settings[key] = value;
  }
  const noProxy = pick(env, "NO_PROXY");
  if (noProxy) settings.noProxy = noProxy;
  return { settings, problems };
}

function decodable(part: string): boolean {
  try {
    decodeURIComponent(part);
    return true;
  } catch {
    return false;
  }
}
