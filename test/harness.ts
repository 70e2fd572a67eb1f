import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import { pino } from "pino";
import { Agent } from "undici";
import { tokenAuthenticator } from "../src/auth/types.js";
import { RawResponseStore, type RawStoreLimits } from "../src/resources/raw-store.js";
import { createSdrsClient } from "../src/sdrs/client.js";
import { createServer } from "../src/server.js";
import { type Simulator, type SimulatorOptions, startSimulator } from "../src/simulator/index.js";
import { VERSION } from "../src/version.js";

export interface Harness {
  sim: Simulator;
  client: Client;
  rawStore: RawResponseStore;
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

/** The real server and the simulator, joined by the real client over an in-memory transport. */
export async function startHarness(
  options: SimulatorOptions & {
    allowWrite?: boolean;
    rawLimits?: RawStoreLimits;
    timeoutMs?: number;
    concurrency?: number;
    toolTimeoutMs?: number;
  } = {},
): Promise<Harness> {
  const sim = await startSimulator(options);
  const dispatcher = new Agent({ keepAliveTimeout: 1000 });
  const rawStore = new RawResponseStore(options.rawLimits);
  const server = createServer({
    client: createSdrsClient({
      dispatcher,
      endpoint: async () => sim.url,
      auth: tokenAuthenticator(sim.token),
      timeoutMs: options.timeoutMs ?? 5000,
      userAgent: "sdrs-mcp/test",
      retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5, random: () => 0.5 },
    }),
    defaultProjectId: async () => sim.projectId,
    rawStore,
    logger: pino({ level: "silent" }),
    secrets: () => [sim.token],
    allowWrite: options.allowWrite ?? false,
    version: VERSION,
    concurrency: options.concurrency ?? 8,
    toolTimeoutMs: options.toolTimeoutMs ?? 30_000,
  });
  const client = new Client({ name: "test", version: "1.0.0" });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await Promise.all([server.connect(serverSide), client.connect(clientSide)]);
  return {
    sim,
    client,
    rawStore,
    call: async (name, args = {}) =>
      (await client.callTool({ name, arguments: args })) as CallToolResult,
    close: async () => {
      await client.close();
      await server.close();
      await dispatcher.close();
      await sim.close();
    },
  };
}

export function textOf(result: CallToolResult): string {
  return result.content.map((c) => (c.type === "text" ? c.text : "")).join("\n");
}
