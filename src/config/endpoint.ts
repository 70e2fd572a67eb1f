/**
 * The one rule for every endpoint sdrs-mcp sends credentials to, wherever it comes from
 * (SDRS_ENDPOINT, OS_AUTH_URL, clouds.yaml's auth_url, the IAM token catalog): https, or plain
 * http only to a loopback host (the simulator, tests); no user info, query or fragment. A token
 * must never travel in clear text to an address the configuration would have refused.
 */

import { withoutUserInfo } from "../text/secrets.js";

const LOOPBACK_HOSTS = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/;

/** localhost, 127.x.x.x or [::1] (a URL's hostname keeps the brackets of an IPv6 address). */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.test(hostname.toLowerCase());
}

export type EndpointCheck =
  | { url: string; problem?: undefined }
  | { url?: undefined; problem: string };

export interface EndpointOptions {
  /**
   * Drop a trailing `/v1` or `/v1/<project>`: the token catalog lists SDRS as
   * https://host/v1/<project_id> and users copy that form; the client wants the base URL.
   */
  stripApiPath?: boolean;
}

/** `name` is what the user would set (SDRS_ENDPOINT, …), used in the problem text. */
export function checkEndpoint(
  value: string,
  name: string,
  options: EndpointOptions = {},
): EndpointCheck {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return {
      problem: `${name} "${withoutUserInfo(value, "value")}" is not a URL; expected https://host[:port]`,
    };
  }
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol !== "https:" && !(url.protocol === "http:" && loopback)) {
    return {
      problem: `${name} must use https:// (http:// is accepted only for localhost/127.0.0.1)`,
    };
  }
  if (url.username || url.password || url.search || url.hash) {
    return { problem: `${name} must not carry credentials, a query or a fragment` };
  }
  // Linear patterns only: a catalog URL is upstream text.
  const path = options.stripApiPath ? url.pathname.replace(/\/v1(\/[^/]*)?\/?$/, "") : url.pathname;
  return { url: `${url.origin}${trimTrailingSlashes(path)}` };
}

function trimTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 0 && path[end - 1] === "/") end--;
  return path.slice(0, end);
}
