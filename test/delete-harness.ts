/**
 * The real server (createApp, --allow-write) and the simulator, joined in memory by an SDK
 * client that may declare form elicitation and answer it. startHarness cannot: its client has
 * fixed capabilities.
 */
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import {
  type CallToolResult,
  type ElicitRequest,
  ElicitRequestSchema,
  type ElicitResult,
} from "@modelcontextprotocol/sdk/types.js";
import { pino } from "pino";
import { afterEach, vi } from "vitest";
import { createApp } from "../src/app.js";
import type { FailureJobRecord, Simulator } from "../src/simulator/index.js";
import { startSimulator } from "../src/simulator/index.js";
import { type HarnessOptions, simulatorConfig } from "./harness.js";

export const ONE = "delete_failed_sdrs_task";
export const ALL = "delete_all_failed_sdrs_tasks";

export type OnElicit = (params: ElicitRequest["params"]) => Promise<ElicitResult>;

export interface DeleteHarness {
  sim: Simulator;
  client: Client;
  /** Every elicitation/create the server sent, in order. */
  asked: ElicitRequest["params"][];
  call(name: string, args?: Record<string, unknown>): Promise<CallToolResult>;
  /** The paths of every DELETE the simulator received, in order. */
  deletes(): string[];
  close(): Promise<void>;
}

export async function startDeleteHarness(
  options: HarnessOptions & { onElicit?: OnElicit } = {},
): Promise<DeleteHarness> {
  const sim = await startSimulator(options);
  const app = await createApp(simulatorConfig(sim, { ...options, allowWrite: true }), {
    logger: pino({ level: "silent" }),
    retry: { baseDelayMs: 1, maxDelayMs: 5, random: () => 0.5 },
  });
  const { onElicit } = options;
  const client = new Client(
    { name: "delete-test", version: "1.0.0" },
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
    asked,
    call: async (name, args = {}) =>
      (await client.callTool({ name, arguments: args })) as CallToolResult,
    deletes: () => sim.requests.filter((r) => r.method === "DELETE").map((r) => r.path),
    close: async () => {
      await client.close();
      await app.close();
      await sim.close();
    },
  };
}

/** A starter for one test file: each test's harness is closed after it, timers made real. */
export function harnessPerTest(): typeof startDeleteHarness {
  let current: DeleteHarness | undefined;
  afterEach(async () => {
    vi.useRealTimers();
    await current?.close();
    current = undefined;
  });
  return async (options) => {
    current = await startDeleteHarness(options);
    return current;
  };
}

/** The records listed under one scope (null: protection-group level), as the simulator has them. */
export function recordsIn(sim: Simulator, serverGroupId: string | null): FailureJobRecord[] {
  return sim.data.failureJobs.filter((r) => r.serverGroupId === serverGroupId);
}

/** The first record of a scope, as the simulator lists it. */
export function firstRecord(sim: Simulator, serverGroupId: string | null): FailureJobRecord {
  const record = recordsIn(sim, serverGroupId)[0];
  if (!record) throw new Error(`no failure listed under ${serverGroupId ?? "group level"}`);
  return record;
}

/** A group that has failures inside it. */
export function groupWithFailures(sim: Simulator): string {
  const record = sim.data.failureJobs.find((r) => r.serverGroupId !== null);
  if (!record?.serverGroupId) throw new Error("the simulator has no failure inside a group");
  return record.serverGroupId;
}

/** What the delete tools answer (see deleteOutput), for reading in tests. */
export interface DeleteAnswer {
  summary: string;
  outcome: string;
  project_id: string;
  server_group_id: string | null;
  preview?: { count: number; first: unknown[]; by_failure_status: Record<string, number> };
  confirm_token?: string;
  confirm_token_expires_at?: string;
  deleted?: { count: number };
  sent?: { id: string; id_kind: string; answer: string }[];
  left?: number | null;
}

export function structured(result: CallToolResult): DeleteAnswer {
  if (result.isError) throw new Error(`unexpected isError: ${JSON.stringify(result.content)}`);
  return result.structuredContent as unknown as DeleteAnswer;
}
