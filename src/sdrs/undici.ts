/**
 * undici, loaded on the first request rather than at start-up: importing it sets up fetch,
 * WebSocket and cookie support this server never uses, a large share of its cold start
 * (bench/cold-start.mjs). Hosts time out servers that start slowly.
 */
import type * as Undici from "undici";
import type { Agent, Dispatcher } from "undici";
import { commonJsExports } from "../interop.js";

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

/** A keep-alive Agent created on the first request; close() is a no-op if none was made. */
export function lazyAgent(options: Agent.Options): (() => Promise<Dispatcher>) & {
  close(): Promise<void>;
} {
  let agent: Promise<Agent> | undefined;
  const get = () => {
    agent ??= loadUndici().then(({ Agent }) => new Agent(options));
    return agent;
  };
  return Object.assign(get, { close: async () => (agent ? (await agent).close() : undefined) });
}
