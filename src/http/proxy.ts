/**
 * The proxy settings as configuration read them (config/proxy-settings.ts): undici's
 * EnvHttpProxyAgent does the proxying; this module names the proxy a request goes through for
 * error texts, and lists the credentials a proxy URL carries so that they are scrubbed from
 * every output.
 */
import { percentDecodeOrKeep } from "./query.js";

export interface ProxySettings {
  httpProxy?: string;
  httpsProxy?: string;
  noProxy?: string;
}

export function hasProxy(settings: ProxySettings | undefined): boolean {
  return !!(settings?.httpProxy || settings?.httpsProxy);
}

/** A proxy URL: scheme http(s) and a host, else undefined. */
export function parseProxyUrl(value: string): URL | undefined {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname
      ? url
      : undefined;
  } catch {
    return undefined;
  }
}

const DEFAULT_PORTS: Record<string, number> = { "http:": 80, "https:": 443 };

/**
 * The proxy a request to `target` goes through, shown as host:port (never its credentials), or
 * undefined when it goes direct. Follows EnvHttpProxyAgent's rules: HTTPS falls back to the
 * HTTP proxy; a NO_PROXY entry (`host`, `.domain`, `*.domain`, `host:port`, `*`) matches the
 * host or any subdomain.
 */
export function proxyFor(settings: ProxySettings | undefined, target: URL): string | undefined {
  const proxy = proxyUrlFor(settings, target);
  const url = proxy ? parseProxyUrl(proxy) : undefined;
  return url && `${url.hostname}:${url.port || DEFAULT_PORTS[url.protocol]}`;
}

/** The proxy URL (as configured, credentials included) a request to `target` goes through. */
export function proxyUrlFor(settings: ProxySettings | undefined, target: URL): string | undefined {
  if (!settings) return undefined;
  const proxy =
    target.protocol === "https:" ? (settings.httpsProxy ?? settings.httpProxy) : settings.httpProxy;
  if (!proxy || !parseProxyUrl(proxy) || bypassed(settings.noProxy ?? "", target)) return undefined;
  return proxy;
}

function bypassed(noProxy: string, target: URL): boolean {
  if (noProxy.trim() === "*") return true;
  const host = target.host.replace(/:\d*$/, "").toLowerCase();
  const port = Number.parseInt(target.port, 10) || DEFAULT_PORTS[target.protocol] || 0;
  return noProxy
    .split(/[,\s]/)
    .filter(Boolean)
    .some((entry) => {
      const colon = entry.lastIndexOf(":");
      const hasPort = colon > 0 && /^\d+$/.test(entry.slice(colon + 1));
      if (hasPort && Number(entry.slice(colon + 1)) !== port) return false;
      const name = (hasPort ? entry.slice(0, colon) : entry).replace(/^\*?\./, "").toLowerCase();
      return host === name || host.endsWith(`.${name}`);
    });
}

/**
 * The credentials in the proxy URLs, in every form they can take in an output: as written
 * (percent-encoded), decoded, and as the Basic value of the Proxy-Authorization header.
 */
export function proxySecrets(settings: ProxySettings | undefined): string[] {
  const secrets = new Set<string>();
  for (const value of [settings?.httpProxy, settings?.httpsProxy]) {
    const url = value ? parseProxyUrl(value) : undefined;
    if (!url?.password) continue;
    const user = percentDecodeOrKeep(url.username);
    const password = percentDecodeOrKeep(url.password);
    secrets.add(url.password);
    secrets.add(password);
    secrets.add(Buffer.from(`${user}:${password}`).toString("base64"));
  }
  return [...secrets];
}
