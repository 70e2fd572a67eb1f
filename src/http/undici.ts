/**
 * undici, loaded on the first request rather than at start-up: importing it sets up fetch,
 * WebSocket and cookie support this server never uses, a large share of its cold start
 * (bench/cold-start.mjs). Hosts time out servers that start slowly.
 */
import type * as Undici from "undici";
import type { Agent, Dispatcher } from "undici";
import { commonJsExports } from "./interop.js";
import { hasProxy, type ProxySettings } from "./proxy.js";

let loading: Promise<typeof Undici> | undefined;

export function loadUndici(): Promise<typeof Undici> {
  loading ??= import("undici").then((m) => commonJsExports<typeof Undici>(m, "Agent"));
  return loading;
}

/** A dispatcher, or a way to make one on first use (the production keep-alive Agent). */
export type DispatcherSource = Dispatcher | (() => Promise<Dispatcher>);

export function resolveDispatcher(source: DispatcherSource): Promise<Dispatcher> {
  return typeof source === "function" ? source() : Promise.resolve(source);
}

/**
 * The production dispatcher, created on the first request; close() is a no-op if none was
 * made. With a proxy configured it is undici's EnvHttpProxyAgent, given the settings read at
 * start (never process.env behind the configuration's back): the same keep-alive and connect
 * timeout apply to the direct connections, to the proxy and to the tunnels through it.
 */
export function lazyAgent(
  options: Agent.Options & { connect?: { timeout?: number } },
  proxy?: ProxySettings,
): (() => Promise<Dispatcher>) & { close(): Promise<void> } {
  let agent: Promise<Dispatcher> | undefined;
  const get = () => {
    agent ??= loadUndici().then(({ Agent, EnvHttpProxyAgent, Pool }) => {
      if (!hasProxy(proxy)) return new Agent(options);
      const timeout = options.connect?.timeout;
      const tls = { timeout };
      return new EnvHttpProxyAgent({
        ...options,
        proxyTls: tls,
        requestTls: tls,
        // The proxy's answer to CONNECT gets the same deadline as any answer (undici's default
        // would wait 300 s for a proxy that accepted the connection and then said nothing).
        clientFactory: (origin, opts) =>
          new Pool(origin, { ...opts, ...(timeout && { headersTimeout: timeout }) }),
        // Empty strings, not undefined: undici would otherwise read process.env itself.
        httpProxy: proxy?.httpProxy ?? "",
        httpsProxy: proxy?.httpsProxy ?? "",
        noProxy: proxy?.noProxy ?? "",
      });
    });
    return agent;
  };
  return Object.assign(get, { close: async () => (agent ? (await agent).close() : undefined) });
}
