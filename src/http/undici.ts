/**
 * undici, loaded on the first request rather than at start-up: importing it sets up fetch,
 * WebSocket and cookie support this server never uses, a large share of its cold start
 * (bench/cold-start.mjs). Hosts time out servers that start slowly.
 */
import type * as Undici from "undici";
import type { Agent, Dispatcher } from "undici";
import { commonJsExports } from "./interop.js";
import { hasProxy, type ProxySettings } from "./proxy.js";
import { type Connector, secureContextWith, tunnelThen, watchingConnector } from "./tls.js";

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
 * start (never process.env behind the configuration's back): the same keep-alive, connect
 * timeout and trusted certificates apply to the direct connections, to the proxy and to the
 * tunnels through it, and every one of them reports a refused certificate as such (tls.ts).
 *
 * @param extraCa PEM certificates trusted on top of Node's default roots (OS_CACERT).
 */
export function lazyAgent(
  options: Agent.Options & { connect?: { timeout?: number } },
  proxy?: ProxySettings,
  extraCa?: readonly string[],
): (() => Promise<Dispatcher>) & { close(): Promise<void> } {
  let agent: Promise<Dispatcher> | undefined;
  const get = () => {
    agent ??= Promise.all([loadUndici(), import("node:tls")]).then(([undici, tls]) => {
      const { Agent, EnvHttpProxyAgent, Pool } = undici;
      const timeout = options.connect?.timeout;
      const secureContext = secureContextWith(tls, extraCa);
      const tlsOptions = { ...(timeout && { timeout }), ...(secureContext && { secureContext }) };
      const direct = watchingConnector(undici, tlsOptions);
      if (!hasProxy(proxy)) return new Agent({ ...options, connect: direct });
      return new EnvHttpProxyAgent({
        ...options,
        connect: direct,
        // Used only if the connectors below were bypassed: the same trust either way.
        proxyTls: tlsOptions,
        requestTls: tlsOptions,
        // Each origin's pool: direct ones keep `direct`; tunnelled ones get the proxy's CONNECT
        // step followed by the watching TLS connector.
        factory: (origin, opts) => {
          const connect = (opts as { connect?: unknown }).connect;
          const tunnelled = typeof connect === "function" && connect !== direct;
          return new Pool(origin, {
            ...opts,
            connect: tunnelled ? tunnelThen(connect as Connector, direct) : direct,
          });
        },
        // The connection to the proxy itself (TLS when it is an https:// proxy). Its answer to
        // CONNECT gets the same deadline as any answer (undici's default would wait 300 s for a
        // proxy that accepted the connection and then said nothing).
        clientFactory: (origin, opts) =>
          new Pool(origin, {
            ...opts,
            connect: direct,
            ...(timeout && { headersTimeout: timeout }),
          }),
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
