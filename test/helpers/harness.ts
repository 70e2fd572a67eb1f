import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import {
  type CallToolResult,
  type ElicitRequest,
  ElicitRequestSchema,
  type ElicitResult,
} from "@modelcontextprotocol/sdk/types.js";
import { pino } from "pino";
import { createApp } from "../../src/app/app.js";
import type { Config } from "../../src/config/config.js";
import { RawResponseStore, type RawStoreLimits } from "../../src/mcp/raw-store.js";
import {
  type Simulator,
  type SimulatorOptions,
  startSimulator,
} from "../../src/simulator/index.js";

export type OnElicit = (params: ElicitRequest["params"]) => Promise<ElicitResult>;

export interface Harness {
  sim: Simulator;
  client: Client;
  rawStore: RawResponseStore;
  /** Every elicitation/create the server sent, in order (with `onElicit`). */
  asked: ElicitRequest["params"][];
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  close(): Promise<void>;
}

export interface HarnessOptions extends SimulatorOptions {
  allowWrite?: boolean;
  rawLimits?: RawStoreLimits;
  timeoutMs?: number;
  concurrency?: number;
  toolTimeoutMs?: number;
  /** Declares form elicitation on the client and answers it so. */
  onElicit?: OnElicit;
  /** Runs the server as --demo does (marking every answer), still against this simulator. */
  demo?: boolean;
}

/** A token configuration pointing at the simulator, as a user's environment would give it. */
export function simulatorConfig(
  sim: Pick<Simulator, "token" | "projectId" | "url"> | { token: string; projectId: string },
  options: HarnessOptions = {},
): Config {
  return {
    credentials: { kind: "token", token: sim.token },
    projectId: sim.projectId,
    region: "eu-de",
    ...("url" in sim && { endpoint: sim.url }),
    authUrl: "https://iam.eu-de.otc.t-systems.com/v3",
    logLevel: "silent",
    timeoutMs: options.timeoutMs ?? 5000,
    toolTimeoutMs: options.toolTimeoutMs ?? 30_000,
    concurrency: options.concurrency ?? 8,
    retries: 2,
    allowWrite: options.allowWrite ?? false,
    demo: options.demo ?? false,
  };
}

/** The real server (createApp) and the simulator, joined by the real client in memory. */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const sim = await startSimulator(options);
  const rawStore = new RawResponseStore(options.rawLimits);
  const app = await createApp(simulatorConfig(sim, options), {
    logger: pino({ level: "silent" }),
    retry: { baseDelayMs: 1, maxDelayMs: 5, random: () => 0.5 },
    rawStore,
  });
  const { onElicit } = options;
  const client = new Client(
    { name: "test", version: "1.0.0" },
    onElicit ? { capabilities: { elicitation: { form: {} } } } : {},
  );
  const asked: ElicitRequest["params"][] = [];
  if (onElicit) {
    client.setRequestHandler(ElicitRequestSchema, (request) => {
      asked.push(request.params);
      return onElicit(request.params);
    });
  }
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await Promise.all([app.server.connect(serverSide), client.connect(clientSide)]);
  return {
    sim,
    client,
    rawStore,
    asked,
    call: async (name, args = {}) =>
      (await client.callTool({ name, arguments: args })) as CallToolResult,
    close: async () => {
      await client.close();
      await app.close();
      await sim.close();
    },
  };
}

export function textOf(result: CallToolResult): string {
  return result.content.map((c) => (c.type === "text" ? c.text : "")).join("\n");
}
